"""Pages of the platform app: sign-up and login, the freelancer side, API tokens,
and the error pages. Venture pages live in `views_venture`.

Views stay thin: they read through `selectors`, write through `services`, and
turn a refusal into a page: `NotFound` is a 404, `Forbidden` a 403, and any
other `DomainError` is shown on the form that caused it.
"""

from __future__ import annotations

import functools
import logging
from datetime import datetime
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView, LogoutView
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.utils import timezone
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from bornglobal.apierrors import too_large_body
from bornglobal.domain import places
from bornglobal.domain.errors import DomainError, Forbidden, NotFound
from bornglobal.domain.roles import Action, may
from bornglobal.tenancy import selectors, services
from bornglobal.tenancy.forms import (
    EmailLoginForm,
    ProfileForm,
    SignupForm,
    TokenForm,
    show_domain_error,
)
from bornglobal.tenancy.middleware import SESSION_KEY

logger = logging.getLogger(__name__)
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def refusals_as_http(view):
    """Map the services' NotFound to a 404 page and Forbidden to the 403 page."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NotFound as error:
            raise Http404(error.message) from None
        except Forbidden as error:
            raise PermissionDenied(error.message) from None

    return wrapped


class EmailLoginView(LoginView):
    template_name = "tenancy/login.html"
    form_class = EmailLoginForm
    redirect_authenticated_user = True


class PostOnlyLogoutView(LogoutView):
    http_method_names = ["post", "options"]


def home(request):
    if not request.user.is_authenticated:
        return redirect("login")
    membership = getattr(request, "current_membership", None)
    if membership is not None:
        return redirect("venture_home", venture_id=membership.venture_id)
    return redirect("me")


@never_cache
def signup(request):
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.sign_up(
                form.cleaned_data["email"],
                form.cleaned_data["password"],
                services.PersonDetails(**form.person_fields()),
            )
        except (NotFound, Forbidden):
            raise
        except DomainError as error:
            show_domain_error(form, error)
        else:
            login(request, user, backend=MODEL_BACKEND)
            messages.success(request, f"Welcome to Born Global, {user.full_name}.")
            return redirect("home")
    return render(request, "tenancy/signup.html", {"form": form})


@login_required
@require_POST
@refusals_as_http
def switch_venture(request):
    try:
        venture_id = int(request.POST.get("venture", ""))
    except ValueError:
        raise Http404("No such venture.") from None
    venture = selectors.venture_for(request.actor, venture_id)
    request.session[SESSION_KEY] = venture.id
    return redirect("venture_home", venture_id=venture.id)


def _profile_initial(user) -> dict:
    return {name: getattr(user, name)
            for name in ("full_name", "country", "time_zone", "currency", "is_freelancer")}


@login_required
@refusals_as_http
def me(request):
    actor = request.actor
    form = ProfileForm(request.POST or None, initial=_profile_initial(actor.user))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_profile(actor, **form.person_fields())
        except (NotFound, Forbidden):
            raise
        except DomainError as error:
            show_domain_error(form, error)
        else:
            messages.success(request, "Your profile is saved.")
            return redirect("me")
    user = actor.user
    now = timezone.now()
    context = {
        "form": form,
        "person": user,
        "country": places.country_name(user.country),
        "local_time": clock_label(user.time_zone, now),
        "utc_offset": offset_label(places.utc_offset_minutes(user.time_zone, now)),
        "memberships": selectors.my_memberships(actor),
    }
    return render(request, "tenancy/me.html", context)


def clock_label(zone: str, now: datetime) -> str:
    """The wall-clock time in `zone` at instant `now`, e.g. "14:05 Tue"."""
    local = now.astimezone(ZoneInfo(zone))
    return f"{local:%H:%M} {local:%a}"


def offset_label(minutes: int) -> str:
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{rest:02d}"


def _token_ventures(actor) -> list:
    return [membership.venture for membership in selectors.my_memberships(actor)
            if may(membership.role, Action.MANAGE_VENTURE_TOKENS)]


@never_cache
@login_required
@refusals_as_http
def tokens(request):
    actor = request.actor
    form = TokenForm(request.POST or None, ventures=_token_ventures(actor))
    issued = None
    if request.method == "POST" and form.is_valid():
        try:
            issued = services.issue_token(actor, form.cleaned_data["name"], form.venture_id())
        except (NotFound, Forbidden):
            raise
        except DomainError as error:
            show_domain_error(form, error)
        else:
            form = TokenForm(ventures=_token_ventures(actor))
    context = {"form": form, "issued": issued, "tokens": selectors.tokens_of(actor)}
    return render(request, "tenancy/tokens.html", context)


@login_required
@require_POST
@refusals_as_http
def revoke_token(request, token_id: int):
    token = services.revoke_token(request.actor, token_id)
    messages.success(request, f"Token “{token.name}” is revoked.")
    return redirect("tokens")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def forbidden(request, exception=None):
    reason = str(exception) if exception is not None else ""
    return render(request, "403.html", {"reason": reason}, status=403)


def bad_request(request, exception=None):
    """Django's 400; a body over the size limit is a 413 (JSON on the API, docs/api.md)."""
    if not isinstance(exception, RequestDataTooBig):
        return defaults.bad_request(request, exception)
    code, message, details = too_large_body()
    if request.path.startswith("/api/"):
        body = {"code": code, "message": message, "details": details}
        return JsonResponse(body, status=413)
    return render(request, "413.html", {"message": message}, status=413)


def server_error(request):
    """No request context: the page must render even when the database is down."""
    try:
        body = loader.get_template("500.html").render({})
    except Exception:  # the error page itself must never fail
        logger.exception("The 500 page could not be rendered.")
        return HttpResponseServerError("Server error", content_type="text/plain")
    return HttpResponse(body, status=500)

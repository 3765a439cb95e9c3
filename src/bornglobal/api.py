"""The REST API: one NinjaAPI at /api/v1 mounting every app's router."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from ninja import NinjaAPI
from ninja.parser import Parser

from bornglobal import __version__, apierrors
from bornglobal.invoicing.api import router as invoicing_router
from bornglobal.invoicing.api_tax import router as tax_router
from bornglobal.jobs.api import router as jobs_router
from bornglobal.jsonbody import parse_object
from bornglobal.money.api import router as money_router
from bornglobal.network.api import router as network_router
from bornglobal.network.api_partners import router as partners_router
from bornglobal.network.api_profiles import router as profiles_router
from bornglobal.network.api_reviews import router as reviews_router
from bornglobal.network.api_search import router as search_router
from bornglobal.notifications.api import router as notifications_router
from bornglobal.tenancy.api import router as tenancy_router
from bornglobal.tenancy.auth import API_AUTH
from bornglobal.work.api import router as work_router
from bornglobal.work.api_disputes import router as disputes_router
from bornglobal.work.api_files import router as files_router
from bornglobal.work.api_handoffs import router as handoffs_router
from bornglobal.work.api_teams import router as teams_router
from bornglobal.work.api_timesheets import router as timesheets_router


class JsonBodyParser(Parser):
    """Every JSON body through `jsonbody.parse_object`: an object, bounded in size and
    depth (ninja raises its errors as the cause of an HttpError; see `apierrors`)."""

    def parse_body(self, request: HttpRequest) -> dict:
        return parse_object(request.body)


api = NinjaAPI(
    title="Born Global API",
    version=__version__,
    description=(
        "REST API of Born Global. Authenticate with a session (the web login, with CSRF) "
        "or an API token: `Authorization: Bearer bg_…`. Every 4xx answer has the shape "
        '`{"code": ..., "message": ..., "details": ...}`. Lists are paginated with '
        '`limit` and `offset` and answer `{"items": [...], "count": N}`.'
    ),
    auth=API_AUTH,
    urls_namespace="api",
    parser=JsonBodyParser(),
)
apierrors.install(api)
api.add_router("/", tenancy_router)
api.add_router("/", money_router)
api.add_router("/", network_router)
api.add_router("/", search_router)
api.add_router("/", profiles_router)
api.add_router("/", partners_router)
api.add_router("/", reviews_router)
api.add_router("/", invoicing_router)
api.add_router("/", tax_router)
api.add_router("/", work_router)
api.add_router("/", teams_router)
api.add_router("/", disputes_router)
api.add_router("/", files_router)
api.add_router("/", handoffs_router)
api.add_router("/", timesheets_router)
api.add_router("/", notifications_router)
api.add_router("/", jobs_router)


def unknown_endpoint(request: HttpRequest, rest: str = "") -> JsonResponse:
    return JsonResponse(
        {"code": "not_found", "message": "No such API endpoint.", "details": None}, status=404
    )

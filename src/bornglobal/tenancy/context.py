"""Template context for the web shell: navigation and the venture switcher."""

from __future__ import annotations

from typing import NamedTuple

from django.urls import reverse

from bornglobal.domain.roles import Action, may
from bornglobal.tenancy.models import Membership


class Capability(NamedTuple):
    """A part of the platform in the navigation; without pages yet it is "coming soon".

    A capability with pages names its venture page (`url_name`, taking the venture id),
    the grant that page needs (`action`), and where everyone else goes (`personal_url_name`,
    e.g. a freelancer's own earnings). Without an `action` the page is for every logged-in
    user and its url name takes no arguments (e.g. the ESCO skills reference).
    """

    label: str
    slug: str
    summary: str
    url_name: str = ""
    action: Action | None = None
    personal_url_name: str = ""
    pages: tuple[tuple[str, str], ...] = ()  # (label, url name) shown under it when open


CAPABILITIES = (
    Capability("Network", "network", "Profiles, ESCO skills, partners and search",
               "network_search", pages=(
                   ("Talent search", "network_search"), ("Partners", "network_partners"),
                   ("My profile", "network_my_profile"), ("Reviews", "network_reviews"),
                   ("ESCO skills", "network_skills"))),
    Capability("Teams", "teams", "Team formation and follow-the-sun handoffs",
               "teams_home", Action.VIEW_VENTURE),
    Capability("Work", "work", "Projects, contracts, timesheets and reviews",
               "work_projects", Action.VIEW_VENTURE, "work_my_contracts",
               pages=(("My contracts", "work_my_contracts"),)),
    Capability("Money", "money", "Ledger, escrow, FX and payouts",
               "money_home", Action.VIEW_MONEY, "money_earnings"),
    Capability("Invoicing", "invoicing", "VAT/GST, invoices and credit notes",
               "invoicing_list", Action.VIEW_MONEY, "invoicing_mine", pages=(
                   ("Invoices", "invoicing_current"), ("Tax reports", "invoicing_reports_current"),
                   ("Tax check", "invoicing_tax_check"), ("My invoices", "invoicing_mine"))),
    Capability("Commerce", "commerce", "Products, orders and partner routing"),
    Capability("Insight", "insight", "Founder dashboard and public statistics"),
)
COMING_SOON = tuple(c[:3] for c in CAPABILITIES if not c.url_name)


def _nav_membership(request, memberships: list[Membership]) -> Membership | None:
    """The venture on screen if the user belongs to it, else the switcher's venture."""
    match = getattr(request, "resolver_match", None)
    shown = match.kwargs.get("venture_id") if match is not None else None
    for membership in memberships:
        if membership.venture_id == shown:
            return membership
    return getattr(request, "current_membership", None)


def capability_links(request, memberships: list[Membership]) -> list[dict]:
    """Capabilities with pages, each linked for this user and this venture."""
    membership = _nav_membership(request, memberships)
    match = getattr(request, "resolver_match", None)
    here = (match.url_name or "") if match is not None else ""
    links = []
    for capability in CAPABILITIES:
        if not capability.url_name:
            continue
        if capability.action is None:
            url = reverse(capability.url_name)
        elif membership is not None and may(membership.role, capability.action):
            url = reverse(capability.url_name, args=[membership.venture_id])
        elif capability.personal_url_name:
            url = reverse(capability.personal_url_name)
        else:
            continue
        current = here.startswith(f"{capability.slug}_")
        pages = [{"label": label, "url": reverse(name), "current": here == name}
                 for label, name in capability.pages] if current else []
        links.append({"label": capability.label, "slug": capability.slug,
                      "summary": capability.summary, "url": url, "current": current,
                      "pages": pages})
    return links


def shell(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"capabilities": COMING_SOON}
    memberships = list(
        Membership.objects.filter(user=user).select_related("venture").order_by("venture__name")
    )
    return {
        "capabilities": COMING_SOON,
        "capability_links": capability_links(request, memberships),
        "my_memberships": memberships,
        "current_membership": getattr(request, "current_membership", None),
    }

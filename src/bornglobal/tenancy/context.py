"""Template context for the web shell: navigation and the venture switcher."""

from __future__ import annotations

from bornglobal.tenancy.models import Membership

CAPABILITIES = (
    ("Network", "network", "Profiles, ESCO skills, partners and search"),
    ("Teams", "teams", "Team formation and follow-the-sun handoffs"),
    ("Work", "work", "Projects, contracts, timesheets and reviews"),
    ("Money", "money", "Ledger, escrow, FX and payouts"),
    ("Invoices", "invoices", "VAT/GST, invoices and credit notes"),
    ("Commerce", "commerce", "Products, orders and partner routing"),
    ("Insight", "insight", "Founder dashboard and public statistics"),
)


def shell(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"capabilities": CAPABILITIES}
    memberships = list(
        Membership.objects.filter(user=user).select_related("venture").order_by("venture__name")
    )
    return {
        "capabilities": CAPABILITIES,
        "my_memberships": memberships,
        "current_membership": getattr(request, "current_membership", None),
    }

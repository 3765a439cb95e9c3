"""Venture B's invoicing objects and request bodies for the API-wide cross-tenant test
(`tests/api/test_cross_tenant.py` calls every endpoint with B's ids)."""

from datetime import date
from decimal import Decimal

from bornglobal.domain.money import Money
from bornglobal.invoicing import issuing, services
from bornglobal.invoicing.taxes import LinePlan
from bornglobal.tenancy.actors import Actor
from tests.factories import UserFactory

V = "/api/v1/ventures/{venture_id}"
INVOICING_BODIES = {
    ("post", f"{V}/invoices"): {
        "customer_id": 1,
        "lines": [{"description": "x", "unit_price": "1.00"}],
    },
    ("post", f"{V}/invoices/{{invoice_id}}/credit-notes"): {"reason": "x"},
    ("post", f"{V}/invoices/{{invoice_id}}/payments"): {
        "amount": {"amount": "1.00", "currency": "EUR"}
    },
    ("post", f"{V}/customers"): {"name": "x", "country": "DE"},
    ("put", f"{V}/billing"): {"legal_name": "x", "address": "y"},
    ("post", f"{V}/self-billing"): {"freelancer_email": "x@example.org"},
    ("post", "/api/v1/self-billing/{agreement_id}/end"): {},
    ("post", "/api/v1/me/self-billing/{agreement_id}/accept"): {},
}


def invoicing_of_b(other_founder, other_venture) -> dict:
    """B's billing details, a customer, an invoice and a self-billing proposal."""
    actor = Actor(other_founder)
    services.set_venture_billing(
        actor, other_venture.id, legal_name="Berlin Bits GmbH", address="Torstraße 1\n10119 Berlin"
    )
    customer = services.add_customer(actor, other_venture.id, name="B's customer", country="DE")
    invoice = issuing.issue_invoice(
        actor,
        other_venture.id,
        customer.id,
        [LinePlan("B's work", Decimal(1), Money.of("100.00", "EUR"))],
        supply_date=date(2026, 6, 15),
        issue_date=date(2026, 6, 15),
    )
    agreement = services.propose_self_billing(
        actor, other_venture.id, UserFactory(is_freelancer=True).email
    )
    return {"invoice_id": invoice.id, "agreement_id": agreement.id, "kind": "oss"}

"""Reads of the invoicing app, scoped to what the actor may see.

A venture's invoices -- sales to its customers, and the invoices freelancers issued
to it or that it self-billed -- are visible to its owners and managers (the money
grant). A freelancer sees the invoices issued in their own name, in every venture,
and nothing else of those ventures. A venture token reaches one venture's invoices;
a freelancer token only the freelancer's own.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from bornglobal.domain.errors import NotFound
from bornglobal.domain.roles import Action, may
from bornglobal.invoicing.models import (
    BillingProfile,
    Customer,
    Invoice,
    SelfBillingAgreement,
)
from bornglobal.tenancy import selectors as tenancy
from bornglobal.tenancy.actors import Actor
from bornglobal.tenancy.models import Venture


def books(actor: Actor, venture_id: int) -> Venture:
    return tenancy.venture_for(actor, venture_id, Action.VIEW_MONEY)


def _documents() -> QuerySet[Invoice]:
    return Invoice.objects.select_related("series", "credits", "venture").prefetch_related(
        "lines", "tax_groups", "payments", "credit_notes", "reminders"
    )


def invoices_of(actor: Actor, venture_id: int, *, kind: str = "") -> QuerySet[Invoice]:
    venture = books(actor, venture_id)
    found = _documents().filter(venture=venture)
    return found.filter(kind=kind) if kind else found


def invoice_for(actor: Actor, venture_id: int, invoice_id: int) -> Invoice:
    invoice = invoices_of(actor, venture_id).filter(id=invoice_id).first()
    if invoice is None:
        raise NotFound("No such invoice.")
    return invoice


def my_invoices(actor: Actor) -> QuerySet[Invoice]:
    """The invoices issued in the actor's name as a freelancer."""
    if actor.venture_scope is not None:
        return Invoice.objects.none()
    return _documents().filter(freelancer=actor.user)


def my_invoice(actor: Actor, invoice_id: int) -> Invoice:
    invoice = my_invoices(actor).filter(id=invoice_id).first()
    if invoice is None:
        raise NotFound("No such invoice.")
    return invoice


def readable_invoices(actor: Actor) -> QuerySet[Invoice]:
    """Every document the actor may read: their ventures' (money grant) and their own."""
    ventures = [
        m.venture_id for m in tenancy.my_memberships(actor) if may(m.role, Action.VIEW_MONEY)
    ]
    mine = Q(freelancer=actor.user) if actor.venture_scope is None else Q(pk__in=[])
    return _documents().filter(Q(venture_id__in=ventures) | mine)


def customers_of(actor: Actor, venture_id: int) -> QuerySet[Customer]:
    return Customer.objects.filter(venture=books(actor, venture_id))


def customer_for(actor: Actor, venture_id: int, customer_id: int) -> Customer:
    customer = customers_of(actor, venture_id).filter(id=customer_id).first()
    if customer is None:
        raise NotFound("No such customer.")
    return customer


def venture_billing(actor: Actor, venture_id: int) -> BillingProfile | None:
    return BillingProfile.objects.filter(venture=books(actor, venture_id)).first()


def my_billing(actor: Actor) -> BillingProfile | None:
    if actor.venture_scope is not None:
        return None
    return BillingProfile.objects.filter(person=actor.user).first()


def agreements_of(actor: Actor, venture_id: int) -> QuerySet[SelfBillingAgreement]:
    return SelfBillingAgreement.objects.filter(venture=books(actor, venture_id)).select_related(
        "freelancer"
    )


def my_agreements(actor: Actor) -> QuerySet[SelfBillingAgreement]:
    if actor.venture_scope is not None:
        return SelfBillingAgreement.objects.none()
    return SelfBillingAgreement.objects.filter(freelancer=actor.user).select_related("venture")

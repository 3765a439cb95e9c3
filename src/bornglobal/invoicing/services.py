"""Writes of the invoicing app, other than issuing (`issuing`), escrow invoices
(`escrow`), payments (`payments`) and reminders (`reminders`): billing details,
customers and self-billing agreements.

Each service checks the actor's permission, runs in one transaction and leaves an
audit record. Issuing lives in `issuing.issue_invoice` and `credit_notes.issue_credit_note`.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from bornglobal import clock
from bornglobal.domain import places
from bornglobal.domain.errors import Conflict, DomainError, Forbidden, NotFound
from bornglobal.domain.roles import Action
from bornglobal.invoicing.models import BillingProfile, Customer, SelfBillingAgreement
from bornglobal.tenancy import audit
from bornglobal.tenancy import selectors as tenancy
from bornglobal.tenancy.actors import Actor
from bornglobal.tenancy.models import User

State = SelfBillingAgreement.State


def _text(value: str, limit: int, what: str, *, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise DomainError(f"The {what} is required.", code=f"invalid_{what.replace(' ', '_')}")
    return value[:limit]


def _profile_fields(
    country: str,
    legal_name: str,
    address: str,
    vat_id: str,
    payment_terms_days: int,
    over_eu_threshold: bool,
) -> dict:
    if not 0 <= payment_terms_days <= 365:
        raise DomainError("Payment terms are 0 to 365 days.", code="invalid_terms")
    return {
        "legal_name": _text(legal_name, 200, "legal name"),
        "address": _text(address, 1000, "address"),
        "vat_id": places.vat_id(vat_id, country),
        "payment_terms_days": payment_terms_days,
        "over_eu_threshold": over_eu_threshold,
        "updated_at": clock.now(),
    }


def set_venture_billing(
    actor: Actor,
    venture_id: int,
    *,
    legal_name: str,
    address: str,
    vat_id: str = "",
    payment_terms_days: int = 30,
    over_eu_threshold: bool = False,
) -> BillingProfile:
    """The venture's name, address, VAT ID and terms as printed on its invoices."""
    with transaction.atomic():
        venture = tenancy.venture_for(actor, venture_id, Action.MANAGE_MONEY)
        fields = _profile_fields(
            venture.legal_country,
            legal_name,
            address,
            vat_id,
            payment_terms_days,
            over_eu_threshold,
        )
        profile, _ = BillingProfile.objects.update_or_create(venture=venture, defaults=fields)
        audit.record(
            actor.user,
            "invoicing.billing_set",
            venture=venture,
            target=profile,
            after={"legal_name": profile.legal_name, "vat_id": profile.vat_id},
        )
    return profile


def set_my_billing(
    actor: Actor, *, legal_name: str, address: str, vat_id: str = "", payment_terms_days: int = 30
) -> BillingProfile:
    """A freelancer's own billing details, printed on the invoices they issue."""
    if actor.venture_scope is not None:
        raise Forbidden("A venture token cannot change your billing details.", code="token_scope")
    with transaction.atomic():
        fields = _profile_fields(
            actor.user.country, legal_name, address, vat_id, payment_terms_days, False
        )
        profile, _ = BillingProfile.objects.update_or_create(person=actor.user, defaults=fields)
        audit.record(
            actor.user,
            "invoicing.billing_set",
            target=profile,
            after={"legal_name": profile.legal_name, "vat_id": profile.vat_id},
        )
    return profile


def add_customer(
    actor: Actor,
    venture_id: int,
    *,
    name: str,
    country: str,
    address: str = "",
    vat_id: str = "",
    is_business: bool = True,
    email: str = "",
) -> Customer:
    """A customer of the venture. A consumer has no VAT ID; a business may have one."""
    with transaction.atomic():
        venture = tenancy.venture_for(actor, venture_id, Action.MANAGE_MONEY)
        country = places.country_code(country)
        if vat_id and not is_business:
            raise DomainError("A consumer has no VAT ID.", code="invalid_vat_id")
        customer = Customer.objects.create(
            venture=venture,
            name=_text(name, 200, "name"),
            country=country,
            address=(address or "").strip()[:1000],
            vat_id=places.vat_id(vat_id, country),
            is_business=is_business,
            email=(email or "").strip().lower()[:254],
            created_at=clock.now(),
        )
        audit.record(
            actor.user,
            "invoicing.customer_added",
            venture=venture,
            target=customer,
            after={"name": customer.name, "country": country},
        )
    return customer


def propose_self_billing(
    actor: Actor, venture_id: int, freelancer_email: str, terms: str = ""
) -> SelfBillingAgreement:
    """The venture offers to draw up a freelancer's invoices; the freelancer accepts."""
    with transaction.atomic():
        venture = tenancy.venture_for(actor, venture_id, Action.MANAGE_MONEY)
        freelancer = User.objects.filter(
            email=(freelancer_email or "").strip().lower(), is_active=True
        ).first()
        if freelancer is None:
            raise NotFound("No active account has this email.", code="freelancer_not_found")
        try:
            with transaction.atomic():
                agreement = SelfBillingAgreement.objects.create(
                    venture=venture,
                    freelancer=freelancer,
                    terms=(terms or "").strip()[:4000],
                    proposed_at=clock.now(),
                )
        except IntegrityError:
            raise Conflict(
                "There is already a live agreement with this freelancer.", code="agreement_exists"
            ) from None
        audit.record(
            actor.user,
            "invoicing.self_billing_proposed",
            venture=venture,
            target=agreement,
            after={"freelancer": freelancer.email},
        )
    return agreement


def _agreement_of_freelancer(actor: Actor, agreement_id: int) -> SelfBillingAgreement:
    if actor.venture_scope is not None:
        raise NotFound("No such agreement.")
    agreement = (
        SelfBillingAgreement.objects.select_for_update()
        .select_related("venture")
        .filter(id=agreement_id, freelancer=actor.user)
        .first()
    )
    if agreement is None:
        raise NotFound("No such agreement.")
    return agreement


def accept_self_billing(actor: Actor, agreement_id: int) -> SelfBillingAgreement:
    """The freelancer's consent: from now on the venture self-bills their payments."""
    with transaction.atomic():
        agreement = _agreement_of_freelancer(actor, agreement_id)
        if agreement.state != State.PROPOSED:
            raise Conflict(
                f"The agreement is {agreement.state}.", code=f"agreement_{agreement.state}"
            )
        agreement.state, agreement.accepted_at = State.ACCEPTED, clock.now()
        agreement.save(update_fields=["state", "accepted_at"])
        audit.record(
            actor.user,
            "invoicing.self_billing_accepted",
            venture=agreement.venture,
            target=agreement,
        )
    return agreement


def end_self_billing(actor: Actor, agreement_id: int) -> SelfBillingAgreement:
    """Either side ends a live agreement; later payments are invoiced by the freelancer."""
    with transaction.atomic():
        agreement = (
            SelfBillingAgreement.objects.select_for_update()
            .filter(id=agreement_id)
            .select_related("venture")
            .first()
        )
        mine = (
            agreement is not None
            and agreement.freelancer_id == actor.user.id
            and actor.venture_scope is None
        )
        if agreement is None or not mine:
            if agreement is None:
                raise NotFound("No such agreement.")
            tenancy.venture_for(actor, agreement.venture_id, Action.MANAGE_MONEY)
        if agreement.state == State.ENDED:
            raise Conflict("The agreement has ended already.", code="agreement_ended")
        agreement.state, agreement.ended_at = State.ENDED, clock.now()
        agreement.save(update_fields=["state", "ended_at"])
        audit.record(
            actor.user, "invoicing.self_billing_ended", venture=agreement.venture, target=agreement
        )
    return agreement

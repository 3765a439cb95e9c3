"""The parties on an invoice: the issuer's billing details, a venture's customers,
and the self-billing agreements under which a venture invoices itself on a
freelancer's behalf (Article 224 of Directive 2006/112/EC)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from bornglobal.tenancy.models import Venture

ISO_COUNTRY = r"^[A-Z]{2}$"


class BillingProfile(models.Model):
    """What an issuer prints on its invoices: legal name, address, VAT ID, terms.

    Belongs to exactly one venture or one person (a freelancer). The country comes
    from the venture's legal country or the person's country.
    """

    venture = models.OneToOneField(
        Venture, null=True, blank=True, on_delete=models.CASCADE, related_name="billing_profile"
    )
    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="billing_profile",
    )
    legal_name = models.CharField(max_length=200)
    address = models.TextField(help_text="postal address, one line per row")
    vat_id = models.CharField(max_length=32, blank=True, default="")
    over_eu_threshold = models.BooleanField(
        default=False,
        help_text="EU-wide distance sales and e-services above EUR 10,000 this or last year: "
        "B2C supplies to other member states are taxed at the destination (OSS).",
    )
    payment_terms_days = models.PositiveSmallIntegerField(default=30)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(venture__isnull=False, person__isnull=True)
                | Q(venture__isnull=True, person__isnull=False),
                name="billing_profile_one_owner",
            ),
            models.CheckConstraint(
                condition=Q(payment_terms_days__lte=365), name="billing_profile_terms_within_year"
            ),
            models.CheckConstraint(
                condition=~Q(legal_name=""), name="billing_profile_legal_name_not_empty"
            ),
        ]

    def __str__(self) -> str:
        return self.legal_name


class Customer(models.Model):
    """Someone a venture sells to: a business (with a VAT ID or not) or a consumer."""

    venture = models.ForeignKey(Venture, on_delete=models.PROTECT, related_name="customers")
    name = models.CharField(max_length=200)
    address = models.TextField(blank=True, default="")
    country = models.CharField(max_length=2, help_text="ISO 3166-1 alpha-2")
    vat_id = models.CharField(max_length=32, blank=True, default="")
    is_business = models.BooleanField(default=True)
    email = models.EmailField(blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(country__regex=ISO_COUNTRY), name="customer_country_iso3166"
            ),
            models.CheckConstraint(condition=~Q(name=""), name="customer_name_not_empty"),
            models.CheckConstraint(
                condition=Q(is_business=True) | Q(vat_id=""),
                name="customer_consumer_has_no_vat_id",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class SelfBillingAgreement(models.Model):
    """A freelancer's consent that a venture issues their invoices for them.

    The venture proposes; the freelancer accepts; either side may end it. While
    accepted, escrow payments to the freelancer are invoiced as self-billed
    invoices marked "Self-billing" (Art. 226(10a)).
    """

    class State(models.TextChoices):
        PROPOSED = "proposed"
        ACCEPTED = "accepted"
        ENDED = "ended"

    venture = models.ForeignKey(
        Venture, on_delete=models.PROTECT, related_name="self_billing_agreements"
    )
    freelancer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="self_billing_agreements"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.PROPOSED)
    terms = models.TextField(blank=True, default="")
    proposed_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-proposed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["venture", "freelancer"],
                condition=Q(state__in=["proposed", "accepted"]),
                name="self_billing_one_live_agreement_per_pair",
            ),
            models.CheckConstraint(
                condition=~Q(state="accepted") | Q(accepted_at__isnull=False),
                name="self_billing_accepted_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"self-billing {self.venture_id} for {self.freelancer_id} ({self.state})"

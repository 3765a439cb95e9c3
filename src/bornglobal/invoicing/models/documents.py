"""Issued documents: series counters, invoices and credit notes, lines, tax groups.

A series is a counter row per (issuer, series code). Issuing locks it, takes its
`next_number` and moves it on inside the same transaction, so numbers are
sequential and gapless per issuer and series; a UNIQUE constraint on
(series, number) makes a duplicate impossible even if that rule were broken.

Every amount is an integer in minor units of the document's currency. A credit
note's amounts are negative: summing a period's documents nets them out.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from bornglobal.invoicing.models.parties import ISO_COUNTRY, Customer
from bornglobal.money.fields import ExactDecimalField
from bornglobal.tenancy.models import Venture

ISO_CURRENCY = r"^[A-Z]{3}$"


class ImmutableDocument(Exception):
    """An issued invoice, credit note, line or tax group was about to change."""


class DocumentKind(models.TextChoices):
    INVOICE = "invoice"
    CREDIT_NOTE = "credit_note", "credit note"


class Origin(models.TextChoices):
    ISSUED = "issued", "issued by the supplier"
    SELF_BILLED = "self_billed", "self-billed by the customer"


class SupplyKind(models.TextChoices):
    """The kinds of supply `domain.tax.Supply` decides on (same values)."""

    SERVICES = "services"
    E_SERVICES = "e-services", "electronically supplied services"
    GOODS = "goods"


class Treatment(models.TextChoices):
    """The VAT treatments `domain.tax.Treatment` decides (same values)."""

    DOMESTIC = "domestic"
    REVERSE_CHARGE = "reverse_charge", "reverse charge"
    OSS = "oss_destination", "OSS destination rate"
    INTRA_COMMUNITY_EXEMPT = "intra_community_exempt", "intra-community exempt supply"
    EXPORT = "export_zero_rated", "export, zero-rated"
    OUTSIDE_SCOPE = "outside_scope", "outside the scope"


class Immutable(models.Model):
    """A row that is written once, when its document is issued."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ImmutableDocument("An issued document never changes; issue a credit note.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableDocument("An issued document is never deleted; issue a credit note.")


class InvoiceSeries(models.Model):
    """The number counter of one issuer's series (e.g. INV, CN, SB7)."""

    issuer_venture = models.ForeignKey(
        Venture, null=True, blank=True, on_delete=models.PROTECT, related_name="invoice_series"
    )
    issuer_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="invoice_series",
    )
    code = models.CharField(max_length=16)
    next_number = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(issuer_venture__isnull=False, issuer_person__isnull=True)
                | Q(issuer_venture__isnull=True, issuer_person__isnull=False),
                name="invoice_series_one_issuer",
            ),
            models.UniqueConstraint(
                fields=["issuer_venture", "code"],
                condition=Q(issuer_venture__isnull=False),
                name="invoice_series_unique_per_venture",
            ),
            models.UniqueConstraint(
                fields=["issuer_person", "code"],
                condition=Q(issuer_person__isnull=False),
                name="invoice_series_unique_per_person",
            ),
            models.CheckConstraint(
                condition=Q(code__regex=r"^[A-Z][A-Z0-9]{0,15}$"), name="invoice_series_code_form"
            ),
            models.CheckConstraint(
                condition=Q(next_number__gte=1), name="invoice_series_next_number_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.code


class Invoice(Immutable):
    """An invoice or credit note, with both parties as they were on the issue date.

    `venture` is the venture on the document, as seller or as buyer: it scopes who
    may read it. `freelancer` is set when a freelancer is the seller.
    """

    series = models.ForeignKey(InvoiceSeries, on_delete=models.PROTECT, related_name="invoices")
    number = models.PositiveIntegerField()
    reference = models.CharField(max_length=40, help_text="the number as printed, e.g. INV-000012")
    kind = models.CharField(max_length=12, choices=DocumentKind.choices)
    origin = models.CharField(max_length=12, choices=Origin.choices, default=Origin.ISSUED)
    venture = models.ForeignKey(Venture, on_delete=models.PROTECT, related_name="invoices")
    freelancer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="invoices_issued",
    )
    customer = models.ForeignKey(
        Customer, null=True, blank=True, on_delete=models.PROTECT, related_name="invoices"
    )
    credits = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="credit_notes"
    )
    disclosure = models.OneToOneField(
        "money.Disclosure",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="invoice",
        help_text="the escrow payment this invoice bills",
    )
    idempotency_key = models.CharField(max_length=128, blank=True, default="")
    issue_date = models.DateField()
    supply_date = models.DateField()
    due_date = models.DateField()
    currency = models.CharField(max_length=3)
    seller_name = models.CharField(max_length=200)
    seller_address = models.TextField()
    seller_country = models.CharField(max_length=2)
    seller_vat_id = models.CharField(max_length=32, blank=True, default="")
    buyer_name = models.CharField(max_length=200)
    buyer_address = models.TextField(blank=True, default="")
    buyer_country = models.CharField(max_length=2)
    buyer_vat_id = models.CharField(max_length=32, blank=True, default="")
    buyer_is_business = models.BooleanField()
    buyer_email = models.EmailField(blank=True, default="")
    net_minor = models.BigIntegerField()
    tax_minor = models.BigIntegerField()
    total_minor = models.BigIntegerField()
    national_currency = models.CharField(max_length=3, help_text="the seller country's currency")
    national_tax_minor = models.BigIntegerField(
        null=True, blank=True, help_text="Art. 230: the VAT in the national currency"
    )
    fx_rate = ExactDecimalField(max_digits=30, decimal_places=12, null=True, blank=True)
    fx_source = models.CharField(max_length=64, blank=True, default="")
    fx_date = models.DateField(null=True, blank=True)
    fx_note = models.CharField(max_length=300, blank=True, default="")
    note = models.TextField(blank=True, default="")
    issued_at = models.DateTimeField(default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-issue_date", "-id"]
        indexes = [
            models.Index(fields=["venture", "issue_date"], name="invoice_venture_issued"),
            models.Index(fields=["freelancer", "issue_date"], name="invoice_freelancer_issued"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "number"], name="invoice_number_unique_per_issuer_series"
            ),
            models.UniqueConstraint(
                fields=["series", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="invoice_idempotency_key_unique_per_series",
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="invoice_number_positive"),
            models.CheckConstraint(
                condition=Q(total_minor=F("net_minor") + F("tax_minor")),
                name="invoice_total_is_net_plus_tax",
            ),
            models.CheckConstraint(
                condition=Q(kind="invoice", credits__isnull=True)
                | Q(kind="credit_note", credits__isnull=False),
                name="invoice_credit_note_refers_to_original",
            ),
            models.CheckConstraint(
                condition=Q(kind="invoice", total_minor__gte=0)
                | Q(kind="credit_note", total_minor__lte=0),
                name="invoice_sign_follows_kind",
            ),
            models.CheckConstraint(
                condition=Q(due_date__gte=F("issue_date")), name="invoice_due_on_or_after_issue"
            ),
            models.CheckConstraint(
                condition=Q(currency__regex=ISO_CURRENCY)
                & Q(national_currency__regex=ISO_CURRENCY),
                name="invoice_currencies_iso4217",
            ),
            models.CheckConstraint(
                condition=Q(seller_country__regex=ISO_COUNTRY)
                & Q(buyer_country__regex=ISO_COUNTRY),
                name="invoice_countries_iso3166",
            ),
        ]

    @property
    def is_credit_note(self) -> bool:
        return self.kind == DocumentKind.CREDIT_NOTE

    @property
    def is_self_billed(self) -> bool:
        return self.origin == Origin.SELF_BILLED

    def __str__(self) -> str:
        return self.reference


class InvoiceLine(Immutable):
    """What was supplied: description, quantity, unit price and the tax decision."""

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="lines")
    position = models.PositiveSmallIntegerField()
    description = models.CharField(max_length=300)
    quantity = ExactDecimalField(max_digits=14, decimal_places=3)
    unit_price_minor = models.BigIntegerField(help_text="exclusive of tax")
    net_minor = models.BigIntegerField(help_text="quantity x unit price, rounded half-even")
    supply_kind = models.CharField(max_length=12, choices=SupplyKind.choices)
    rate_kind = models.CharField(max_length=24, default="standard")
    ship_from = models.CharField(max_length=2, blank=True, default="")
    ship_to = models.CharField(max_length=2, blank=True, default="")
    treatment = models.CharField(max_length=24, choices=Treatment.choices)
    rate_country = models.CharField(max_length=2, blank=True, default="")
    rate = ExactDecimalField(max_digits=6, decimal_places=3, help_text="percent")
    tax_name = models.CharField(max_length=16)
    legal_text = models.CharField(max_length=300, blank=True, default="")
    why = models.CharField(max_length=500, blank=True, default="")
    buyer_vat_id_status = models.CharField(max_length=80, blank=True, default="")
    rate_source = models.CharField(max_length=300, blank=True, default="")
    credits_line = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="credited_by"
    )

    class Meta:
        ordering = ["invoice_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["invoice", "position"], name="invoice_line_position_unique"
            ),
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="invoice_line_quantity_positive"
            ),
            models.CheckConstraint(
                condition=Q(rate__gte=0) & Q(rate__lt=100), name="invoice_line_rate_percent"
            ),
        ]

    def __str__(self) -> str:
        return self.description


class TaxGroup(Immutable):
    """The taxable amount and tax of one rate on one document, rounded once."""

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="tax_groups")
    treatment = models.CharField(max_length=24, choices=Treatment.choices)
    rate_country = models.CharField(max_length=2, blank=True, default="")
    rate = ExactDecimalField(max_digits=6, decimal_places=3)
    tax_name = models.CharField(max_length=16)
    legal_text = models.CharField(max_length=300, blank=True, default="")
    net_minor = models.BigIntegerField()
    tax_minor = models.BigIntegerField()
    national_tax_minor = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["invoice_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["invoice", "treatment", "rate_country", "rate"],
                name="tax_group_one_per_rate",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tax_name} {self.rate}% {self.rate_country}"

"""Partners: suppliers, micro-factories, logistics and service providers.

A partner lists what it can do (capabilities: processes, materials, services), the
smallest order it takes, its lead time, a price list in its own currency, and the
countries it ships to with the transit time to each. Commerce routes orders to
partners from these facts later (landed cost and time).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from bornglobal.network.models.profiles import ISO_COUNTRY, ISO_CURRENCY


class PartnerKind(models.TextChoices):
    SUPPLIER = "supplier", "supplier"
    MICRO_FACTORY = "micro_factory", "micro-factory"
    LOGISTICS = "logistics", "logistics provider"
    SERVICE = "service", "service provider"


class Partner(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="partners",
        help_text="the person who keeps this listing up to date",
    )
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=PartnerKind.choices)
    description = models.TextField(blank=True, default="")
    country = models.CharField(max_length=2, help_text="ISO 3166-1 alpha-2")
    city = models.CharField(max_length=100, blank=True, default="")
    time_zone = models.CharField(max_length=64, help_text="IANA zone")
    currency = models.CharField(max_length=3, help_text="ISO 4217, of the price list")
    min_order_quantity = models.PositiveIntegerField(default=1)
    min_order_unit = models.CharField(max_length=32, default="unit")
    lead_time_days = models.PositiveSmallIntegerField(help_text="working days to make or ready")
    listed = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=PartnerKind.values),
                                   name="partner_kind_valid"),
            models.CheckConstraint(condition=Q(country__regex=ISO_COUNTRY),
                                   name="partner_country_iso3166"),
            models.CheckConstraint(condition=Q(currency__regex=ISO_CURRENCY),
                                   name="partner_currency_iso4217"),
            models.CheckConstraint(condition=Q(min_order_quantity__gte=1),
                                   name="partner_min_order_positive"),
            models.CheckConstraint(condition=~Q(name=""), name="partner_name_not_empty"),
        ]
        indexes = [
            models.Index(fields=["kind", "country"], name="partner_kind_country_idx"),
            models.Index(fields=["country"], name="partner_country_idx"),
        ]

    def __str__(self) -> str:
        return self.name


class CapabilityKind(models.TextChoices):
    PROCESS = "process"
    MATERIAL = "material"
    SERVICE = "service"


class PartnerCapability(models.Model):
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="capabilities")
    kind = models.CharField(max_length=8, choices=CapabilityKind.choices)
    name = models.CharField(max_length=100, help_text='lower case, e.g. "cnc milling"')

    class Meta:
        ordering = ["partner_id", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "kind", "name"],
                                    name="partner_capability_once"),
            models.CheckConstraint(condition=Q(kind__in=CapabilityKind.values),
                                   name="partner_capability_kind_valid"),
        ]
        indexes = [models.Index(fields=["name", "partner"], name="partner_capability_name_idx")]


class PartnerPrice(models.Model):
    """One line of the price list, in the partner's currency, from a quantity on."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="prices")
    item = models.CharField(max_length=160)
    unit = models.CharField(max_length=32, default="unit")
    min_quantity = models.PositiveIntegerField(default=1)
    price_minor = models.BigIntegerField(help_text="per unit, minor units of partner.currency")

    class Meta:
        ordering = ["partner_id", "item", "min_quantity"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "item", "min_quantity"],
                                    name="partner_price_once_per_break"),
            models.CheckConstraint(condition=Q(price_minor__gt=0),
                                   name="partner_price_positive"),
            models.CheckConstraint(condition=Q(min_quantity__gte=1),
                                   name="partner_price_quantity_positive"),
        ]


class PartnerShippingZone(models.Model):
    """A country the partner delivers to, and how many days the goods travel."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="ships_to")
    country = models.CharField(max_length=2, help_text="ISO 3166-1 alpha-2")
    transit_days = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["partner_id", "country"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "country"], name="partner_ships_once"),
            models.CheckConstraint(condition=Q(country__regex=ISO_COUNTRY),
                                   name="partner_ships_country_iso3166"),
        ]
        indexes = [models.Index(fields=["country", "partner"], name="partner_ships_to_idx")]

"""Factories for the invoicing tables. Issued documents are never made by a factory:
they go through `issuing`, which numbers them."""

import factory

from bornglobal.invoicing.models import BillingProfile, Customer
from tests.factories import VentureFactory


class BillingProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BillingProfile

    venture = factory.SubFactory(VentureFactory)
    legal_name = factory.LazyAttribute(lambda o: f"{o.venture.name} GmbH" if o.venture else "X")
    address = "Torstraße 1\n10119 Berlin"
    vat_id = ""
    payment_terms_days = 30


class CustomerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Customer

    venture = factory.SubFactory(VentureFactory)
    name = factory.Sequence(lambda n: f"Customer {n} SARL")
    address = "12 rue de Rivoli\n75001 Paris"
    country = "FR"
    vat_id = "FR40303265045"
    is_business = True
    email = factory.Sequence(lambda n: f"accounts{n}@customer.example")

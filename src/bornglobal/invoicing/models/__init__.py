"""The invoicing tables: who bills whom (billing profiles, customers, self-billing
agreements), the issued documents (series counters, invoices and credit notes with
their lines and tax groups), and getting paid (payments and reminders).

An issued document is never changed or deleted: the models refuse it. A mistake is
corrected by a credit note that refers to the original.
"""

from bornglobal.invoicing.models.documents import (
    DocumentKind,
    ImmutableDocument,
    Invoice,
    InvoiceLine,
    InvoiceSeries,
    Origin,
    SupplyKind,
    TaxGroup,
    Treatment,
)
from bornglobal.invoicing.models.parties import BillingProfile, Customer, SelfBillingAgreement
from bornglobal.invoicing.models.payments import Payment, Reminder

__all__ = [
    "BillingProfile",
    "Customer",
    "DocumentKind",
    "ImmutableDocument",
    "Invoice",
    "InvoiceLine",
    "InvoiceSeries",
    "Origin",
    "Payment",
    "Reminder",
    "SelfBillingAgreement",
    "SupplyKind",
    "TaxGroup",
    "Treatment",
]

from django.apps import AppConfig


class InvoicingConfig(AppConfig):
    name = "bornglobal.invoicing"
    label = "invoicing"
    verbose_name = "Invoicing: invoices, credit notes, reminders and tax reports"

"""Admin: everything invoicing holds is read-only here. Issued documents never change,
and every other write goes through the services (permission, lock, audit)."""

from django.contrib import admin

from bornglobal.invoicing.models import (
    BillingProfile,
    Customer,
    Invoice,
    InvoiceLine,
    InvoiceSeries,
    Payment,
    Reminder,
    SelfBillingAgreement,
    TaxGroup,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class LineInline(admin.TabularInline):
    model = InvoiceLine
    fk_name = "invoice"
    extra = 0
    fields = [
        "position",
        "description",
        "quantity",
        "unit_price_minor",
        "net_minor",
        "treatment",
        "rate_country",
        "rate",
        "legal_text",
    ]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class TaxGroupInline(LineInline):
    model = TaxGroup
    fields = ["treatment", "rate_country", "rate", "net_minor", "tax_minor", "national_tax_minor"]
    readonly_fields = fields


@admin.register(Invoice)
class InvoiceAdmin(ReadOnlyAdmin):
    list_display = [
        "reference",
        "kind",
        "origin",
        "issue_date",
        "seller_name",
        "buyer_name",
        "currency",
        "total_minor",
    ]
    list_filter = ["kind", "origin", "currency"]
    search_fields = ["reference", "seller_name", "buyer_name", "buyer_vat_id"]
    date_hierarchy = "issue_date"
    inlines = [LineInline, TaxGroupInline]


for model in (BillingProfile, Customer, InvoiceSeries, Payment, Reminder, SelfBillingAgreement):
    admin.site.register(model, ReadOnlyAdmin)

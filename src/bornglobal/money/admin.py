"""Admin: the operator's rate table is editable; the books are read-only here
(every change to money goes through the services, which lock, audit and balance)."""

from django.contrib import admin

from bornglobal.money.models import (
    Account,
    Disclosure,
    Escrow,
    LedgerTransaction,
    Milestone,
    OperatorRate,
    PayoutBatch,
    PayoutLine,
    Posting,
)


@admin.register(OperatorRate)
class OperatorRateAdmin(admin.ModelAdmin):
    list_display = ["currency", "on", "per_eur", "note", "updated_at"]
    list_filter = ["currency"]
    search_fields = ["currency", "note"]
    date_hierarchy = "on"


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PostingInline(admin.TabularInline):
    model = Posting
    extra = 0
    can_delete = False
    readonly_fields = ["account", "amount_minor", "currency"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(LedgerTransaction)
class LedgerTransactionAdmin(ReadOnlyAdmin):
    list_display = ["occurred_at", "venture", "kind", "idempotency_key", "memo", "fx_rate"]
    list_filter = ["kind"]
    search_fields = ["idempotency_key", "memo"]
    inlines = [PostingInline]


@admin.register(Account)
class AccountAdmin(ReadOnlyAdmin):
    list_display = ["id", "venture", "purpose", "currency", "person", "escrow", "balance_minor"]
    list_filter = ["purpose", "currency"]


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0
    can_delete = False
    readonly_fields = ["title", "amount_minor", "funded_minor", "released_minor",
                       "refunded_minor", "state", "due_on"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Escrow)
class EscrowAdmin(ReadOnlyAdmin):
    list_display = ["contract_ref", "title", "venture", "payee", "currency", "payee_currency"]
    inlines = [MilestoneInline]


@admin.register(Disclosure)
class DisclosureAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "payee", "gross_minor", "currency", "paid_minor",
                    "paid_currency", "mid_market_rate", "rate_source", "rate_date"]


@admin.register(PayoutBatch)
class PayoutBatchAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "venture", "idempotency_key", "state"]


@admin.register(PayoutLine)
class PayoutLineAdmin(ReadOnlyAdmin):
    list_display = ["batch", "payee", "amount_minor", "currency", "rail", "state"]

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from bornglobal.tenancy.models import ApiToken, AuditEvent, Membership, User, Venture


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "country", "time_zone", "is_freelancer", "is_staff"]
    search_fields = ["email", "full_name"]
    list_filter = ["is_freelancer", "is_staff", "country"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Person", {"fields": ["full_name", "country", "time_zone", "currency", "locale",
                               "is_freelancer"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
    ]
    add_fieldsets = [(None, {"fields": ["email", "full_name", "country", "password1",
                                        "password2"]})]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Venture)
class VentureAdmin(admin.ModelAdmin):
    list_display = ["name", "legal_country", "base_currency", "vat_id", "created_at"]
    search_fields = ["name"]
    inlines = [MembershipInline]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "scope", "venture", "prefix", "created_at", "revoked_at"]
    readonly_fields = ["digest", "prefix"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor_label", "venture", "action", "object_type", "object_id"]
    list_filter = ["action"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

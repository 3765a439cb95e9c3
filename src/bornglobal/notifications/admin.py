"""Admin: the operator may look at what was told to whom and whether it was e-mailed
(read-only; every write goes through `notifications.services`)."""

from django.contrib import admin

from bornglobal.notifications.models import EmailOptOut, Notification


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "recipient", "kind", "title", "read_at", "emailed_at"]
    list_filter = ["kind", "side"]
    search_fields = ["recipient__email", "key", "title"]
    date_hierarchy = "created_at"
    list_select_related = ["recipient"]


@admin.register(EmailOptOut)
class EmailOptOutAdmin(ReadOnlyAdmin):
    list_display = ["user", "kind", "created_at"]
    list_filter = ["kind"]

from django.contrib import admin
from django.http import HttpRequest

from ucj.notices.models import ReminderSent


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin):
    """What went out, to whom, for which month: read only, the log of send_reminders."""

    list_display = ["sent_at", "month", "kind", "address", "user", "person"]
    list_filter = ["kind", "month"]
    search_fields = ["address", "user__username", "person__name"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ReminderSent | None = None) -> bool:
        return False

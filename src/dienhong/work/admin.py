"""Django admin for superusers only, as a fallback; people use the work pages."""

from django.contrib import admin

from dienhong.work.models import Directive, Notification, Task


@admin.register(Directive)
class DirectiveAdmin(admin.ModelAdmin):
    list_display = ("issued_on", "number", "title", "kind")
    search_fields = ("number", "title")
    date_hierarchy = "issued_on"


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ("title", "lead_unit", "owner", "state", "due", "completed_on")
    list_filter = ("state",)
    search_fields = ("title",)
    raw_id_fields = ("directive", "lead_unit", "owner", "acceptor", "responsible_leader")
    readonly_fields = ("version", "state", "completed_on", "submitted_on")


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("created_at", "recipient", "kind", "title", "read_at")
    list_filter = ("kind",)

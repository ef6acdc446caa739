"""Django admin fallback for the data administrators maintain: halls, checklist templates and
the wording of script sections."""

from __future__ import annotations

from django.contrib import admin

from dienhong.sittings.models import ChecklistTemplate, ChecklistTemplateItem, Hall, ScriptTemplate


class ChecklistTemplateItemInline(admin.TabularInline):
    model = ChecklistTemplateItem
    extra = 1


@admin.register(ChecklistTemplate)
class ChecklistTemplateAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "code")
    inlines = [ChecklistTemplateItemInline]


@admin.register(Hall)
class HallAdmin(admin.ModelAdmin):
    list_display = ("name", "building", "capacity", "is_active")


@admin.register(ScriptTemplate)
class ScriptTemplateAdmin(admin.ModelAdmin):
    list_display = ("kind", "updated_at")

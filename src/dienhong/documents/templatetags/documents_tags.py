"""Template helpers: Vietnamese administrative dates, sizes, status badges."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils import formats
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def vndate(value: Any) -> str:
    """``ngày 05 tháng 01 năm 2026`` in Vietnamese (Decree 30 style), the locale's date else."""
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if (get_language() or "vi").startswith("vi"):
        month = f"{value.month:02d}" if value.month < 3 else str(value.month)
        return f"ngày {value.day:02d} tháng {month} năm {value.year}"
    return formats.date_format(value, "j F Y")


@register.filter
def filesize(value: Any) -> str:
    size = float(value or 0)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GB"


@register.filter
def state_label(value: str) -> str:
    return {
        "pending": _("Waiting for digitization"),
        "processing": _("Digitizing"),
        "done": _("Digitized"),
        "failed": _("Digitization failed"),
    }.get(value, "")


#: How a file's text was read (``StoredFile.method``).
METHODS = {
    "text": gettext_lazy("text layer"),
    "ocr": gettext_lazy("OCR"),
    "text+ocr": gettext_lazy("text layer + OCR"),
    "docx": gettext_lazy("Word"),
    "xlsx": gettext_lazy("Excel"),
    "none": gettext_lazy("no text"),
}

#: What the audit actions on a document are called in its processing record.
EVENTS = {
    "document.received": gettext_lazy("received"),
    "document.created": gettext_lazy("created"),
    "document.registered": gettext_lazy("entered in the register"),
    "document.updated": gettext_lazy("details changed"),
    "document.viewed": gettext_lazy("viewed"),
    "document.downloaded": gettext_lazy("downloaded"),
    "document.linked": gettext_lazy("linked to a document"),
    "document.unlinked": gettext_lazy("link removed"),
    "document.filed": gettext_lazy("filed in a dossier"),
    "document.tagged": gettext_lazy("tagged"),
    "document.version_added": gettext_lazy("new version"),
    "document.access_changed": gettext_lazy("access changed"),
}


@register.filter
def method_label(value: str) -> str:
    return str(METHODS.get(value, value))


@register.filter
def event_label(action: str) -> str:
    """An audit action in words; its code where none is known."""
    return str(EVENTS.get(action, action))


@register.filter
def reason_for(stored: Any, reasons: dict[str, Any]) -> str:
    message = reasons.get(stored.reason_code)
    return str(message) if message else stored.reason


@register.filter
def page_range(count: Any) -> range:
    try:
        return range(1, min(int(count or 0), 20) + 1)
    except (TypeError, ValueError):
        return range(0)

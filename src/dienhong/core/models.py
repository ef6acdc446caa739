"""Core models: the append-only, hash-chained audit log."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(RuntimeError):
    """Raised when code tries to change or delete an audit event."""


class AuditChainHead(models.Model):
    """Single row holding the newest hash; updating it serialises writers on every engine."""

    seq = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="")

    class Meta:
        verbose_name = _("audit chain head")

    def __str__(self) -> str:
        return f"#{self.seq} {self.last_hash[:12]}"


class AuditEvent(models.Model):
    """One recorded action. Never updated or deleted; ``hash`` chains it to the one before."""

    seq = models.BigIntegerField(unique=True, verbose_name=_("sequence"))
    at = models.DateTimeField(db_index=True, verbose_name=_("time"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        db_constraint=False,
        related_name="+",
        verbose_name=_("actor"),
    )
    actor_label = models.CharField(max_length=200, blank=True, verbose_name=_("actor name"))
    action = models.CharField(max_length=100, db_index=True, verbose_name=_("action"))
    object_type = models.CharField(
        max_length=100, blank=True, db_index=True, verbose_name=_("object type")
    )
    object_id = models.CharField(max_length=64, blank=True, verbose_name=_("object id"))
    object_repr = models.CharField(max_length=300, blank=True, verbose_name=_("object"))
    changes = models.JSONField(default=dict, blank=True, verbose_name=_("changes"))
    request_id = models.CharField(max_length=64, blank=True, verbose_name=_("request id"))
    ip = models.GenericIPAddressField(null=True, blank=True, verbose_name=_("IP address"))
    prev_hash = models.CharField(max_length=64, verbose_name=_("previous hash"))
    hash = models.CharField(max_length=64, verbose_name=_("hash"))

    class Meta:
        ordering = ["-seq"]
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["actor", "at"]),
        ]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("audit events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("audit events are append-only")

    def payload(self) -> dict[str, Any]:
        """The fields covered by the hash, in a canonical form."""
        return {
            "seq": self.seq,
            "at": self.at.isoformat(),
            "actor": self.actor_id,
            "actor_label": self.actor_label,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "object_repr": self.object_repr,
            "changes": self.changes,
            "request_id": self.request_id,
            "ip": self.ip,
        }

    def compute_hash(self) -> str:
        canonical = json.dumps(self.payload(), sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256((self.prev_hash + canonical).encode("utf-8")).hexdigest()


# --- Working-day calendar -----------------------------------------------------------------


class CalendarDayKind(models.TextChoices):
    HOLIDAY = "holiday", _("Public holiday")
    BRIDGE = "bridge", _("Day off in lieu or swapped")
    MAKEUP_WORKDAY = "makeup_workday", _("Saturday worked in exchange")


class CalendarYear(models.Model):
    """One year of the Office's calendar. ``announced`` = the government's notice is loaded.

    For an announced year the ``CalendarDay`` rows are the whole truth; for any other year
    they are completed with provisional defaults computed from the lunar calendar.
    """

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    announced = models.BooleanField(_("official list announced"), default=False)
    source = models.CharField(_("source"), max_length=500, blank=True)
    note = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["year"]
        verbose_name = _("calendar year")
        verbose_name_plural = _("calendar years")

    def __str__(self) -> str:
        return str(self.year)

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        from dienhong.core.calendar import clear_cache

        clear_cache()


class CalendarDay(models.Model):
    """A weekday off (holiday, bridge) or a Saturday worked (làm bù), with its legal source."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=CalendarDayKind.choices)
    source = models.CharField(_("source"), max_length=500, blank=True)
    provisional = models.BooleanField(
        _("provisional"), default=False, help_text=_("Not yet confirmed by an official notice.")
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        from dienhong.core.calendar import clear_cache

        clear_cache()

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        result = super().delete(*args, **kwargs)
        from dienhong.core.calendar import clear_cache

        clear_cache()
        return result

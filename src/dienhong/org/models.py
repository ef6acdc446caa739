"""Organisation: units with history, positions, people, memberships, and the NA's own world
(terms, bodies, provinces, delegations, deputies).

History follows one rule: a row describing a state carries ``valid_from`` / ``valid_to``
(``valid_to`` exclusive, ``None`` = still in force), so "as of D" is one filter everywhere.
"""

from __future__ import annotations

from datetime import date
from uuid import uuid4

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dienhong.core.text import fold


class InForceQuerySet(models.QuerySet):
    """Rows in force on a date (``valid_from <= D < valid_to``)."""

    def in_force(self, on: date) -> InForceQuerySet:
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gt=on)
        )


class UnitKind(models.TextChoices):
    OFFICE = "office", _("Office")
    DEPARTMENT = "department", _("Department (Vụ)")
    BUREAU = "bureau", _("Bureau (Cục)")
    DIVISION = "division", _("Division (Phòng)")
    PUBLIC_SERVICE = "public_service", _("Public service unit")
    NEWSPAPER = "newspaper", _("Newspaper")
    BODY = "body", _("Body of the National Assembly")
    DELEGATION_OFFICE = "delegation_office", _("Delegation office")
    OTHER = "other", _("Other")


class Unit(models.Model):
    """A unit of the organisation. The current shape lives here; ``UnitVersion`` keeps history.

    ``path`` is the materialised path of primary keys (``/1/5/12/``) of the current tree, so a
    subtree is one indexed ``LIKE 'prefix%'`` on SQLite and PostgreSQL alike.
    """

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=80, blank=True)
    name_folded = models.CharField(max_length=255, editable=False, db_index=True)
    kind = models.CharField(
        _("kind"), max_length=30, choices=UnitKind.choices, default=UnitKind.OTHER
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent unit"),
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    sort_order = models.IntegerField(_("order"), default=0)
    established_on = models.DateField(_("established on"), null=True, blank=True)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["path"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.name_folded = fold(self.name)
        super().save(*args, **kwargs)

    @property
    def is_active(self) -> bool:
        return self.dissolved_on is None


class UnitVersion(models.Model):
    """The name and place of a unit during a period; "as of D" reads these rows."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="versions")
    name = models.CharField(_("name"), max_length=255)
    parent = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    objects = InForceQuerySet.as_manager()

    class Meta:
        ordering = ["unit_id", "valid_from"]
        indexes = [models.Index(fields=["valid_from", "valid_to"])]
        verbose_name = _("unit version")

    def __str__(self) -> str:
        return f"{self.name} ({self.valid_from or '…'} – {self.valid_to or '…'})"


class DirectoryVersion(models.Model):
    """One row whose token changes with every write to units, their versions or posts.

    Rendered parts of the directory (the unit tree with its head counts) are cached under the
    token, so every process sees a change at once (``org.signals`` bumps it on save and delete;
    bulk writes call ``bump`` themselves). A random token, not a counter: a rolled-back
    transaction cannot bring back a number already used for other data.
    """

    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("directory version")

    def __str__(self) -> str:
        return self.token

    @classmethod
    def current(cls) -> str:
        """The current token ('' when the row is missing: then nothing is cached)."""
        return cls.objects.filter(pk=1).values_list("token", flat=True).first() or ""

    @classmethod
    def bump(cls) -> None:
        token = uuid4().hex
        if not cls.objects.filter(pk=1).update(token=token):
            cls.objects.create(pk=1, token=token)


class UnitEventKind(models.TextChoices):
    CREATED = "created", _("Created")
    RENAMED = "renamed", _("Renamed")
    MOVED = "moved", _("Moved")
    MERGED = "merged", _("Merged")
    SPLIT = "split", _("Split")
    DISSOLVED = "dissolved", _("Dissolved")


class UnitEvent(models.Model):
    """A change to the structure with its legal basis (e.g. NQ 74/2025/UBTVQH15)."""

    kind = models.CharField(_("kind"), max_length=20, choices=UnitEventKind.choices)
    effective_on = models.DateField(_("effective on"))
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)
    note = models.TextField(_("note"), blank=True)
    sources = models.ManyToManyField(Unit, related_name="events_as_source", blank=True)
    results = models.ManyToManyField(Unit, related_name="events_as_result", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-effective_on", "-id"]
        verbose_name = _("unit event")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.effective_on}"


class Position(models.Model):
    """A post such as "Vụ trưởng" or "Tổng Thư ký Quốc hội - Chủ nhiệm Văn phòng Quốc hội"."""

    title = models.CharField(pgettext_lazy("of a position", "title"), max_length=255, unique=True)
    rank = models.PositiveSmallIntegerField(
        _("rank"), default=100, help_text=_("Lower ranks are listed first.")
    )
    is_leadership = models.BooleanField(_("leadership post"), default=False)

    class Meta:
        ordering = ["rank", "title"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")

    def __str__(self) -> str:
        return self.title


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    UNSPECIFIED = "", _("Not stated")


class Person(models.Model):
    full_name = models.CharField(_("full name"), max_length=200)
    name_folded = models.CharField(max_length=200, editable=False, db_index=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
        verbose_name=_("user account"),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name_folded", "id"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.name_folded = fold(self.full_name)
        super().save(*args, **kwargs)


class Membership(models.Model):
    """A person holding a position in a unit for a period (Popolo membership)."""

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("person")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("unit")
    )
    position = models.ForeignKey(
        Position, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("position")
    )
    is_primary = models.BooleanField(_("main post"), default=True)
    valid_from = models.DateField(_("from"), null=True, blank=True)
    valid_to = models.DateField(_("until"), null=True, blank=True)

    objects = InForceQuerySet.as_manager()

    class Meta:
        ordering = ["position__rank", "person__name_folded"]
        indexes = [
            models.Index(fields=["unit", "valid_to"]),
            models.Index(fields=["person", "valid_to"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gt=models.F("valid_from")),
                name="membership_period_ordered",
            )
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.person} – {self.position} – {self.unit}"


class Term(models.Model):
    """A legislature term, e.g. Quốc hội khóa XV (2021–2026)."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    roman = models.CharField(_("roman numeral"), max_length=10)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("term")
        verbose_name_plural = _("terms")

    def __str__(self) -> str:
        return str(_("Term %(roman)s") % {"roman": self.roman})


class BodyKind(models.TextChoices):
    STANDING_COMMITTEE = "standing_committee", _("Standing Committee")
    COUNCIL = "council", _("Council")
    COMMITTEE = "committee", _("Committee")


class Body(models.Model):
    """A body of the National Assembly (UBTVQH, Hội đồng Dân tộc, the committees)."""

    name = models.CharField(_("name"), max_length=255)
    abbreviation = models.CharField(_("abbreviation"), max_length=20, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=BodyKind.choices)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    sort_order = models.IntegerField(default=0)

    objects = InForceQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")

    def __str__(self) -> str:
        return self.name


class ProvinceKind(models.TextChoices):
    PROVINCE = "province", _("Province")
    CITY = "city", _("Centrally-run city")


class Province(models.Model):
    """A provincial-level unit. 63 until 30/6/2025, 34 from 1/7/2025 (NQ 202/2025/QH15)."""

    code = models.CharField(_("code"), max_length=4)
    name = models.CharField(_("name"), max_length=100)
    name_folded = models.CharField(max_length=100, editable=False, db_index=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ProvinceKind.choices)
    seat = models.CharField(_("administrative centre"), max_length=200, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
        verbose_name=_("merged into"),
    )

    objects = InForceQuerySet.as_manager()

    class Meta:
        ordering = ["code", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="province_code_period")
        ]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.name_folded = fold(self.name)
        super().save(*args, **kwargs)


class Delegation(models.Model):
    """Đoàn ĐBQH of a province for a term, served by a delegation office (a Unit)."""

    term = models.ForeignKey(
        Term, on_delete=models.PROTECT, related_name="delegations", verbose_name=_("term")
    )
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="delegations", verbose_name=_("province")
    )
    office = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="delegations",
        verbose_name=_("delegation office"),
    )

    class Meta:
        ordering = ["term", "province__code"]
        constraints = [
            models.UniqueConstraint(fields=["term", "province"], name="delegation_term_province")
        ]
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")

    def __str__(self) -> str:
        return str(_("Delegation of %(province)s") % {"province": self.province.name})


class Deputy(models.Model):
    """A person's mandate as a deputy of the National Assembly for one term."""

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="mandates", verbose_name=_("person")
    )
    term = models.ForeignKey(
        Term, on_delete=models.PROTECT, related_name="deputies", verbose_name=_("term")
    )
    delegation = models.ForeignKey(
        Delegation, on_delete=models.PROTECT, related_name="deputies", verbose_name=_("delegation")
    )
    full_time = models.BooleanField(_("full-time deputy"), default=False)
    body = models.ForeignKey(
        Body,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
        verbose_name=_("body"),
    )
    valid_from = models.DateField(_("from"), null=True, blank=True)
    valid_to = models.DateField(_("until"), null=True, blank=True)

    objects = InForceQuerySet.as_manager()

    class Meta:
        ordering = ["delegation__province__code", "person__name_folded"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "term", "delegation"], name="deputy_person_term_delegation"
            )
        ]
        verbose_name = _("deputy")
        verbose_name_plural = _("deputies")

    def __str__(self) -> str:
        return str(self.person)

"""Documents: registered official documents (văn bản đến / đi / nội bộ), their versions and
stored files, links between documents, dossiers (hồ sơ), tags and saved searches.

Files are stored once by SHA-256 of their content (``StoredFile``); a document version points
at one or more stored files. Extraction (text, OCR) is tracked per stored file, because the
same content is digitized once whichever document it arrives with.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dienhong.core.text import fold


class Direction(models.TextChoices):
    INCOMING = "incoming", _("Incoming")
    OUTGOING = "outgoing", _("Outgoing")
    INTERNAL = "internal", _("Internal")


class DocType(models.TextChoices):
    """Types of administrative and legal documents (Decree 30/2020, Law on legal documents)."""

    NGHI_QUYET = "Nghị quyết", "Nghị quyết"
    QUYET_DINH = "Quyết định", "Quyết định"
    CONG_VAN = "Công văn", "Công văn"
    TO_TRINH = "Tờ trình", "Tờ trình"
    BAO_CAO = "Báo cáo", "Báo cáo"
    THONG_BAO = "Thông báo", "Thông báo"
    KE_HOACH = "Kế hoạch", "Kế hoạch"
    LUAT = "Luật", "Luật"
    NGHI_DINH = "Nghị định", "Nghị định"
    THONG_TU = "Thông tư", "Thông tư"
    CHI_THI = "Chỉ thị", "Chỉ thị"
    KET_LUAN = "Kết luận", "Kết luận"
    BIEN_BAN = "Biên bản", "Biên bản"
    GIAY_MOI = "Giấy mời", "Giấy mời"
    KHAC = "Khác", "Khác"


class Urgency(models.TextChoices):
    NORMAL = "normal", _("Normal")
    URGENT = "urgent", _("Urgent (khẩn)")
    VERY_URGENT = "very_urgent", _("Very urgent (thượng khẩn)")
    FLASH = "flash", _("Immediate (hỏa tốc)")


class Confidentiality(models.TextChoices):
    NORMAL = "normal", _("Not classified")
    SECRET = "secret", _("Secret (mật)")
    TOP_SECRET = "top_secret", _("Top secret (tối mật)")
    ABSOLUTE = "absolute", _("Absolute secret (tuyệt mật)")


class Access(models.TextChoices):
    PUBLIC = "public", _("Public")
    INTERNAL = "internal", _("Internal")
    RESTRICTED = "restricted", _("Restricted to named units or people")
    CONFIDENTIAL = "confidential", _("Confidential")


class Retention(models.TextChoices):
    UNSET = "", _("Not set")
    Y5 = "5", _("5 years")
    Y10 = "10", _("10 years")
    Y20 = "20", _("20 years")
    Y50 = "50", _("50 years")
    Y70 = "70", _("70 years")
    PERMANENT = "permanent", _("Permanent")


class DocStatus(models.TextChoices):
    DRAFT = "draft", _("Awaiting registration")
    REGISTERED = "registered", _("Registered")


class Source(models.TextChoices):
    MANUAL = "manual", _("Entered by hand")
    UPLOAD = "upload", _("Uploaded")
    CONSUME = "consume", _("Consume folder")
    IMPORT = "import", _("Bulk import")


class Dossier(models.Model):
    """A file (hồ sơ) grouping documents of one matter, kept for a retention period."""

    code = models.CharField(_("code"), max_length=60, blank=True)
    title = models.CharField(pgettext_lazy("dossier", "title"), max_length=500)
    owner_unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("owner unit")
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    retention = models.CharField(
        _("retention period"), max_length=12, choices=Retention.choices, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "code", "title"]
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip()


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)
    name_folded = models.CharField(max_length=80, editable=False, db_index=True)

    class Meta:
        ordering = ["name_folded"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.name_folded = fold(self.name)
        super().save(*args, **kwargs)


class Document(models.Model):
    """An official document as registered by the clerk (văn thư)."""

    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.INCOMING
    )
    status = models.CharField(
        _("registration"), max_length=12, choices=DocStatus.choices, default=DocStatus.DRAFT
    )
    number = models.CharField(
        _("number and symbol"),
        max_length=120,
        blank=True,
        help_text=_("For example 1097/2015/UBTVQH13 or 123/VPQH-HC."),
    )
    date = models.DateField(pgettext_lazy("date of issue", "date"), null=True, blank=True)
    issuer = models.CharField(_("issuing body"), max_length=255, blank=True)
    doc_type = models.CharField(
        _("type"), max_length=20, choices=DocType.choices, default=DocType.KHAC
    )
    subject = models.TextField(_("subject (trích yếu)"), blank=True)
    signer = models.CharField(_("signer"), max_length=200, blank=True)
    urgency = models.CharField(
        _("urgency"), max_length=12, choices=Urgency.choices, default=Urgency.NORMAL
    )
    confidentiality = models.CharField(
        _("confidentiality"),
        max_length=12,
        choices=Confidentiality.choices,
        default=Confidentiality.NORMAL,
    )
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    retention = models.CharField(
        _("retention period"), max_length=12, choices=Retention.choices, blank=True
    )
    owner_unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("owner unit")
    )
    access = models.CharField(
        _("access"), max_length=12, choices=Access.choices, default=Access.INTERNAL
    )
    allowed_units = models.ManyToManyField(
        "org.Unit", blank=True, related_name="+", verbose_name=_("units allowed")
    )
    allowed_users = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("people allowed")
    )
    dossiers = models.ManyToManyField(
        Dossier, blank=True, related_name="documents", verbose_name=_("dossiers")
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="documents", verbose_name=_("tags"))
    register_number = models.PositiveIntegerField(_("register number"), null=True, blank=True)
    registered_at = models.DateTimeField(_("registered at"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    current_version = models.ForeignKey(
        "DocumentVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    suggestions = models.JSONField(_("suggested metadata"), default=dict, blank=True)
    source = models.CharField(
        pgettext_lazy("of a document", "source"),
        max_length=10,
        choices=Source.choices,
        default=Source.MANUAL,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["owner_unit", "-id"], name="doc_owner_id"),
            models.Index(fields=["access", "-id"], name="doc_access_id"),
            models.Index(fields=["date"], name="doc_date"),
            models.Index(fields=["number"], name="doc_number"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(confidentiality="normal") | Q(access="confidential"),
                name="doc_classified_is_confidential",
                violation_error_message=_("A classified document must have confidential access."),
            )
        ]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        if self.number:
            return f"{self.doc_type} {self.number}"
        return self.subject[:120] or str(_("Document %(id)s") % {"id": self.pk})

    def permission_unit(self):  # type: ignore[no-untyped-def]
        return self.owner_unit


class LinkKind(models.TextChoices):
    AMENDS = "amends", _("amends")
    REPLACES = "replaces", _("replaces")
    IMPLEMENTS = "implements", _("implements")
    REPLIES_TO = "replies_to", _("replies to")


class DocumentLink(models.Model):
    """``source`` amends / replaces / implements / replies to ``target``."""

    source = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="links_out")
    target = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="links_in")
    kind = models.CharField(_("relation"), max_length=12, choices=LinkKind.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "target", "kind"], name="doclink_unique"),
            models.CheckConstraint(
                condition=~Q(source=models.F("target")), name="doclink_not_self"
            ),
        ]
        verbose_name = _("document link")

    def __str__(self) -> str:
        return f"{self.source_id} {self.kind} {self.target_id}"


class ExtractionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    PROCESSING = "processing", _("Processing")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class FileKind(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "DOCX"
    XLSX = "xlsx", "XLSX"
    IMAGE = "image", _("Image")
    TEXT = "text", _("Plain text")
    OTHER = "other", _("Other")


class StoredFile(models.Model):
    """One content, stored once under its SHA-256, with the state of its digitization."""

    sha256 = models.CharField(max_length=64, unique=True)
    size = models.BigIntegerField(_("size"))
    kind = models.CharField(
        _("kind"), max_length=8, choices=FileKind.choices, default=FileKind.OTHER
    )
    content_type = models.CharField(max_length=120, blank=True)
    storage_name = models.CharField(max_length=255)
    searchable_name = models.CharField(
        max_length=255, blank=True, help_text="OCR'd searchable PDF kept beside the original"
    )
    status = models.CharField(
        _("extraction"),
        max_length=12,
        choices=ExtractionStatus.choices,
        default=ExtractionStatus.PENDING,
    )
    reason = models.TextField(_("reason"), blank=True)
    reason_code = models.CharField(max_length=40, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    lease_until = models.DateTimeField(null=True, blank=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    method = models.CharField(max_length=20, blank=True)
    legacy_encoding = models.CharField(max_length=10, blank=True)
    pages = models.PositiveIntegerField(null=True, blank=True)
    ocr_pages = models.PositiveIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["status", "lease_until"], name="storedfile_status")]
        verbose_name = _("stored file")

    def __str__(self) -> str:
        return self.sha256[:12]


class DocumentVersion(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["document_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="docversion_unique")
        ]
        verbose_name = _("version")

    def __str__(self) -> str:
        return f"v{self.number}"


class VersionFile(models.Model):
    """A stored file as part of a version, under the name it arrived with."""

    version = models.ForeignKey(DocumentVersion, on_delete=models.CASCADE, related_name="files")
    stored = models.ForeignKey(StoredFile, on_delete=models.PROTECT, related_name="uses")
    name = models.CharField(_("file name"), max_length=255)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("file")

    def __str__(self) -> str:
        return self.name


class SavedSearch(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=120)
    query = models.CharField(_("query"), max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("saved search")

    def __str__(self) -> str:
        return self.name

"""Every write on documents: intake of files, registration, metadata, access, versions, links,
tags, dossiers, digitization, saved searches; each checks permission, writes, audits.

Intake never stores the same content twice (files are keyed by SHA-256) and never creates a
second document for a file already registered in the same place; digitization runs in a job
after commit, claims the file with a lease, and leaves a clear status and reason.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import F, Max, Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dienhong.accounts.permissions import has_perm, require
from dienhong.core import audit
from dienhong.core.errors import NotFound, PermissionDenied, ValidationFailed
from dienhong.core.jobs import enqueue_on_commit
from dienhong.core.services import full_clean
from dienhong.documents import blobs, extract, metadata
from dienhong.documents.models import (
    Access,
    Confidentiality,
    Direction,
    DocStatus,
    DocType,
    Document,
    DocumentLink,
    DocumentVersion,
    Dossier,
    ExtractionStatus,
    LinkKind,
    SavedSearch,
    Source,
    StoredFile,
    Tag,
    VersionFile,
)
from dienhong.org.models import Unit

log = logging.getLogger(__name__)

EDITABLE_FIELDS = [
    "direction",
    "number",
    "date",
    "issuer",
    "doc_type",
    "subject",
    "signer",
    "urgency",
    "confidentiality",
    "page_count",
    "retention",
]
MAX_AUTO_ATTEMPTS = 3


def lease_seconds() -> int:
    return int(getattr(settings, "DIENHONG_EXTRACTION_LEASE_SECONDS", 3600))


# --- Intake ---------------------------------------------------------------------------------


@dataclass
class Incoming:
    """A file arriving: a local path (import, consume folder) or an uploaded file."""

    name: str
    path: Path | None = None
    upload: Any = None
    sha256: str | None = None
    size: int | None = None

    def open(self) -> Any:
        if self.upload is not None:
            self.upload.seek(0)
            return self.upload
        assert self.path is not None
        return open(self.path, "rb")


@dataclass
class Outcome:
    name: str
    status: str  # "created", "duplicate", "version"
    document: Document
    stored: StoredFile


def store_content(incoming: Incoming) -> StoredFile:
    """Store the bytes once under their SHA-256 and return the row describing them."""
    if incoming.sha256 is None or incoming.size is None:
        stream = incoming.open()
        try:
            incoming.sha256, incoming.size = blobs.hash_stream(stream)
        finally:
            if incoming.upload is None:
                stream.close()
    sha256 = incoming.sha256
    existing = StoredFile.objects.filter(sha256=sha256).first()
    if existing is not None and blobs.storage().exists(existing.storage_name):
        return existing
    stream = incoming.open()
    try:
        head = stream.read(4096)
        stream.seek(0)
        kind, content_type = extract.sniff(head, incoming.name)
        name = blobs.put(blobs.blob_name(sha256), stream if incoming.upload else File(stream))
    finally:
        if incoming.upload is None:
            stream.close()
    if existing is not None:  # the row survived but the blob was lost: restored above
        return existing
    try:
        with transaction.atomic():
            return StoredFile.objects.create(
                sha256=sha256,
                size=incoming.size,
                kind=kind,
                content_type=content_type,
                storage_name=name,
            )
    except IntegrityError:  # the same content arrived at the same moment elsewhere
        return StoredFile.objects.get(sha256=sha256)


def _duplicate_of(stored: StoredFile, among: QuerySet[Document]) -> Document | None:
    return among.filter(versions__files__stored=stored).order_by("pk").first()


def _new_document(
    *,
    incoming: Incoming,
    stored: StoredFile,
    owner_unit: Unit,
    direction: str,
    access: str,
    source: str,
    actor: Any,
) -> Document:
    document = Document.objects.create(
        owner_unit=owner_unit,
        direction=direction,
        access=access,
        source=source,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        subject=Path(incoming.name).stem[:500],
    )
    version = DocumentVersion.objects.create(
        document=document, number=1, created_by=document.created_by
    )
    VersionFile.objects.create(version=version, stored=stored, name=incoming.name[:255])
    document.current_version = version
    document.save(update_fields=["current_version"])
    return document


def _after_intake(document: Document, stored: StoredFile) -> None:
    if stored.status == ExtractionStatus.DONE:
        _apply_extraction(document, stored)
        enqueue_index([document.pk])
    elif stored.status == ExtractionStatus.PENDING:
        from dienhong.documents import jobs

        enqueue_on_commit(jobs.extract_file, file_id=stored.pk)


def _intake(
    *,
    incoming: Incoming,
    owner_unit: Unit,
    direction: str,
    access: str,
    source: str,
    actor: Any,
    dedupe_among: QuerySet[Document],
) -> Outcome:
    stored = store_content(incoming)
    duplicate = _duplicate_of(stored, dedupe_among)
    if duplicate is not None:
        return Outcome(incoming.name, "duplicate", duplicate, stored)
    document = _new_document(
        incoming=incoming,
        stored=stored,
        owner_unit=owner_unit,
        direction=direction,
        access=access,
        source=source,
        actor=actor,
    )
    audit.record(
        actor,
        "document.received",
        document,
        changes={"file": incoming.name, "sha256": stored.sha256, "source": source},
    )
    _after_intake(document, stored)
    return Outcome(incoming.name, "created", document, stored)


def _check_access_value(access: str) -> None:
    if access not in Access.values:
        raise ValidationFailed(_("Unknown access level."), field="access")


@transaction.atomic
def upload_files(
    *,
    actor: Any,
    files: list[Incoming],
    owner_unit: Unit,
    direction: str = Direction.INCOMING,
    access: str = Access.INTERNAL,
) -> list[Outcome]:
    """Bring uploaded files in: one draft document per new file, digitized in the background."""
    require(actor, "documents.add", unit=owner_unit)
    _check_access_value(access)
    if direction not in Direction.values:
        raise ValidationFailed(_("Unknown direction."), field="direction")
    from dienhong.documents.selectors import documents_visible_to

    visible = documents_visible_to(actor)
    outcomes = []
    for incoming in files:
        with transaction.atomic():
            outcomes.append(
                _intake(
                    incoming=incoming,
                    owner_unit=owner_unit,
                    direction=direction,
                    access=access,
                    source=Source.UPLOAD,
                    actor=actor,
                    dedupe_among=visible,
                )
            )
    return outcomes


@transaction.atomic
def import_file(
    *,
    incoming: Incoming,
    owner_unit: Unit,
    source: str = Source.IMPORT,
    direction: str = Direction.INCOMING,
    access: str = Access.INTERNAL,
) -> Outcome:
    """System intake (``dienhong import``, the consume folder): idempotent by content hash."""
    _check_access_value(access)
    return _intake(
        incoming=incoming,
        owner_unit=owner_unit,
        direction=direction,
        access=access,
        source=source,
        actor=None,
        dedupe_among=Document.objects.all(),
    )


# --- Registration and metadata ---------------------------------------------------------------


def _require_edit(actor: Any, document: Document) -> None:
    unit = document.owner_unit
    if has_perm(actor, "documents.register", unit=unit) or has_perm(
        actor, "documents.manage", unit=unit
    ):
        return
    if (
        document.status == DocStatus.DRAFT
        and document.created_by_id == getattr(actor, "pk", -1)
        and has_perm(actor, "documents.add", unit=unit)
    ):
        return
    raise PermissionDenied()


def _validate(document: Document) -> None:
    if (
        document.confidentiality != Confidentiality.NORMAL
        and document.access != Access.CONFIDENTIAL
    ):
        raise ValidationFailed(
            _("A classified document must have confidential access."), field="access"
        )
    full_clean(document, exclude=["current_version"])


@transaction.atomic
def create_document(
    *,
    actor: Any,
    owner_unit: Unit,
    doc_type: str = DocType.KHAC,
    subject: str = "",
    direction: str = Direction.INCOMING,
    access: str = Access.INTERNAL,
    number: str = "",
    date: date | None = None,
    issuer: str = "",
    signer: str = "",
    urgency: str = "normal",
    confidentiality: str = "normal",
    retention: str = "",
) -> Document:
    """Register a document by hand (a paper document before it is scanned, for example)."""
    require(actor, "documents.register", unit=owner_unit)
    document = Document(
        owner_unit=owner_unit,
        doc_type=doc_type,
        subject=subject,
        direction=direction,
        access=access,
        number=number.strip(),
        date=date,
        issuer=issuer,
        signer=signer,
        urgency=urgency,
        confidentiality=confidentiality,
        retention=retention,
        created_by=actor,
        source=Source.MANUAL,
    )
    _validate(document)
    document.save()
    audit.record(actor, "document.created", document)
    enqueue_index([document.pk])
    return document


@transaction.atomic
def update_document(*, actor: Any, document: Document, data: dict[str, Any]) -> Document:
    """Change metadata fields (only those in ``EDITABLE_FIELDS`` and present in ``data``)."""
    _require_edit(actor, document)
    changes: dict[str, Any] = {}
    for field in EDITABLE_FIELDS:
        if field in data and getattr(document, field) != data[field]:
            changes[field] = [getattr(document, field), data[field]]
            setattr(document, field, data[field])
    if "owner_unit" in data and data["owner_unit"] != document.owner_unit:
        require(actor, "documents.register", unit=data["owner_unit"])
        changes["owner_unit"] = [document.owner_unit.name, data["owner_unit"].name]
        document.owner_unit = data["owner_unit"]
    if "access" in data and data["access"] != document.access:
        _check_access_value(data["access"])
        changes["access"] = [document.access, data["access"]]
        document.access = data["access"]
    if (
        document.confidentiality != Confidentiality.NORMAL
        and document.access != Access.CONFIDENTIAL
    ):
        changes.setdefault("access", [document.access, Access.CONFIDENTIAL])
        document.access = Access.CONFIDENTIAL  # a classification mark forces confidential
    if not changes:
        return document
    _validate(document)
    document.save()
    audit.record(actor, "document.updated", document, changes=changes)
    enqueue_index([document.pk])
    return document


@transaction.atomic
def set_access(
    *,
    actor: Any,
    document: Document,
    access: str,
    units: list[Unit] | None = None,
    users: list[Any] | None = None,
) -> Document:
    """Set the access level and, for restricted documents, the units and people named."""
    _require_edit(actor, document)
    _check_access_value(access)
    before = {
        "access": document.access,
        "units": sorted(u.name for u in document.allowed_units.all()),
        "users": sorted(u.username for u in document.allowed_users.all()),
    }
    document.access = access
    _validate(document)
    document.save(update_fields=["access", "updated_at"])
    document.allowed_units.set(units or [])
    document.allowed_users.set(users or [])
    after = {
        "access": access,
        "units": sorted(u.name for u in units or []),
        "users": sorted(u.username for u in users or []),
    }
    audit.record(
        actor, "document.access_changed", document, changes={"before": before, "after": after}
    )
    enqueue_index([document.pk])
    return document


@transaction.atomic
def register_document(*, actor: Any, document: Document) -> Document:
    """Enter the document in the register (sổ văn bản) with the next number of its year."""
    require(actor, "documents.register", unit=document.owner_unit)
    if document.status == DocStatus.REGISTERED:
        return document
    missing = [field for field in ("subject", "date") if not getattr(document, field)]
    if missing:
        raise ValidationFailed(
            _("Fill in the subject and the date before registering."), field=missing[0]
        )
    year = timezone.localdate().year
    # The owner unit's row is the register's lock: numbers stay unique under concurrency
    # (PostgreSQL refuses FOR UPDATE together with an aggregate).
    Unit.objects.select_for_update().filter(pk=document.owner_unit_id).first()
    last = Document.objects.filter(
        owner_unit=document.owner_unit, direction=document.direction, registered_at__year=year
    ).aggregate(last=Max("register_number"))["last"]
    document.register_number = (last or 0) + 1
    document.status = DocStatus.REGISTERED
    document.registered_at = timezone.now()
    document.registered_by = actor
    document.save(
        update_fields=["register_number", "status", "registered_at", "registered_by", "updated_at"]
    )
    audit.record(
        actor,
        "document.registered",
        document,
        changes={"register_number": document.register_number},
    )
    enqueue_index([document.pk])
    return document


def _parse_suggestion(field: str, value: str) -> Any:
    if field == "date":
        return date.fromisoformat(value)
    if field == "type":
        return value if value in DocType.values else DocType.KHAC
    return value


SUGGESTION_FIELDS = {
    "number": "number",
    "date": "date",
    "type": "doc_type",
    "issuer": "issuer",
    "subject": "subject",
    "signer": "signer",
}


def apply_suggestions(*, actor: Any, document: Document, fields: list[str]) -> Document:
    """Accept the suggested values of ``fields`` (the clerk confirmed them)."""
    data = {}
    for field in fields:
        if field in SUGGESTION_FIELDS and field in document.suggestions:
            try:
                data[SUGGESTION_FIELDS[field]] = _parse_suggestion(
                    field, document.suggestions[field]
                )
            except ValueError:
                continue
    return update_document(actor=actor, document=document, data=data)


@transaction.atomic
def set_tags(*, actor: Any, document: Document, names: list[str]) -> Document:
    _require_edit(actor, document)
    cleaned = sorted({name.strip()[:80] for name in names if name.strip()})
    tags = []
    for name in cleaned:
        tag = Tag.objects.filter(name__iexact=name).first() or Tag.objects.create(name=name)
        tags.append(tag)
    before = sorted(t.name for t in document.tags.all())
    document.tags.set(tags)
    audit.record(
        actor,
        "document.tagged",
        document,
        changes={"before": before, "after": [t.name for t in tags]},
    )
    enqueue_index([document.pk])
    return document


@transaction.atomic
def link_documents(*, actor: Any, source: Document, target: Document, kind: str) -> DocumentLink:
    """Record that ``source`` amends / replaces / implements / replies to ``target``."""
    from dienhong.documents.selectors import can_see

    _require_edit(actor, source)
    if not can_see(actor, target):
        raise NotFound()
    if kind not in LinkKind.values:
        raise ValidationFailed(_("Unknown relation."), field="kind")
    if source.pk == target.pk:
        raise ValidationFailed(_("A document cannot be linked to itself."), field="target")
    link, _created = DocumentLink.objects.get_or_create(
        source=source, target=target, kind=kind, defaults={"created_by": actor}
    )
    audit.record(actor, "document.linked", source, changes={"kind": kind, "target": target.title})
    return link


@transaction.atomic
def unlink_documents(*, actor: Any, link: DocumentLink) -> None:
    _require_edit(actor, link.source)
    audit.record(
        actor,
        "document.unlinked",
        link.source,
        changes={"kind": link.kind, "target": link.target.title},
    )
    link.delete()


@transaction.atomic
def create_dossier(
    *,
    actor: Any,
    owner_unit: Unit,
    title: str,
    code: str = "",
    year: int | None = None,
    retention: str = "",
) -> Dossier:
    require(actor, "documents.register", unit=owner_unit)
    dossier = Dossier(
        owner_unit=owner_unit,
        title=title.strip(),
        code=code.strip(),
        year=year,
        retention=retention,
    )
    full_clean(dossier)
    dossier.save()
    audit.record(actor, "dossier.created", dossier)
    return dossier


@transaction.atomic
def file_in_dossier(*, actor: Any, document: Document, dossier: Dossier) -> None:
    _require_edit(actor, document)
    require(actor, "documents.register", unit=dossier.owner_unit)
    document.dossiers.add(dossier)
    audit.record(actor, "document.filed", document, changes={"dossier": str(dossier)})


@transaction.atomic
def add_version(
    *, actor: Any, document: Document, files: list[Incoming], note: str = ""
) -> DocumentVersion:
    """A new version of the document with its own files; earlier versions stay readable."""
    if not has_perm(actor, "documents.add", unit=document.owner_unit):
        raise PermissionDenied()
    _require_edit(actor, document)
    if not files:
        raise ValidationFailed(_("Choose at least one file."), field="files")
    number = (document.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    version = DocumentVersion.objects.create(
        document=document, number=number, note=note[:300], created_by=actor
    )
    stored_files = []
    for position, incoming in enumerate(files):
        stored = store_content(incoming)
        VersionFile.objects.create(
            version=version, stored=stored, name=incoming.name[:255], position=position
        )
        stored_files.append(stored)
    document.current_version = version
    document.save(update_fields=["current_version", "updated_at"])
    audit.record(
        actor,
        "document.version_added",
        document,
        changes={"version": number, "files": [f.name for f in files]},
    )
    for stored in stored_files:
        _after_intake(document, stored)
    enqueue_index([document.pk])
    return version


# --- Digitization ----------------------------------------------------------------------------


def _claim(file_id: int) -> bool:
    now = timezone.now()
    claimable = Q(status=ExtractionStatus.PENDING) | Q(
        status=ExtractionStatus.PROCESSING, lease_until__lt=now
    )
    return bool(
        StoredFile.objects.filter(claimable, pk=file_id).update(
            status=ExtractionStatus.PROCESSING,
            lease_until=now + timedelta(seconds=lease_seconds()),
            attempts=F("attempts") + 1,
            reason="",
            reason_code="",
        )
    )


def process_file(file_id: int, *, ocr: bool = True) -> str:
    """Digitize one stored file (the job's body). Returns its final status.

    Safe to call twice or concurrently: only the caller that claims the file works on it.
    """
    if not _claim(file_id):
        stored = StoredFile.objects.filter(pk=file_id).only("status").first()
        return stored.status if stored else "missing"
    stored = StoredFile.objects.get(pk=file_id)
    try:
        with extract.workdir() as tmp, blobs.local_path(stored.storage_name) as path:
            result = extract.extract(path, stored.kind, workdir=Path(tmp), ocr=ocr)
            if result.searchable_pdf is not None:
                with open(result.searchable_pdf, "rb") as handle:
                    stored.searchable_name = blobs.put(
                        blobs.searchable_name(stored.sha256), File(handle)
                    )
    except extract.ExtractionError as error:
        _fail(stored, error.code, error.message)
        return ExtractionStatus.FAILED
    except Exception as error:  # a bug or a tool crash must not leave the file "processing"
        log.exception("extraction of file %s failed", file_id)
        _fail(stored, "error", _("Unexpected error: %(error)s") % {"error": type(error).__name__})
        return ExtractionStatus.FAILED
    _finish(stored, result)
    return ExtractionStatus.DONE


def _fail(stored: StoredFile, code: str, message: Any) -> None:
    with translation.override("en"):
        reason = str(message)
    StoredFile.objects.filter(pk=stored.pk).update(
        status=ExtractionStatus.FAILED,
        reason=reason[:2000],
        reason_code=code,
        lease_until=None,
        processed_at=timezone.now(),
    )
    audit.record(None, "file.extraction_failed", stored, changes={"code": code, "reason": reason})


@transaction.atomic
def _finish(stored: StoredFile, result: extract.Extraction) -> None:
    stored.status = ExtractionStatus.DONE
    stored.text = result.text
    stored.pages = result.pages
    stored.ocr_pages = result.ocr_pages
    stored.method = result.method
    stored.legacy_encoding = result.legacy_encoding
    stored.lease_until = None
    stored.processed_at = timezone.now()
    stored.reason = ""
    stored.reason_code = ""
    stored.save()
    ids = []
    for document in Document.objects.filter(versions__files__stored=stored).distinct():
        _apply_extraction(document, stored)
        ids.append(document.pk)
    enqueue_index(ids)


def _apply_extraction(document: Document, stored: StoredFile) -> None:
    """Suggestions from the first file of the current version; page count when unknown."""
    first = (
        VersionFile.objects.filter(version_id=document.current_version_id)
        .order_by("position", "id")
        .values_list("stored_id", flat=True)
        .first()
    )
    fields = []
    if first == stored.pk and stored.text:
        document.suggestions = metadata.suggest(stored.text)
        fields.append("suggestions")
    if document.page_count is None and stored.pages:
        document.page_count = stored.pages
        fields.append("page_count")
    if fields:
        document.save(update_fields=fields)


@transaction.atomic
def retry_extraction(*, actor: Any, document: Document, stored: StoredFile) -> None:
    """Put a failed (or abandoned) file back in the queue."""
    if not has_perm(actor, "documents.add", unit=document.owner_unit):
        raise PermissionDenied()
    if not VersionFile.objects.filter(version__document=document, stored=stored).exists():
        raise NotFound()
    stale = stored.status == ExtractionStatus.PROCESSING and (
        stored.lease_until is None or stored.lease_until < timezone.now()
    )
    if stored.status != ExtractionStatus.FAILED and not stale:
        raise ValidationFailed(_("Only failed or interrupted files can be retried."))
    StoredFile.objects.filter(pk=stored.pk).update(
        status=ExtractionStatus.PENDING, attempts=0, lease_until=None
    )
    audit.record(actor, "file.retry", document, changes={"sha256": stored.sha256})
    from dienhong.documents import jobs

    enqueue_on_commit(jobs.extract_file, file_id=stored.pk)


@transaction.atomic
def requeue_stale(*, pending_after: timedelta = timedelta(minutes=10)) -> dict[str, int]:
    """Recover from killed workers: files whose lease expired go back to the queue (or fail
    after ``MAX_AUTO_ATTEMPTS``); old pending files are enqueued again (claims are atomic)."""
    from dienhong.documents import jobs

    now = timezone.now()
    stale = StoredFile.objects.filter(status=ExtractionStatus.PROCESSING, lease_until__lt=now)
    given_up = list(stale.filter(attempts__gte=MAX_AUTO_ATTEMPTS).values_list("pk", flat=True))
    with translation.override("en"):
        reason = str(
            _("Processing was interrupted %(n)s times; retry when the cause is fixed.")
            % {"n": MAX_AUTO_ATTEMPTS}
        )
    StoredFile.objects.filter(pk__in=given_up).update(
        status=ExtractionStatus.FAILED, reason_code="interrupted", reason=reason, lease_until=None
    )
    requeued = list(stale.exclude(pk__in=given_up).values_list("pk", flat=True))
    StoredFile.objects.filter(pk__in=requeued).update(
        status=ExtractionStatus.PENDING, lease_until=None
    )
    old_pending = list(
        StoredFile.objects.filter(
            status=ExtractionStatus.PENDING, created_at__lt=now - pending_after
        )
        .exclude(pk__in=requeued)
        .values_list("pk", flat=True)[:1000]
    )
    for file_id in [*requeued, *old_pending]:
        enqueue_on_commit(jobs.extract_file, file_id=file_id)
    if requeued or given_up:
        audit.record(
            None, "file.requeued", None, changes={"requeued": requeued, "given_up": given_up}
        )
    return {"requeued": len(requeued), "given_up": len(given_up), "pending": len(old_pending)}


def enqueue_index(ids: list[int]) -> None:
    if not ids:
        return
    from dienhong.documents import jobs

    enqueue_on_commit(jobs.index_documents, document_ids=sorted(set(ids)))


# --- Reads that are audited ---------------------------------------------------------------------


def record_view(*, actor: Any, document: Document) -> None:
    audit.record(actor, "document.viewed", document)


def record_download(
    *, actor: Any, document: Document, file: VersionFile, watermarked: bool
) -> None:
    audit.record(
        actor,
        "document.downloaded",
        document,
        changes={"file": file.name, "sha256": file.stored.sha256, "watermarked": watermarked},
    )


# --- Saved searches -----------------------------------------------------------------------------


@transaction.atomic
def save_search(*, actor: Any, name: str, query: str) -> SavedSearch:
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied()
    name = name.strip()
    if not name:
        raise ValidationFailed(_("Give the search a name."), field="name")
    saved = SavedSearch.objects.create(user=actor, name=name[:120], query=query[:1000])
    audit.record(actor, "search.saved", saved)
    return saved


@transaction.atomic
def delete_saved_search(*, actor: Any, saved: SavedSearch) -> None:
    if saved.user_id != getattr(actor, "pk", None):
        raise PermissionDenied()
    audit.record(actor, "search.deleted", saved)
    saved.delete()

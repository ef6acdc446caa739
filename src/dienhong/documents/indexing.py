"""Feed documents to the search engine (``dienhong.search.engine``)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Prefetch

from dienhong.documents.models import Document, StoredFile, VersionFile

log = logging.getLogger(__name__)
BATCH = 200


def entry_for(document: Document, body: str) -> Any:
    from dienhong.search.engine import IndexEntry

    return IndexEntry(
        kind="document",
        object_id=document.pk,
        title=document.title,
        subject=document.subject,
        number=document.number,
        body=body,
        facets={
            "type": document.doc_type,
            "issuer": document.issuer,
            "year": document.date.year if document.date else None,
            "unit": document.owner_unit_id,
            "direction": document.direction,
        },
        tags=[tag.name for tag in document.tags.all()],
        date=document.date,
        access=document.access,
        owner_unit_path=document.owner_unit.path,
        allowed_unit_paths=[unit.path for unit in document.allowed_units.all()],
        allowed_user_ids=[user.pk for user in document.allowed_users.all()],
    )


def _documents(ids: Iterable[int]) -> list[Document]:
    files = VersionFile.objects.select_related("stored").only(
        "id", "version_id", "stored__id", "stored__text"
    )
    return list(
        Document.objects.filter(pk__in=list(ids))
        .select_related("owner_unit", "current_version")
        .prefetch_related(
            "tags",
            "allowed_units",
            "allowed_users",
            Prefetch("current_version__files", queryset=files),
        )
    )


def reindex(ids: Iterable[int]) -> int:
    """(Re)index the documents with these ids; ids that no longer exist are removed."""
    try:
        from dienhong.search import engine
    except ImportError:  # pragma: no cover - only before the search app is installed
        log.warning("search engine not installed; %s documents not indexed", len(list(ids)))
        return 0
    wanted = list(dict.fromkeys(int(i) for i in ids))
    done = 0
    for start in range(0, len(wanted), BATCH):
        chunk = wanted[start : start + BATCH]
        with transaction.atomic():
            # Another worker indexing these documents now waits, then reads them anew: the
            # index never ends with an older state than the one this worker read.
            engine.take_turns("document", chunk)
            documents = _documents(chunk)
            entries = []
            for document in documents:
                body = ""
                if document.current_version is not None:
                    body = "\n\n".join(
                        f.stored.text for f in document.current_version.files.all() if f.stored.text
                    )
                entries.append(entry_for(document, body))
            if entries:
                engine.index(entries)
            missing = set(chunk) - {d.pk for d in documents}
            if missing:
                engine.remove("document", sorted(missing))
        done += len(entries)
    return done


def reindex_all() -> int:
    ids = Document.objects.order_by("pk").values_list("pk", flat=True)
    return reindex(ids.iterator())


def documents_using(stored: StoredFile) -> list[int]:
    return list(
        Document.objects.filter(current_version__files__stored=stored)
        .values_list("pk", flat=True)
        .distinct()
    )

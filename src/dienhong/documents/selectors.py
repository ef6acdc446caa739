"""Reads of documents, scoped to the user inside the query.

Who sees a document (one rule, used by the ORM lists, downloads, previews and the search
engine's ``Visibility``):

- ``public``: every signed-in user;
- ``internal``: anyone holding ``documents.view`` somewhere;
- ``restricted``: holders of ``documents.view`` over the owner unit or over one of the units
  named on the document (or a unit above or below it), and the people named on it;
- ``confidential``: holders of ``documents.view_confidential`` over the owner unit, and the
  people named on it.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from dienhong.accounts.permissions import has_perm, scope_paths
from dienhong.core.models import AuditEvent
from dienhong.documents.models import (
    Access,
    Document,
    DocumentVersion,
    Dossier,
    SavedSearch,
    StoredFile,
    Tag,
    VersionFile,
)

LIST_PAGE_SIZE = 50


def _authenticated(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def ancestors(path: str) -> list[str]:
    """``/1/5/12/`` → ``["/1/", "/1/5/", "/1/5/12/"]``."""
    parts = [p for p in path.split("/") if p]
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def _path_q(field: str, paths: list[str]) -> Q:
    """``field`` is inside one of ``paths``' subtrees, or on the way down to one of them."""
    if not paths:
        return Q(pk__in=[])
    condition = Q(**{f"{field}__in": sorted({a for p in paths for a in ancestors(p)})})
    for path in paths:
        condition |= Q(**{f"{field}__startswith": path})
    return condition


def visibility_for(user: Any) -> Any:
    """The search engine's ``Visibility`` for ``user`` (the same rule as ``visible_q``)."""
    from dienhong.search.engine import Visibility

    if not _authenticated(user):
        return Visibility(user_id=0, internal=False, unit_paths=[], confidential_unit_paths=[])
    view_paths = scope_paths(user, "documents.view")
    return Visibility(
        user_id=user.pk,
        internal=bool(view_paths),
        unit_paths=list(view_paths),
        confidential_unit_paths=list(scope_paths(user, "documents.view_confidential")),
    )


def visible_q(user: Any) -> Q:
    if not _authenticated(user):
        return Q(pk__in=[])
    view_paths = scope_paths(user, "documents.view")
    confidential_paths = scope_paths(user, "documents.view_confidential")
    named: Any = Exists(
        Document.allowed_users.through.objects.filter(document_id=OuterRef("pk"), user_id=user.pk)
    )
    condition: Any = Q(access=Access.PUBLIC)
    if view_paths:
        condition |= Q(access=Access.INTERNAL)
        allowed_units = Document.allowed_units.through.objects.filter(
            _path_q("unit__path", view_paths), document_id=OuterRef("pk")
        )
        condition |= Q(access=Access.RESTRICTED) & (
            _path_q("owner_unit__path", view_paths) | Exists(allowed_units) | named
        )
    else:
        condition |= Q(access=Access.RESTRICTED) & named
    confidential: Any = named
    if confidential_paths:
        confidential = Q(_path_q("owner_unit__path", confidential_paths)) | named
    condition |= Q(access=Access.CONFIDENTIAL) & confidential
    return condition


def documents_visible_to(user: Any) -> QuerySet[Document]:
    return Document.objects.filter(visible_q(user))


def can_see(user: Any, document: Document) -> bool:
    return documents_visible_to(user).filter(pk=document.pk).exists()


def get_document(user: Any, document_id: int) -> Document | None:
    """The document with everything its page shows, or ``None`` if the user may not see it."""
    return (
        documents_visible_to(user)
        .select_related("owner_unit", "current_version", "created_by", "registered_by")
        .prefetch_related("tags", "dossiers", "allowed_units", "allowed_users")
        .filter(pk=document_id)
        .first()
    )


def _with_files(queryset: QuerySet[Document]) -> QuerySet[Document]:
    files = VersionFile.objects.select_related("stored").only(
        "id",
        "version_id",
        "name",
        "position",
        "stored__id",
        "stored__status",
        "stored__sha256",
        "stored__pages",
        "stored__kind",
        "stored__size",
    )
    return queryset.select_related("owner_unit", "current_version").prefetch_related(
        Prefetch("current_version__files", queryset=files)
    )


@dataclass
class Page:
    items: list[Document]
    next_cursor: str | None


def document_list(
    user: Any,
    *,
    cursor: str | None = None,
    limit: int = LIST_PAGE_SIZE,
    filters: dict[str, Any] | None = None,
) -> Page:
    """Newest first, keyset-paginated on the id (constant cost at any depth)."""
    queryset = documents_visible_to(user)
    filters = filters or {}
    if filters.get("type"):
        queryset = queryset.filter(doc_type__in=filters["type"])
    if filters.get("direction"):
        queryset = queryset.filter(direction__in=filters["direction"])
    if filters.get("status"):
        queryset = queryset.filter(status__in=filters["status"])
    if filters.get("unit"):
        queryset = queryset.filter(owner_unit_id__in=filters["unit"])
    if filters.get("year"):
        queryset = queryset.filter(date__year__in=filters["year"])
    if filters.get("tag"):
        queryset = queryset.filter(tags__name__in=filters["tag"])
    if filters.get("dossier"):
        queryset = queryset.filter(dossiers__id__in=filters["dossier"])
    if cursor:
        with contextlib.suppress(ValueError):
            queryset = queryset.filter(pk__lt=int(cursor))
    items = list(_with_files(queryset.order_by("-pk"))[: limit + 1])
    next_cursor = str(items[limit - 1].pk) if len(items) > limit else None
    return Page(items=items[:limit], next_cursor=next_cursor)


def documents_by_ids(user: Any, ids: list[int]) -> list[Document]:
    """Documents in the order given, dropping any the user may not see (double check)."""
    found = {doc.pk: doc for doc in _with_files(documents_visible_to(user).filter(pk__in=ids))}
    return [found[i] for i in ids if i in found]


def versions_of(document: Document) -> QuerySet[DocumentVersion]:
    files = VersionFile.objects.select_related("stored").defer("stored__text")
    return (
        document.versions.select_related("created_by")
        .prefetch_related(Prefetch("files", queryset=files))
        .order_by("-number")
    )


def trail_of(document: Document, *, limit: int = 30) -> QuerySet[AuditEvent]:
    """The latest audit events on the document, newest first (its processing record)."""
    return AuditEvent.objects.filter(
        object_type=Document._meta.label_lower, object_id=str(document.pk)
    ).order_by("-seq")[:limit]


def links_of(user: Any, document: Document) -> dict[str, list[Any]]:
    """Links in both directions, to documents the user may see only."""
    visible = visible_q(user)
    outgoing = document.links_out.select_related("target").filter(
        target__in=Document.objects.filter(visible)
    )
    incoming = document.links_in.select_related("source").filter(
        source__in=Document.objects.filter(visible)
    )
    return {"outgoing": list(outgoing), "incoming": list(incoming)}


def file_of(user: Any, document_id: int, file_id: int) -> VersionFile | None:
    """A file of a document the user may see; ``None`` otherwise (same answer as missing)."""
    return (
        VersionFile.objects.select_related("stored", "version__document__owner_unit")
        .defer("stored__text")
        .filter(pk=file_id, version__document__in=documents_visible_to(user).filter(pk=document_id))
        .first()
    )


def extraction_state(document: Document) -> str:
    """The worst state among the current version's files (for badges)."""
    if document.current_version is None:
        return ""
    states = [f.stored.status for f in document.current_version.files.all()]
    for state in ("failed", "processing", "pending"):
        if state in states:
            return state
    return "done" if states else ""


def document_text(document: Document) -> str:
    if document.current_version_id is None:
        return ""
    texts = StoredFile.objects.filter(uses__version_id=document.current_version_id).values_list(
        "text", flat=True
    )
    return "\n\n".join(t for t in texts if t)


def saved_searches(user: Any) -> QuerySet[SavedSearch]:
    if not _authenticated(user):
        return SavedSearch.objects.none()
    return SavedSearch.objects.filter(user=user)


def tags_all() -> QuerySet[Tag]:
    return Tag.objects.all()


def dossiers_visible_to(user: Any) -> QuerySet[Dossier]:
    paths = scope_paths(user, "documents.view") if _authenticated(user) else []
    return Dossier.objects.filter(_path_q("owner_unit__path", paths)).select_related("owner_unit")


def owner_units_for(user: Any, permission: str = "documents.add") -> list[Any]:
    """Units a user may file documents under: the grant units and their own units inside them."""
    from dienhong.org.models import Membership, Unit

    paths = scope_paths(user, permission) if _authenticated(user) else []
    if not paths:
        return []
    member_units = Membership.objects.filter(person__user=user, valid_to__isnull=True).values_list(
        "unit_id", flat=True
    )
    units = Unit.objects.filter(Q(path__in=paths) | Q(pk__in=member_units)).order_by("path")
    return [unit for unit in units if any(unit.path.startswith(p) for p in paths)]


def may(user: Any, permission: str, document: Document) -> bool:
    return has_perm(user, permission, unit=document.owner_unit)


@dataclass
class SearchPage:
    items: list[tuple[Document, str]]  # (document, highlighted snippet HTML)
    total: int
    facets: dict[str, dict[str, int]]
    next_cursor: str | None
    #: Nothing held every word or quoted phrase: these documents hold some of the words.
    relaxed: bool = False


FACETS = ["type", "issuer", "year", "unit", "tag"]


def search_documents(
    user: Any,
    *,
    text: str,
    filters: dict[str, list[Any]] | None = None,
    sort: str = "relevance",
    cursor: str | None = None,
    limit: int = 20,
) -> SearchPage:
    """Full-text search through the search engine, with the user's visibility inside the query."""
    try:
        from dienhong.search.engine import SearchQuery, search
    except ImportError:  # pragma: no cover - only before the search app is installed
        return SearchPage(items=[], total=0, facets={}, next_cursor=None)
    if not _authenticated(user):
        return SearchPage(items=[], total=0, facets={}, next_cursor=None)
    query = SearchQuery(
        text=text,
        filters={k: v for k, v in (filters or {}).items() if v},
        sort=sort if sort in ("relevance", "date", "-date") else "relevance",
        limit=limit,
        cursor=cursor or None,
        facets=FACETS,
    )
    result = search(query, visibility=visibility_for(user))
    ids = [hit.object_id for hit in result.hits]
    snippets = {hit.object_id: hit.snippet_html for hit in result.hits}
    documents = documents_by_ids(user, ids)
    return SearchPage(
        items=[(doc, snippets.get(doc.pk, "")) for doc in documents],
        total=result.total,
        facets=result.facets or {},
        next_cursor=result.next_cursor,
        relaxed=result.relaxed,
    )

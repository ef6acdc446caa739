"""Documents in the API: keyset-paginated lists, search, detail, registration by hand,
metadata updates, registration in the register and retries. Thin: reads go through
``documents.selectors`` (scoped in the query), writes through ``documents.services``.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from dienhong.core.errors import NotFound, ValidationFailed
from dienhong.core.schemas import Day, Id, InputSchema, SearchText, Text
from dienhong.documents import selectors, services
from dienhong.documents.models import Access, Direction, DocType, Document
from dienhong.org.models import Unit

router = Router(tags=["documents"])

DocTypeName = Literal[tuple(DocType.values)]  # type: ignore[valid-type]
AccessName = Literal["public", "internal", "restricted", "confidential"]
DirectionName = Literal["incoming", "outgoing", "internal"]


class FileOut(Schema):
    id: int
    name: str
    size: int
    sha256: str
    status: str = Field(description="pending, processing, done or failed")
    reason: str
    pages: int | None


class DocumentOut(Schema):
    id: int
    title: str
    direction: str
    status: str
    number: str
    date: date | None
    issuer: str
    doc_type: str
    subject: str
    signer: str
    urgency: str
    confidentiality: str
    access: str
    page_count: int | None
    owner_unit_id: int
    register_number: int | None


class DocumentDetailOut(DocumentOut):
    files: list[FileOut]
    versions: int
    suggestions: dict[str, str]
    tags: list[str]


class DocumentPage(Schema):
    items: list[DocumentOut]
    next_cursor: str | None


class SearchHitOut(Schema):
    document: DocumentOut
    snippet_html: str


class SearchOut(Schema):
    total: int
    items: list[SearchHitOut]
    facets: dict[str, dict[str, int]]
    next_cursor: str | None
    relaxed: bool = Field(
        False,
        description="No document holds every word (or quoted phrase) of q: these hold some",
    )


class ListFilters(Schema):
    cursor: str | None = Field(
        None, max_length=40, pattern=r"^\d+$", description="next_cursor of the previous page"
    )
    limit: int = Field(50, ge=1, le=200)
    doc_type: list[DocTypeName] | None = Field(None, alias="type")  # type: ignore[valid-type]
    direction: list[DirectionName] | None = None
    year: list[int] | None = Field(None)
    unit: list[Id] | None = None


class SearchFilters(Schema):
    q: SearchText = ""
    doc_type: list[DocTypeName] | None = Field(None, alias="type")  # type: ignore[valid-type]
    issuer: list[Text] | None = None
    year: list[int] | None = None
    unit: list[Id] | None = None
    tag: list[Text] | None = None
    sort: Literal["relevance", "date", "-date"] = "relevance"
    cursor: str | None = Field(None, max_length=200)
    limit: int = Field(20, ge=1, le=100)


class DocumentIn(InputSchema):
    owner_unit_id: Id
    doc_type: DocTypeName = "Khác"  # type: ignore[valid-type]
    subject: Text = Field("", max_length=2000)
    direction: DirectionName = "incoming"
    access: AccessName = "internal"
    number: Text = Field("", max_length=120)
    date: Day | None = None
    issuer: Text = Field("", max_length=255)
    signer: Text = Field("", max_length=200)


class DocumentPatch(InputSchema):
    doc_type: DocTypeName | None = None  # type: ignore[valid-type]
    subject: Text | None = Field(None, max_length=2000)
    direction: DirectionName | None = None
    access: AccessName | None = None
    number: Text | None = Field(None, max_length=120)
    date: Day | None = None
    issuer: Text | None = Field(None, max_length=255)
    signer: Text | None = Field(None, max_length=200)


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


def _out(document: Document) -> dict[str, Any]:
    return {field: getattr(document, field) for field in DocumentOut.model_fields}


def _document(user: Any, document_id: int) -> Document:
    document = selectors.get_document(user, document_id)
    if document is None:
        raise NotFound(_("No document with id %(id)s.") % {"id": document_id})
    return document


def _years(values: list[int] | None) -> list[int]:
    return [year for year in values or [] if 1900 <= year <= 2199]


@router.get("/documents", response=DocumentPage, summary="List documents, newest first")
def list_documents(request: HttpRequest, filters: Query[ListFilters]) -> dict[str, Any]:
    page = selectors.document_list(
        _user(request),
        cursor=filters.cursor,
        limit=filters.limit,
        filters={
            "type": filters.doc_type,
            "direction": filters.direction,
            "year": _years(filters.year),
            "unit": filters.unit,
        },
    )
    return {"items": [_out(d) for d in page.items], "next_cursor": page.next_cursor}


@router.get("/documents/search", response=SearchOut, summary="Search documents")
def search_documents(request: HttpRequest, filters: Query[SearchFilters]) -> dict[str, Any]:
    page = selectors.search_documents(
        _user(request),
        text=filters.q,
        sort=filters.sort,
        cursor=filters.cursor,
        limit=filters.limit,
        filters={
            "type": list(filters.doc_type or []),
            "issuer": list(filters.issuer or []),
            "year": _years(filters.year),
            "unit": list(filters.unit or []),
            "tag": list(filters.tag or []),
        },
    )
    return {
        "total": page.total,
        "items": [{"document": _out(doc), "snippet_html": snippet} for doc, snippet in page.items],
        "facets": {k: {str(v): n for v, n in values.items()} for k, values in page.facets.items()},
        "next_cursor": page.next_cursor,
        "relaxed": page.relaxed,
    }


@router.get("/documents/{document_id}", response=DocumentDetailOut, summary="One document")
def get_document(request: HttpRequest, document_id: Id) -> dict[str, Any]:
    user = _user(request)
    document = _document(user, document_id)
    services.record_view(actor=user, document=document)
    files = []
    if document.current_version is not None:
        for vfile in document.current_version.files.select_related("stored"):
            stored = vfile.stored
            files.append(
                {
                    "id": vfile.pk,
                    "name": vfile.name,
                    "size": stored.size,
                    "sha256": stored.sha256,
                    "status": stored.status,
                    "reason": stored.reason,
                    "pages": stored.pages,
                }
            )
    return {
        **_out(document),
        "files": files,
        "versions": document.versions.count(),
        "suggestions": {k: str(v) for k, v in (document.suggestions or {}).items()},
        "tags": [tag.name for tag in document.tags.all()],
    }


@router.post("/documents", response={201: DocumentOut}, summary="Register a document by hand")
def create_document(request: HttpRequest, payload: DocumentIn) -> tuple[int, dict[str, Any]]:
    user = _user(request)
    unit = Unit.objects.filter(pk=payload.owner_unit_id).first()
    if unit is None:
        raise ValidationFailed(
            _("No unit with id %(id)s.") % {"id": payload.owner_unit_id}, field="owner_unit_id"
        )
    document = services.create_document(
        actor=user,
        owner_unit=unit,
        doc_type=payload.doc_type,
        subject=payload.subject,
        direction=payload.direction,
        access=payload.access,
        number=payload.number,
        date=payload.date,
        issuer=payload.issuer,
        signer=payload.signer,
    )
    return 201, _out(document)


@router.patch("/documents/{document_id}", response=DocumentOut, summary="Change metadata")
def update_document(
    request: HttpRequest, document_id: Id, payload: DocumentPatch
) -> dict[str, Any]:
    user = _user(request)
    document = _document(user, document_id)
    data = payload.model_dump(exclude_unset=True)
    document = services.update_document(actor=user, document=document, data=data)
    return _out(document)


@router.post(
    "/documents/{document_id}/register",
    response=DocumentOut,
    summary="Enter the document in the register",
)
def register_document(request: HttpRequest, document_id: Id) -> dict[str, Any]:
    user = _user(request)
    document = services.register_document(actor=user, document=_document(user, document_id))
    return _out(document)


@router.post(
    "/documents/{document_id}/files/{file_id}/retry",
    response={202: DocumentOut},
    summary="Digitize a failed file again",
)
def retry_file(request: HttpRequest, document_id: Id, file_id: Id) -> tuple[int, dict[str, Any]]:
    user = _user(request)
    vfile = selectors.file_of(user, document_id, file_id)
    if vfile is None:
        raise NotFound(_("No such file."))
    document = vfile.version.document
    services.retry_extraction(actor=user, document=document, stored=vfile.stored)
    return 202, _out(document)


__all__ = ["Access", "Direction", "router"]

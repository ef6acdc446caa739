"""Pages of the documents module: thin, they translate HTTP to selectors and services."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST

from dienhong.accounts.models import User
from dienhong.accounts.permissions import has_perm
from dienhong.core.errors import DomainError
from dienhong.documents import blobs, delivery, selectors, services
from dienhong.documents.extract import REASON_MESSAGES
from dienhong.documents.forms import (
    AccessForm,
    CreateForm,
    DossierForm,
    LinkForm,
    MetadataForm,
    SaveSearchForm,
    UploadForm,
)
from dienhong.documents.models import (
    Access,
    DocStatus,
    DocType,
    Document,
    Retention,
    SavedSearch,
)
from dienhong.documents.uploads import HashingUploadHandler, max_upload_bytes
from dienhong.org.models import Unit
from dienhong.search.analysis import without_quotes

FILTER_KEYS = ["type", "issuer", "year", "unit", "tag"]


def _filters(request: HttpRequest) -> dict[str, list[Any]]:
    filters: dict[str, list[Any]] = {}
    for key in FILTER_KEYS:
        values: list[Any] = [v for v in request.GET.getlist(key) if v.strip()]
        if key in ("year", "unit"):
            values = [int(v) for v in values if v.isdigit()]
        if values:
            filters[key] = values
    return filters


def _toggle_url(request: HttpRequest, key: str, value: Any) -> str:
    """The current query with one facet value switched on or off (cursor dropped)."""
    params = [(k, item) for k, items in request.GET.lists() for item in items if k != "cursor"]
    pair = (key, str(value))
    params = [p for p in params if p != pair] if pair in params else [*params, pair]
    return "?" + urlencode(params)


def _facet_rows(request: HttpRequest, facets: dict[str, dict[str, int]]) -> list[dict[str, Any]]:
    labels = {
        "type": _("Type"),
        "issuer": _("Issuing body"),
        "year": _("Year"),
        "unit": _("Unit"),
        "tag": _("Tag"),
    }
    unit_ids = [int(v) for v in facets.get("unit", {}) if str(v).isdigit()]
    unit_names = dict(Unit.objects.filter(pk__in=unit_ids).values_list("pk", "name"))
    selected = {(k, str(v)) for k, values in _filters(request).items() for v in values}
    rows = []
    for key in FILTER_KEYS:
        values = facets.get(key) or {}
        if not values:
            continue
        items = []
        for value, count in sorted(values.items(), key=lambda kv: (-kv[1], str(kv[0])))[:12]:
            label = (
                unit_names.get(int(value), value)
                if key == "unit" and str(value).isdigit()
                else value
            )
            items.append(
                {
                    "label": label,
                    "count": count,
                    "url": _toggle_url(request, key, value),
                    "selected": (key, str(value)) in selected,
                }
            )
        rows.append({"key": key, "label": labels[key], "items": items})
    return rows


@login_required
@require_GET
def document_list(request: HttpRequest) -> HttpResponse:
    """One box for search; without a query, the newest documents (keyset pages)."""
    text = request.GET.get("q", "").strip()
    filters = _filters(request)
    sort = request.GET.get("sort", "relevance" if text else "-date")
    cursor = request.GET.get("cursor") or None
    context: dict[str, Any] = {
        "q": text,
        "sort": sort,
        "filters": filters,
        "saved": selectors.saved_searches(request.user),
        "save_form": SaveSearchForm(initial={"query": request.GET.urlencode()}),
        "can_add": has_perm(request.user, "documents.add"),
        "can_register": has_perm(request.user, "documents.register"),
        "query_string": request.GET.urlencode(),
    }
    if text or filters:
        page = selectors.search_documents(
            request.user, text=text, filters=filters, sort=sort, cursor=cursor
        )
        context.update(
            mode="search",
            results=page.items,
            total=page.total,
            facets=_facet_rows(request, page.facets),
            next_cursor=page.next_cursor,
            relaxed=page.relaxed,
            quoted=without_quotes(text) != text,
        )
    else:
        dossier = [int(v) for v in request.GET.getlist("dossier") if v.isdigit()]
        listing = selectors.document_list(request.user, cursor=cursor, filters={"dossier": dossier})
        context.update(
            mode="list",
            results=[(doc, "") for doc in listing.items],
            next_cursor=listing.next_cursor,
            facets=[],
        )
    if context["next_cursor"]:
        params = request.GET.copy()
        params["cursor"] = context["next_cursor"]
        context["next_url"] = "?" + params.urlencode()
    context["results"] = [
        {"doc": doc, "snippet": snippet, "state": selectors.extraction_state(doc)}
        for doc, snippet in context["results"]
    ]
    template = (
        "documents/_results.html" if request.headers.get("HX-Request") else "documents/list.html"
    )
    return render(request, template, context)


@csrf_exempt
@login_required
def upload(request: HttpRequest) -> HttpResponse:
    """Many files at once, streamed to disk and hashed as they arrive."""
    if request.method == "POST":
        request.upload_handlers = [HashingUploadHandler(request)]
    return _upload(request)


@csrf_protect
def _upload(request: HttpRequest) -> HttpResponse:
    units = selectors.owner_units_for(request.user, "documents.add")
    if not units:
        raise Http404
    form = UploadForm(request.POST or None, units=units)
    outcomes: list[services.Outcome] = []
    rejected = list(getattr(request, "upload_rejected", []))
    if request.method == "POST":
        files = request.FILES.getlist("files")
        for name in rejected:
            messages.error(
                request,
                _("%(name)s is larger than the limit of %(limit)s MB and was not received.")
                % {"name": name, "limit": max_upload_bytes() // (1024 * 1024) or 1},
            )
        if not files and not rejected:
            form.add_error(None, _("Choose at least one file."))
        if form.is_valid() and files:
            incoming = [
                services.Incoming(
                    name=f.name or "file", upload=f, sha256=getattr(f, "sha256", None), size=f.size
                )
                for f in files
            ]
            try:
                outcomes = services.upload_files(
                    actor=request.user,
                    files=incoming,
                    owner_unit=form.cleaned_data["owner_unit"],
                    direction=form.cleaned_data["direction"],
                    access=form.cleaned_data["access"],
                )
            except DomainError as error:
                form.add_error(None, str(error.message))
    return render(
        request,
        "documents/upload.html",
        {
            "form": form,
            "outcomes": outcomes,
            "limit_mb": max_upload_bytes() // (1024 * 1024),
        },
        status=200 if not form.errors else 422,
    )


@login_required
def create(request: HttpRequest) -> HttpResponse:
    units = selectors.owner_units_for(request.user, "documents.register")
    if not units:
        raise Http404
    form = CreateForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = services.create_document(
                actor=request.user,
                owner_unit=data["owner_unit"],
                doc_type=data["doc_type"],
                subject=data["subject"],
                direction=data["direction"],
                access=data["access"],
                number=data["number"],
                date=data["date"],
                issuer=data["issuer"],
                signer=data["signer"],
                urgency=data["urgency"],
                confidentiality=data["confidentiality"],
                retention=data["retention"],
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
        else:
            messages.success(request, _("The document was created."))
            return redirect("documents:detail", pk=document.pk)
    return render(
        request, "documents/create.html", {"form": form}, status=422 if form.errors else 200
    )


def _document_or_404(request: HttpRequest, pk: int) -> Document:
    document = selectors.get_document(request.user, pk)
    if document is None:
        raise Http404
    return document


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document_or_404(request, pk)
    services.record_view(actor=request.user, document=document)
    versions = list(selectors.versions_of(document))
    current_files: Any = next(
        (v.files.all() for v in versions if v.pk == document.current_version_id), []
    )
    can_edit = _can_edit(request.user, document)
    suggestions = []
    labels = {
        "number": _("Number and symbol"),
        "date": pgettext("date of issue", "Date"),
        "type": _("Type"),
        "issuer": _("Issuing body"),
        "subject": _("Subject"),
        "signer": _("Signer"),
    }
    current = {
        "number": document.number,
        "date": document.date.isoformat() if document.date else "",
        "type": document.doc_type,
        "issuer": document.issuer,
        "subject": document.subject,
        "signer": document.signer,
    }
    for key, label in labels.items():
        value = (document.suggestions or {}).get(key)
        if value and value != current[key]:
            suggestions.append(
                {"key": key, "label": label, "value": value, "current": current[key]}
            )
    return render(
        request,
        "documents/detail.html",
        {
            "document": document,
            "versions": versions,
            "current_files": current_files,
            "links": selectors.links_of(request.user, document),
            "trail": selectors.trail_of(document),
            "can_edit": can_edit,
            "can_register": has_perm(request.user, "documents.register", unit=document.owner_unit),
            "can_add": has_perm(request.user, "documents.add", unit=document.owner_unit),
            "suggestions": suggestions if can_edit else [],
            "reasons": REASON_MESSAGES,
            "link_form": LinkForm(),
            "dossier_choices": list(selectors.dossiers_visible_to(request.user)[:200])
            if can_edit
            else [],
            "watermarked": delivery.needs_watermark(document),
            "registered": document.status == DocStatus.REGISTERED,
        },
    )


def _can_edit(user: Any, document: Document) -> bool:
    try:
        services._require_edit(user, document)
    except DomainError:
        return False
    return True


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document_or_404(request, pk)
    if not _can_edit(request.user, document):
        raise Http404
    initial = {"tags": ", ".join(t.name for t in document.tags.all())}
    form = MetadataForm(request.POST or None, instance=Document.objects.get(pk=pk), initial=initial)
    access_form = AccessForm(
        request.POST or None,
        prefix="acl",
        initial={
            "access": document.access,
            "units": ", ".join(u.code for u in document.allowed_units.all()),
            "users": ", ".join(u.username for u in document.allowed_users.all()),
        },
    )
    if request.method == "POST" and form.is_valid() and access_form.is_valid():
        try:
            data = {k: v for k, v in form.cleaned_data.items() if k != "tags"}
            data["access"] = access_form.cleaned_data["access"]
            updated = services.update_document(actor=request.user, document=document, data=data)
            codes = [c.strip() for c in access_form.cleaned_data["units"].split(",") if c.strip()]
            names = [c.strip() for c in access_form.cleaned_data["users"].split(",") if c.strip()]
            units = list(Unit.objects.filter(code__in=codes))
            users = list(User.objects.filter(username__in=names))
            if len(units) != len(set(codes)):
                raise DomainError(_("Unknown unit code."), field="units")
            if len(users) != len(set(names)):
                raise DomainError(_("Unknown user name."), field="users")
            services.set_access(
                actor=request.user,
                document=updated,
                access=updated.access,
                units=units,
                users=users,
            )
            services.set_tags(
                actor=request.user, document=updated, names=form.cleaned_data["tags"].split(",")
            )
        except DomainError as error:
            target = form if error.field in form.fields else access_form
            field = error.field if error.field in target.fields else None
            target.add_error(field, str(error.message))
        else:
            messages.success(request, _("The document was saved."))
            return redirect("documents:detail", pk=pk)
    return render(
        request,
        "documents/edit.html",
        {"document": document, "form": form, "access_form": access_form},
        status=422 if (form.errors or access_form.errors) else 200,
    )


def _post_action(request: HttpRequest, pk: int, action: Any, success: str) -> HttpResponse:
    document = _document_or_404(request, pk)
    try:
        action(document)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, success)
    return redirect("documents:detail", pk=pk)


@login_required
@require_POST
def register(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_action(
        request,
        pk,
        lambda d: services.register_document(actor=request.user, document=d),
        _("The document was entered in the register."),
    )


@login_required
@require_POST
def accept_suggestions(request: HttpRequest, pk: int) -> HttpResponse:
    fields = request.POST.getlist("field")
    return _post_action(
        request,
        pk,
        lambda d: services.apply_suggestions(actor=request.user, document=d, fields=fields),
        _("The suggested values were applied."),
    )


@login_required
@require_POST
def retry(request: HttpRequest, pk: int, file_id: int) -> HttpResponse:
    vfile = selectors.file_of(request.user, pk, file_id)
    if vfile is None:
        raise Http404
    return _post_action(
        request,
        pk,
        lambda d: services.retry_extraction(actor=request.user, document=d, stored=vfile.stored),
        _("The file was put back in the queue."),
    )


@login_required
@require_POST
def add_link(request: HttpRequest, pk: int) -> HttpResponse:
    form = LinkForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a relation and a document id."))
        return redirect("documents:detail", pk=pk)
    target = selectors.get_document(request.user, form.cleaned_data["target"])

    def action(document: Document) -> None:
        if target is None:
            raise DomainError(_("No document with this id is visible to you."))
        services.link_documents(
            actor=request.user, source=document, target=target, kind=form.cleaned_data["kind"]
        )

    return _post_action(request, pk, action, _("The link was added."))


@csrf_exempt
@login_required
def add_version(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method != "POST":
        return redirect("documents:detail", pk=pk)
    request.upload_handlers = [HashingUploadHandler(request)]
    return _add_version(request, pk)


@csrf_protect
def _add_version(request: HttpRequest, pk: int) -> HttpResponse:
    for name in getattr(request, "upload_rejected", []):
        messages.error(
            request,
            _("%(name)s is larger than the limit of %(limit)s MB and was not received.")
            % {"name": name, "limit": max_upload_bytes() // (1024 * 1024) or 1},
        )
    files = [
        services.Incoming(
            name=f.name or "file", upload=f, sha256=getattr(f, "sha256", None), size=f.size
        )
        for f in request.FILES.getlist("files")
    ]
    note = request.POST.get("note", "")
    return _post_action(
        request,
        pk,
        lambda d: services.add_version(actor=request.user, document=d, files=files, note=note),
        _("The new version was added."),
    )


@login_required
@require_GET
def download(request: HttpRequest, pk: int, file_id: int) -> HttpResponse | FileResponse:
    vfile = selectors.file_of(request.user, pk, file_id)
    if vfile is None:
        raise Http404
    document = vfile.version.document
    out = delivery.download(document, vfile, user_label=_user_label(request))
    services.record_download(
        actor=request.user, document=document, file=vfile, watermarked=out.watermarked
    )
    response: HttpResponse | FileResponse
    if out.content is not None:
        response = HttpResponse(out.content, content_type=out.content_type)
        response["Content-Disposition"] = _disposition(out.filename)
    else:
        assert out.storage_name is not None
        response = FileResponse(
            blobs.storage().open(out.storage_name, "rb"),
            as_attachment=True,
            filename=out.filename,
            content_type=out.content_type,
        )
    response["Cache-Control"] = "private, no-store"
    return response


def _user_label(request: HttpRequest) -> str:
    """How a stamp names the user: full name and login."""
    user: Any = request.user
    return f"{user.get_full_name() or user.get_username()} ({user.get_username()})"


def _disposition(filename: str) -> str:
    from urllib.parse import quote

    return f"attachment; filename*=UTF-8''{quote(filename)}"


@login_required
@require_GET
def preview(request: HttpRequest, pk: int, file_id: int, page: int) -> HttpResponse:
    vfile = selectors.file_of(request.user, pk, file_id)
    if vfile is None:
        raise Http404
    width = int(request.GET.get("w", "900")) if request.GET.get("w", "900").isdigit() else 900
    png = delivery.shown_preview(
        vfile.version.document, vfile.stored, page, width, user_label=_user_label(request)
    )
    if png is None:
        raise Http404
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
@require_POST
def save_search(request: HttpRequest) -> HttpResponse:
    form = SaveSearchForm(request.POST)
    query = request.POST.get("query", "")
    if form.is_valid():
        try:
            services.save_search(actor=request.user, name=form.cleaned_data["name"], query=query)
            messages.success(request, _("The search was saved."))
        except DomainError as error:
            messages.error(request, str(error.message))
    else:
        messages.error(request, _("Give the search a name."))
    return HttpResponseRedirect(reverse("documents:list") + ("?" + query if query else ""))


@login_required
@require_POST
def delete_search(request: HttpRequest, saved_id: int) -> HttpResponse:
    saved = selectors.saved_searches(request.user).filter(pk=saved_id).first()
    if saved is None:
        raise Http404
    services.delete_saved_search(actor=request.user, saved=saved)
    messages.success(request, _("The saved search was deleted."))
    return redirect("documents:list")


@login_required
def dossiers(request: HttpRequest) -> HttpResponse:
    """Dossiers (hồ sơ) the user may see, and a form to open one."""
    units = selectors.owner_units_for(request.user, "documents.register")
    form = DossierForm(request.POST or None, units=units) if units else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.create_dossier(
                    actor=request.user,
                    owner_unit=data["owner_unit"],
                    title=data["title"],
                    code=data["code"],
                    year=data["year"],
                    retention=data["retention"],
                )
            except DomainError as error:
                form.add_error(None, str(error.message))
            else:
                messages.success(request, _("The dossier was opened."))
                return redirect("documents:dossiers")
    rows = selectors.dossiers_visible_to(request.user).annotate(count=Count("documents"))
    return render(
        request,
        "documents/dossiers.html",
        {"dossiers": rows[:500], "form": form},
        status=422 if form is not None and form.errors else 200,
    )


@login_required
@require_POST
def file_in_dossier(request: HttpRequest, pk: int) -> HttpResponse:
    raw = str(request.POST.get("dossier", ""))
    dossier = (
        selectors.dossiers_visible_to(request.user).filter(pk=int(raw) if raw.isdigit() else 0)
    ).first()

    def action(document: Document) -> None:
        if dossier is None:
            raise DomainError(_("Choose a dossier."))
        services.file_in_dossier(actor=request.user, document=document, dossier=dossier)

    return _post_action(request, pk, action, _("The document was filed in the dossier."))


__all__ = ["Access", "DocType", "Retention", "SavedSearch"]

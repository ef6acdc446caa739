"""Pages of the sittings module: thin views over selectors and services.

Internal pages need a login and ``sittings.view``; the published programme has public pages
(no login): the programme, its versions and their differences, PDF, DOCX and iCal.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from dienhong.accounts.permissions import has_perm, units_in_scope
from dienhong.core.errors import DomainError, PermissionDenied
from dienhong.documents.selectors import documents_visible_to
from dienhong.sittings import output, programme, selectors, services
from dienhong.sittings.forms import (
    AttendanceImportForm,
    CheckInForm,
    ChecklistForm,
    ConclusionForm,
    GuestForm,
    ItemForm,
    MinutesEntryForm,
    MoveForm,
    PublishForm,
    ScriptEditForm,
    SeatForm,
    SessionEditForm,
    SessionForm,
    SittingForm,
    VoteForm,
)
from dienhong.sittings.models import (
    ConnectionPoint,
    ItemKind,
    MinutesEntry,
    Participant,
    ParticipantKind,
    ProgrammeVersion,
    Script,
    Session,
    SessionKind,
    Sitting,
    SittingFormat,
)

View = Callable[..., HttpResponse]


def _deny(request: HttpRequest) -> HttpResponse:
    return render(request, "sittings/denied.html", status=403)


def staff_view(view: View) -> View:
    """Login, ``sittings.view`` anywhere, and domain errors shown as a 403 page."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not selectors.may_view(request.user):
            return _deny(request)
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:
            return _deny(request)

    return wrapper


def _session(request: HttpRequest, pk: int) -> Session:
    session = selectors.session_detail(request.user, pk)
    if session is None:
        raise Http404
    return session


def _sitting(request: HttpRequest, pk: int) -> Sitting:
    sitting = selectors.sitting_detail(request.user, pk)
    if sitting is None:
        raise Http404
    return sitting


def _internal(request: HttpRequest, session: Session) -> None:
    if not selectors.may_see_internal(request.user, session):
        raise PermissionDenied()


def _require_manage(request: HttpRequest, session: Session) -> None:
    if not selectors.may_manage(request.user, session):
        raise PermissionDenied()


def _fail(request: HttpRequest, error: DomainError) -> None:
    if isinstance(error, PermissionDenied):
        raise error  # answered with the 403 page by ``staff_view``
    messages.error(request, str(error.message))


def _form_error(form: Any, error: DomainError) -> None:
    if isinstance(error, PermissionDenied):
        raise error
    field = error.field if error.field in form.fields else None
    form.add_error(field, str(error.message))


def _context(request: HttpRequest, session: Session, tab: str, **extra: Any) -> dict[str, Any]:
    return {
        "session": session,
        "tab": tab,
        "can_manage": selectors.may_manage(request.user, session),
        "can_publish": selectors.may_publish(request.user, session),
        "can_internal": selectors.may_see_internal(request.user, session),
        **extra,
    }


# --- sessions -------------------------------------------------------------------------------------


@staff_view
@require_GET
def session_list(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    kind = kind if kind in SessionKind.values else ""
    q = request.GET.get("q", "").strip()[:100]
    page = Paginator(selectors.session_list(request.user, kind=kind, q=q), 25).get_page(
        request.GET.get("page")
    )
    points = list(selectors.online_sittings_for(request.user)[:10])
    return render(
        request,
        "sittings/list.html",
        {
            "page_obj": page,
            "kind": kind,
            "q": q,
            "kinds": SessionKind.choices,
            "points": points,
            "can_create": has_perm(request.user, "sittings.manage"),
        },
    )


@staff_view
def session_new(request: HttpRequest) -> HttpResponse:
    units = units_in_scope(request.user, "sittings.manage").filter(dissolved_on__isnull=True)
    if not units.exists():
        return _deny(request)
    form = SessionForm(
        request.POST or None,
        units=units,
        initial={
            "kind": SessionKind.SESSION,
            "organiser_unit": units.filter(code="VPQH-TH").first(),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            session = services.create_session(actor=request.user, **data)
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Created. Now add its sittings."))
            return redirect("sittings:session", session.pk)
    return render(request, "sittings/session_form.html", {"form": form})


@staff_view
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    _require_manage(request, session)
    form = SessionEditForm(
        request.POST or None,
        initial={name: getattr(session, name) for name in SessionEditForm.base_fields},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_session(actor=request.user, session=session, data=form.cleaned_data)
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("sittings:session", session.pk)
    return render(
        request, "sittings/session_edit.html", _context(request, session, "programme", form=form)
    )


@staff_view
def session_move(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    _require_manage(request, session)
    form = MoveForm(request.POST or None, initial={"start": session.start})
    if request.method == "POST" and form.is_valid():
        try:
            result = services.move_session(actor=request.user, session=session, **form.cleaned_data)
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "Moved by %(days)s days; %(tasks)s open preparation tasks got new deadlines "
                    "and their owners were told."
                )
                % {"days": result.days, "tasks": len(result.tasks_moved)},
            )
            return redirect("sittings:session", session.pk)
    return render(
        request, "sittings/session_move.html", _context(request, session, "programme", form=form)
    )


@staff_view
@require_GET
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The draft programme: every sitting and item, with the editor's tools."""
    session = _session(request, pk)
    sittings = selectors.draft_programme(session)
    latest = selectors.version(session)
    snapshot = programme.build_snapshot(session, sittings)
    unpublished = latest is None or programme.snapshot_digest(snapshot) != latest.digest
    days: dict[date, list[Sitting]] = {}
    for sitting in sittings:
        days.setdefault(sitting.date, []).append(sitting)
    can_manage = selectors.may_manage(request.user, session)
    scripts = selectors.scripts_of(session)
    _programme_rows(sittings, snapshot, can_manage=can_manage, scripts=scripts)
    publish_form = PublishForm(initial={"based_on": session.published_number})
    return render(
        request,
        "sittings/session.html",
        _context(
            request,
            session,
            "programme",
            days=sorted(days.items()),
            latest=latest,
            unpublished=unpublished,
            overflows=selectors.overflows(sittings),
            scripts=scripts,
            publish_form=publish_form,
            since=selectors.changes_since_seen(request.user, session),
            item_count=sum(len(s["items"]) for s in snapshot["sittings"]),
        ),
    )


@staff_view
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the programme changed."))
        return redirect("sittings:session", session.pk)
    try:
        version = services.publish_programme(
            actor=request.user, session=session, **form.cleaned_data
        )
    except DomainError as error:
        _fail(request, error)
        return redirect("sittings:session", session.pk)
    messages.success(request, _("Version %(number)s published.") % {"number": version.number})
    previous = version.number - 1
    if previous:
        return redirect(
            f"{reverse('sittings:compare', args=[session.pk])}?a={previous}&b={version.number}"
        )
    return redirect("sittings:version", session.pk, version.number)


@staff_view
@require_GET
def versions(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    return render(
        request,
        "sittings/versions.html",
        _context(
            request,
            session,
            "versions",
            versions=list(selectors.versions_of(session)),
        ),
    )


@staff_view
@require_GET
def version_detail(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    session = _session(request, pk)
    version = selectors.version(session, number)
    if version is None:
        raise Http404
    since = selectors.changes_since_seen(request.user, session)
    if number == session.published_number:
        services.mark_seen(user=request.user, session=session, number=number)
    return render(
        request,
        "sittings/version.html",
        _context(
            request,
            session,
            "versions",
            version=version,
            since=since,
            days=output.programme_days(version.snapshot),
        ),
    )


def _snapshot_for(session: Session, key: str) -> tuple[dict[str, Any], str] | None:
    if key == "draft":
        return programme.build_snapshot(session), _("draft")
    if not key.isdigit():
        return None
    version = selectors.version(session, int(key))
    if version is None:
        return None
    return version.snapshot, _("version %(number)s") % {"number": version.number}


def _compare_context(session: Session, a: str, b: str) -> dict[str, Any] | None:
    left = _snapshot_for(session, a)
    right = _snapshot_for(session, b)
    if left is None or right is None:
        return None
    result = programme.diff(left[0], right[0])
    return {
        "cache_key": f"{programme.snapshot_digest(left[0])}:{programme.snapshot_digest(right[0])}",
        "a": a,
        "b": b,
        "label_a": left[1],
        "label_b": right[1],
        "diff": result,
        "counts": programme.counts_text(result),
        "rows": programme.side_by_side(left[0], right[0], result),
        "choices": [str(n) for n in range(session.published_number, 0, -1)],
    }


@staff_view
@require_GET
def compare(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    latest = str(session.published_number)
    a = request.GET.get("a") or (str(max(1, session.published_number - 1)))
    b = request.GET.get("b") or (latest if session.published_number else "draft")
    context = _compare_context(session, a, b)
    if context is None:
        raise Http404
    return render(
        request,
        "sittings/compare.html",
        _context(request, session, "versions", public=False, allow_draft=True, **context),
    )


def _programme_rows(
    sittings: list[Sitting],
    snapshot: dict[str, Any],
    *,
    can_manage: bool,
    scripts: dict[int, Script] | None = None,
) -> None:
    """Each sitting's item rows as HTML, built once in Python with every value escaped:
    a 400-item programme must render well under 150 ms, which template loops do not."""
    times = {item["id"]: item for s in snapshot["sittings"] for item in s["items"]}
    kinds = {value: escape(str(label)) for value, label in ItemKind.choices}
    documents_word = escape(_("Documents:"))
    up, down, edit = escape(_("Move up")), escape(_("Move down")), escape(_("Edit"))
    edit_url = reverse("sittings:item_edit", args=[0]).replace("/0/", "/%d/")
    for sitting in sittings:
        items = list(sitting.items.all())
        rows = []
        for index, item in enumerate(items):
            data = times[item.pk]
            pk = item.pk
            documents = "; ".join(d["number"] or d["subject"][:40] for d in data["documents"])
            cells = [
                f'<tr id="i{pk}"><td class="nowrap">{data["start"]}–{data["end"]}</td>',
                f'<td><span class="kind kind-{escape(item.kind)}">'
                f"{kinds.get(item.kind, escape(item.kind))}</span> {escape(item.title)}",
            ]
            if documents:
                cells.append(
                    f'<br><span class="small muted">{documents_word} {escape(documents)}</span>'
                )
            cells.append(f"</td><td>{escape(data['position'])}")
            if data["presenter"]:
                cells.append(f"<br><i>{escape(data['presenter'])}</i>")
            cells.append("</td>")
            if can_manage:
                first = " disabled" if index == 0 else ""
                last = " disabled" if index == len(items) - 1 else ""
                cells.append(
                    f'<td class="nowrap tools"><button type="submit" name="step" '
                    f'value="{pk}:up" class="secondary small" title="{up}" aria-label="{up}"'
                    f'{first}>↑</button><button type="submit" name="step" value="{pk}:down" '
                    f'class="secondary small" title="{down}" aria-label="{down}"{last}>↓'
                    f'</button> <a href="{edit_url % pk}">{edit}</a></td>'
                )
            cells.append("</tr>")
            rows.append("".join(cells))
        sitting.rows_html = mark_safe("\n".join(rows))  # type: ignore[attr-defined]
        sitting.head_html = _sitting_head(sitting, (scripts or {}).get(sitting.pk))  # type: ignore[attr-defined]
        sitting.foot_html = _sitting_foot(sitting) if can_manage else ""  # type: ignore[attr-defined]


def _sitting_head(sitting: Sitting, script: Script | None) -> str:
    """The heading of a sitting on the programme page (see ``_programme_rows``)."""
    url = reverse("sittings:sitting", args=[sitting.pk])
    parts: list[str] = [escape(str(sitting.get_format_display()))]
    if sitting.where:
        parts.append(escape(sitting.where))
    if sitting.chair_title:
        parts.append(f"{escape(_('Chair:'))} {escape(sitting.chair_title)}")
    if sitting.live_broadcast:
        parts.append(f'<span class="badge">{escape(_("live"))}</span>')
    if script is not None:
        script_url = reverse("sittings:script", args=[sitting.pk])
        if script.stale:
            parts.append(
                f'<a class="badge bad" href="{script_url}">{escape(_("script out of date"))}</a>'
            )
        else:
            parts.append(
                f'<a class="badge ok" href="{script_url}">{escape(_("script up to date"))}</a>'
            )
    if sitting.format == "online":
        board = reverse("sittings:readiness", args=[sitting.pk])
        parts.append(f'<a href="{board}">{escape(_("readiness board"))}</a>')
    title = f" · {escape(sitting.title)}" if sitting.title else ""
    return mark_safe(
        f'<div class="spread sitting-head"><h3><a href="{url}">'
        f"{escape(str(sitting.get_part_display()))} {sitting.start_time:%H:%M}–"
        f"{sitting.end_time:%H:%M}</a>{title}</h3>"
        f'<p class="small muted">{" · ".join(parts)}</p></div>'
    )


def _sitting_foot(sitting: Sitting) -> str:
    add = reverse("sittings:item_new", args=[sitting.pk])
    edit = reverse("sittings:sitting_edit", args=[sitting.pk])
    return mark_safe(
        f'<p class="small"><a href="{add}">+ {escape(_("Add an item"))}</a> · '
        f'<a href="{edit}">{escape(_("Edit the sitting"))}</a></p>'
    )


# --- sittings and items ---------------------------------------------------------------------------


@staff_view
def sitting_new(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    _require_manage(request, session)
    last = session.sittings.order_by("-date", "-start_time").first()
    form = SittingForm(
        request.POST or None,
        halls=selectors.halls(),
        initial={
            "date": last.date if last else session.start,
            "part": "morning",
            "start_time": "08:00",
            "end_time": "11:30",
            "format": SittingFormat.HALL,
            "hall": last.hall_id if last else None,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            sitting = services.add_sitting(actor=request.user, session=session, **form.cleaned_data)
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Sitting added."))
            return redirect(f"{reverse('sittings:session', args=[session.pk])}#s{sitting.pk}")
    return render(
        request, "sittings/sitting_form.html", _context(request, session, "programme", form=form)
    )


@staff_view
def sitting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    sitting = _sitting(request, pk)
    session = sitting.session
    _require_manage(request, session)
    initial = {
        name: getattr(sitting, name)
        for name in SittingForm.base_fields
        if name != "confirm_day_off"
    }
    initial["hall"] = sitting.hall_id
    form = SittingForm(request.POST or None, halls=selectors.halls(), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        confirm = data.pop("confirm_day_off")
        try:
            services.update_sitting(
                actor=request.user, sitting=sitting, data=data, confirm_day_off=confirm
            )
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(f"{reverse('sittings:session', args=[session.pk])}#s{sitting.pk}")
    return render(
        request,
        "sittings/sitting_form.html",
        _context(
            request,
            session,
            "programme",
            form=form,
            sitting=sitting,
        ),
    )


@staff_view
@require_POST
def sitting_delete(request: HttpRequest, pk: int) -> HttpResponse:
    sitting = _sitting(request, pk)
    session = sitting.session
    try:
        services.delete_sitting(actor=request.user, sitting=sitting)
    except DomainError as error:
        _fail(request, error)
    else:
        messages.success(request, _("Sitting removed from the draft."))
    return redirect("sittings:session", session.pk)


@staff_view
@require_GET
def sitting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    sitting = _sitting(request, pk)
    session = sitting.session
    data = programme.sitting_data(
        next(s for s in selectors.draft_programme(session) if s.pk == sitting.pk)
    )
    script = Script.objects.filter(sitting=sitting).first()
    return render(
        request,
        "sittings/sitting.html",
        _context(
            request,
            session,
            "programme",
            sitting=sitting,
            data=data,
            script=script,
            points=sitting.connection_points.count(),
            attendance=selectors.attendance_counts(sitting),
        ),
    )


def _documents(request: HttpRequest, form: ItemForm) -> list[Any] | None:
    numbers = form.document_numbers()
    if not numbers:
        return []
    found = list(documents_visible_to(request.user).filter(number__in=numbers))
    missing = sorted(set(numbers) - {doc.number for doc in found})
    if missing:
        form.add_error(
            "documents",
            _("No document numbered %(numbers)s that you can see.")
            % {"numbers": ", ".join(missing)},
        )
        return None
    return found


@staff_view
def item_new(request: HttpRequest, pk: int) -> HttpResponse:
    sitting = _sitting(request, pk)
    session = sitting.session
    _require_manage(request, session)
    form = ItemForm(request.POST or None, initial={"kind": "report", "duration": 20})
    if request.method == "POST" and form.is_valid():
        documents = _documents(request, form)
        if documents is not None:
            data = {
                k: v for k, v in form.cleaned_data.items() if k not in {"documents", "revision"}
            }
            try:
                services.add_item(actor=request.user, sitting=sitting, documents=documents, **data)
            except DomainError as error:
                _form_error(form, error)
            else:
                messages.success(request, _("Item added."))
                return redirect(f"{reverse('sittings:session', args=[session.pk])}#s{sitting.pk}")
    return render(
        request,
        "sittings/item_form.html",
        _context(
            request,
            session,
            "programme",
            form=form,
            sitting=sitting,
        ),
    )


@staff_view
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.item_detail(request.user, pk)
    if item is None:
        raise Http404
    sitting = item.sitting
    session = sitting.session
    _require_manage(request, session)
    initial = {
        name: getattr(item, name)
        for name in ("kind", "title", "presenter_position", "duration", "note")
    }
    initial["presenter_name"] = item.presenter_label
    initial["documents"] = "\n".join(d.number for d in item.documents.all() if d.number)
    initial["sitting"] = sitting.pk
    initial["revision"] = item.revision
    form = ItemForm(
        request.POST or None,
        initial=initial,
        sittings=session.sittings.order_by("date", "start_time"),
    )
    if request.method == "POST" and form.is_valid():
        documents = _documents(request, form)
        if documents is not None:
            data = {
                k: v
                for k, v in form.cleaned_data.items()
                if k not in {"documents", "revision", "sitting"}
            }
            if item.presenter_id and data["presenter_name"] == item.presenter_label:
                data.pop("presenter_name")
            elif item.presenter_id:
                data["presenter"] = None
            data["documents"] = documents
            target = form.cleaned_data.get("sitting")
            try:
                services.update_item(
                    actor=request.user,
                    item=item,
                    data=data,
                    revision=form.cleaned_data.get("revision"),
                )
                if target is not None and target.pk != sitting.pk:
                    services.move_item(actor=request.user, item=item, sitting=target)
            except DomainError as error:
                _form_error(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect(f"{reverse('sittings:session', args=[session.pk])}#i{item.pk}")
    return render(
        request,
        "sittings/item_form.html",
        _context(
            request,
            session,
            "programme",
            form=form,
            sitting=sitting,
            item=item,
        ),
    )


@staff_view
@require_POST
def item_step(request: HttpRequest) -> HttpResponse:
    """The programme's up/down buttons: ``step=<item id>:up`` or ``:down``."""
    value = request.POST.get("step", "")
    item_id, _sep, direction = value.partition(":")
    item = selectors.item_detail(request.user, int(item_id)) if item_id.isdigit() else None
    if item is None or direction not in {"up", "down"}:
        raise Http404
    ordered = list(item.sitting.items.order_by("position", "id").values_list("pk", flat=True))
    index = ordered.index(item.pk) + (-1 if direction == "up" else 1)
    try:
        services.move_item(actor=request.user, item=item, position=max(0, index))
    except DomainError as error:
        _fail(request, error)
    return redirect(f"{reverse('sittings:session', args=[item.sitting.session_id])}#i{item.pk}")


@staff_view
@require_POST
def item_delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.item_detail(request.user, pk)
    if item is None:
        raise Http404
    session_id = item.sitting.session_id
    try:
        services.delete_item(actor=request.user, item=item)
    except DomainError as error:
        _fail(request, error)
    else:
        messages.success(request, _("Item removed from the draft."))
    return redirect("sittings:session", session_id)


# --- scripts --------------------------------------------------------------------------------------


@staff_view
@require_GET
def scripts_index(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    _internal(request, session)
    sittings = list(session.sittings.order_by("date", "start_time"))
    scripts = selectors.scripts_of(session)
    return render(
        request,
        "sittings/scripts.html",
        _context(
            request,
            session,
            "scripts",
            rows=[(s, scripts.get(s.pk)) for s in sittings],
        ),
    )


@staff_view
@require_POST
def scripts_generate_all(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    try:
        results = services.generate_all_scripts(actor=request.user, session=session)
    except DomainError as error:
        _fail(request, error)
    else:
        created = sum(1 for result in results if result.created)
        messages.success(
            request,
            _("%(created)s scripts generated; %(current)s were already up to date.")
            % {"created": created, "current": len(results) - created},
        )
    return redirect("sittings:scripts", session.pk)


def _script_version(script: Script, number: str | None) -> Any:
    versions = selectors.script_versions(script)
    if number and number.isdigit():
        return versions.filter(number=int(number)).first()
    return versions.first()


@staff_view
@require_GET
def script_detail(request: HttpRequest, pk: int) -> HttpResponse:
    sitting = _sitting(request, pk)
    session = sitting.session
    _internal(request, session)
    script = Script.objects.filter(sitting=sitting).first()
    version = _script_version(script, request.GET.get("v")) if script else None
    changes = None
    if script is not None and version is not None:
        old = request.GET.get("compare")
        if old and old.isdigit():
            other = selectors.script_versions(script).filter(number=int(old)).first()
            if other is not None:
                changes = _script_changes(other, version)
    return render(
        request,
        "sittings/script.html",
        _context(
            request,
            session,
            "scripts",
            sitting=sitting,
            script=script,
            version=version,
            versions=list(selectors.script_versions(script).defer("sections", "source"))
            if script
            else [],
            changes=changes,
        ),
    )


def _script_changes(old: Any, new: Any) -> dict[str, Any]:
    """What changed between two script versions: the programme, and the wording per section."""
    old_sections = {s["key"]: s for s in old.sections}
    sections = []
    for section in new.sections:
        before = old_sections.get(section["key"])
        sections.append(
            {
                **section,
                "status": "added"
                if before is None
                else ("changed" if before["text"] != section["text"] else ""),
                "before": before["text"] if before else "",
            }
        )
    removed = [s for key, s in old_sections.items() if key not in {x["key"] for x in new.sections}]
    diff = programme.diff(
        {"sittings": [old.source["sitting"]]}, {"sittings": [new.source["sitting"]]}
    )
    return {"old": old, "sections": sections, "removed": removed, "diff": diff}


@staff_view
@require_POST
def script_generate(request: HttpRequest, pk: int) -> HttpResponse:
    sitting = _sitting(request, pk)
    try:
        result = services.generate_script(actor=request.user, sitting=sitting)
    except DomainError as error:
        _fail(request, error)
        return redirect("sittings:script", sitting.pk)
    url = reverse("sittings:script", args=[sitting.pk])
    if not result.created:
        messages.info(request, _("The script already matches the programme."))
        return redirect(url)
    if result.changes is not None:
        messages.success(
            request,
            _(
                "Script regenerated: version %(number)s. Hand edits kept: "
                "%(kept)s; replaced because the programme changed: "
                "%(replaced)s."
            )
            % {
                "number": result.version.number,
                "kept": len(result.kept_edits),
                "replaced": len(result.replaced_edits),
            },
        )
        return redirect(f"{url}?compare={result.version.number - 1}")
    messages.success(request, _("Script generated."))
    return redirect(url)


@staff_view
def script_edit(request: HttpRequest, pk: int) -> HttpResponse:
    sitting = _sitting(request, pk)
    session = sitting.session
    _require_manage(request, session)
    script = Script.objects.filter(sitting=sitting).first()
    if script is None:
        raise Http404
    version = _script_version(script, None)
    form = ScriptEditForm(request.POST or None, initial={"based_on": script.current_number})
    if request.method == "POST" and form.is_valid():
        texts = {
            section["key"]: request.POST.get(f"text-{section['key']}", section["text"])
            for section in version.sections
        }
        try:
            services.edit_script(
                actor=request.user,
                script=script,
                texts=texts,
                based_on=form.cleaned_data["based_on"],
                note=form.cleaned_data["note"],
            )
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Your changes are saved as a new version."))
            return redirect("sittings:script", sitting.pk)
    return render(
        request,
        "sittings/script_edit.html",
        _context(
            request,
            session,
            "scripts",
            sitting=sitting,
            script=script,
            version=version,
            form=form,
        ),
    )


@staff_view
@require_GET
def script_download(request: HttpRequest, pk: int, number: int, fmt: str) -> HttpResponse:
    sitting = _sitting(request, pk)
    _internal(request, sitting.session)
    script = Script.objects.filter(sitting=sitting).first()
    version = _script_version(script, str(number)) if script else None
    if script is None or version is None:
        raise Http404
    name = f"kich-ban-{sitting.date:%Y%m%d}-{sitting.part}-v{number}"
    if fmt == "pdf":
        return _file(output.script_pdf(script, version), "application/pdf", f"{name}.pdf")
    return _file(output.script_docx(script, version), output.DOCX_TYPE, f"{name}.docx")


def _file(
    content: bytes, content_type: str, filename: str, *, inline: bool = False
) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


# --- preparation checklists -----------------------------------------------------------------------


@staff_view
def preparation(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    form = ChecklistForm(
        request.POST or None,
        templates=selectors.checklist_templates(),
        sittings=session.sittings.order_by("date", "start_time"),
    )
    if request.method == "POST":
        _require_manage(request, session)
        if form.is_valid():
            try:
                checklist = services.apply_checklist(
                    actor=request.user, session=session, **form.cleaned_data
                )
            except DomainError as error:
                _form_error(form, error)
            else:
                messages.success(
                    request,
                    _("%(count)s tasks assigned in the work module.")
                    % {"count": checklist.items.count()},
                )
                return redirect("sittings:preparation", session.pk)
    return render(
        request,
        "sittings/preparation.html",
        _context(
            request,
            session,
            "preparation",
            form=form,
            checklists=selectors.checklists_of(session),
            today=timezone.localdate(),
        ),
    )


# --- online sittings ------------------------------------------------------------------------------


@staff_view
@require_POST
def points_prepare(request: HttpRequest, pk: int) -> HttpResponse:
    sitting = _sitting(request, pk)
    try:
        points = services.prepare_connection_points(actor=request.user, sitting=sitting)
    except DomainError as error:
        _fail(request, error)
    else:
        messages.success(request, _("%(count)s connection points.") % {"count": len(points)})
    return redirect("sittings:readiness", sitting.pk)


def _board_context(request: HttpRequest, sitting: Sitting) -> dict[str, Any]:
    board = selectors.readiness(sitting)
    mine = set(selectors.points_for_user(request.user, sitting).values_list("pk", flat=True))
    prefix = reverse("sittings:check_in", args=[0]).removesuffix("0/check-in/")
    return {"board": board, "mine": mine, "sitting": sitting, "point_prefix": prefix}


@staff_view
@require_GET
def readiness(request: HttpRequest, pk: int) -> HttpResponse:
    sitting = _sitting(request, pk)
    return render(
        request,
        "sittings/readiness.html",
        _context(request, sitting.session, "programme", **_board_context(request, sitting)),
    )


@staff_view
@require_GET
def readiness_rows(request: HttpRequest, pk: int) -> HttpResponse:
    """The board's body, polled by htmx every few seconds."""
    sitting = _sitting(request, pk)
    return render(request, "sittings/_readiness_rows.html", _board_context(request, sitting))


@staff_view
def check_in(request: HttpRequest, pk: int) -> HttpResponse:
    point = (
        ConnectionPoint.objects.filter(pk=pk)
        .select_related(
            "sitting", "sitting__session", "sitting__session__organiser_unit", "unit", "province"
        )
        .first()
    )
    if point is None:
        raise Http404
    if not services.may_check_in(request.user, point):
        return _deny(request)
    form = CheckInForm(
        request.POST or None,
        initial={
            "sound_ok": point.sound_ok,
            "picture_ok": point.picture_ok,
            "participants_present": point.participants_present
            if point.participants_present is not None
            else point.expected_participants,
            "note": point.note,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.check_in(actor=request.user, point=point, **form.cleaned_data)
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Check-in recorded for %(point)s.") % {"point": point})
            return redirect("sittings:readiness", point.sitting_id)
    return render(
        request,
        "sittings/check_in.html",
        _context(
            request,
            point.sitting.session,
            "programme",
            form=form,
            point=point,
        ),
    )


# --- participants and attendance ------------------------------------------------------------------


@staff_view
def participants(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    _internal(request, session)
    form = GuestForm(request.POST or None)
    if request.method == "POST":
        _require_manage(request, session)
        if request.POST.get("action") == "deputies":
            count = services.add_deputies(actor=request.user, session=session)
            messages.success(request, _("%(count)s deputies added.") % {"count": count})
            return redirect("sittings:participants", session.pk)
        if form.is_valid():
            try:
                services.add_participant(actor=request.user, session=session, **form.cleaned_data)
            except DomainError as error:
                _form_error(form, error)
            else:
                messages.success(request, _("Participant added."))
                return redirect("sittings:participants", session.pk)
    kind = request.GET.get("kind", "")
    kind = kind if kind in ParticipantKind.values else ""
    q = request.GET.get("q", "").strip()[:100]
    page = Paginator(selectors.participants_of(session, kind=kind, q=q), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "sittings/participants.html",
        _context(
            request,
            session,
            "participants",
            form=form,
            page_obj=page,
            kind=kind,
            q=q,
            kinds=ParticipantKind.choices,
            sittings=session.sittings.order_by("date", "start_time"),
        ),
    )


@staff_view
def participant_seat(request: HttpRequest, pk: int) -> HttpResponse:
    participant = Participant.objects.filter(pk=pk).select_related("session").first()
    if (
        participant is None
        or selectors.session_detail(request.user, participant.session_id) is None
    ):
        raise Http404
    session = participant.session
    _require_manage(request, session)
    form = SeatForm(
        request.POST or None,
        initial={
            "group_label": participant.group_label,
            "seat": participant.seat,
            "badge_number": participant.badge_number,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.assign_seating(
                actor=request.user, participant=participant, **form.cleaned_data
            )
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("sittings:participants", session.pk)
    return render(
        request,
        "sittings/seat.html",
        _context(
            request,
            session,
            "participants",
            form=form,
            participant=participant,
        ),
    )


@staff_view
@require_GET
def accreditation(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    session = _session(request, pk)
    _internal(request, session)
    rows = list(selectors.participants_of(session))
    name = f"danh-sach-cap-the-{session.slug}"
    if fmt == "xlsx":
        return _file(output.accreditation_xlsx(session, rows), output.XLSX_TYPE, f"{name}.xlsx")
    return _file(output.accreditation_csv(rows), "text/csv; charset=utf-8", f"{name}.csv")


@staff_view
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    sitting = _sitting(request, pk)
    session = sitting.session
    _internal(request, session)
    form = AttendanceImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        _require_manage(request, session)
        try:
            if "file" in request.FILES:
                if form.is_valid():
                    raw = form.cleaned_data["file"].read(5 * 1024 * 1024)
                    text = raw.decode("utf-8-sig", errors="replace")
                    count = services.import_attendance(
                        actor=request.user, sitting=sitting, text=text
                    )
                    messages.success(
                        request, _("%(count)s attendance records imported.") % {"count": count}
                    )
                    return redirect("sittings:attendance", sitting.pk)
            else:
                statuses = {
                    int(key[2:]): str(request.POST[key])
                    for key in request.POST
                    if key.startswith("p-") and key[2:].isdigit()
                }
                count = services.record_attendance(
                    actor=request.user, sitting=sitting, statuses=statuses
                )
                messages.success(
                    request, _("%(count)s attendance records saved.") % {"count": count}
                )
                return redirect("sittings:attendance", sitting.pk)
        except DomainError as error:
            _form_error(form, error)
    rows = list(selectors.participants_of(session))
    current = {a.participant_id: a.status for a in sitting.attendance.all()}
    return render(
        request,
        "sittings/attendance.html",
        _context(
            request,
            session,
            "participants",
            sitting=sitting,
            form=form,
            rows=rows,
            current=current,
            counts=selectors.attendance_counts(sitting),
        ),
    )


# --- minutes, votes, conclusions ------------------------------------------------------------------


@staff_view
def minutes(request: HttpRequest, pk: int) -> HttpResponse:
    sitting = _sitting(request, pk)
    session = sitting.session
    _internal(request, session)
    items = list(sitting.items.order_by("position", "id"))
    entry_form = MinutesEntryForm(
        request.POST if request.POST.get("form") == "entry" else None, items=items
    )
    vote_form = VoteForm(request.POST if request.POST.get("form") == "vote" else None, items=items)
    by_id = {item.pk: item for item in items}
    if request.method == "POST":
        _require_manage(request, session)
        form: Any = entry_form if request.POST.get("form") == "entry" else vote_form
        if form.is_valid():
            data = dict(form.cleaned_data)
            data["agenda_item"] = by_id.get(data.get("agenda_item") or 0)
            try:
                if form is entry_form:
                    services.add_minutes_entry(actor=request.user, sitting=sitting, **data)
                else:
                    services.record_vote(actor=request.user, sitting=sitting, **data)
            except DomainError as error:
                _form_error(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("sittings:minutes", sitting.pk)
    votes = list(selectors.votes_of(sitting))
    return render(
        request,
        "sittings/minutes.html",
        _context(
            request,
            session,
            "programme",
            sitting=sitting,
            grouped=selectors.minutes_of(sitting),
            votes=votes,
            entry_form=entry_form,
            vote_form=vote_form,
        ),
    )


@staff_view
@require_POST
def minutes_delete(request: HttpRequest, pk: int) -> HttpResponse:
    entry = MinutesEntry.objects.filter(pk=pk).select_related("sitting__session").first()
    if entry is None or selectors.sitting_detail(request.user, entry.sitting_id) is None:
        raise Http404
    try:
        services.delete_minutes_entry(actor=request.user, entry=entry)
    except DomainError as error:
        _fail(request, error)
    return redirect("sittings:minutes", entry.sitting_id)


@staff_view
@require_GET
def minutes_docx(request: HttpRequest, pk: int) -> HttpResponse:
    sitting = _sitting(request, pk)
    _internal(request, sitting.session)
    content = output.minutes_docx(
        sitting, selectors.minutes_of(sitting), list(selectors.votes_of(sitting))
    )
    return _file(content, output.DOCX_TYPE, f"bien-ban-{sitting.date:%Y%m%d}-{sitting.part}.docx")


@staff_view
def conclusions(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    units = units_in_scope(request.user, "work.assign").filter(dissolved_on__isnull=True)
    form = ConclusionForm(
        request.POST or None,
        sittings=session.sittings.order_by("date"),
        units=units,
        initial={"issued_on": timezone.localdate()},
    )
    if request.method == "POST":
        _require_manage(request, session)
        if form.is_valid():
            data = form.cleaned_data
            points = [
                services.PointInput(
                    text=data[f"point_{n}_text"],
                    lead_unit=data[f"point_{n}_unit"],
                    due=data[f"point_{n}_due"],
                    expected_result=data[f"point_{n}_result"] or "",
                )
                for n in range(1, 6)
                if data.get(f"point_{n}_text")
            ]
            try:
                services.register_conclusion(
                    actor=request.user,
                    session=session,
                    title=data["title"],
                    issued_on=data["issued_on"],
                    number=data["number"],
                    text=data["text"],
                    sitting=data["sitting"],
                    points=points,
                )
            except DomainError as error:
                if isinstance(error, PermissionDenied):
                    raise
                field = _point_field(error.field or "")
                if field not in form.fields:
                    field = None  # type: ignore[assignment]
                form.add_error(field, str(error.message))
            else:
                messages.success(request, _("Conclusion registered; its tasks are assigned."))
                return redirect("sittings:conclusions", session.pk)
    return render(
        request,
        "sittings/conclusions.html",
        _context(
            request,
            session,
            "conclusions",
            form=form,
            conclusions=selectors.conclusions_of(session),
            can_assign=units.exists(),
        ),
    )


POINT_FIELDS = {
    "text": "text",
    "lead_unit": "unit",
    "owner": "unit",
    "due": "due",
    "expected_result": "result",
}


def _point_field(name: str) -> str:
    """``points.2.due`` (a service's field) → ``point_2_due`` (the form's)."""
    parts = name.split(".")
    if len(parts) == 3 and parts[0] == "points":
        return f"point_{parts[1]}_{POINT_FIELDS.get(parts[2], 'text')}"
    return name


# --- public pages ---------------------------------------------------------------------------------


def _public(slug: str) -> Session:
    session = selectors.public_session(slug)
    if session is None:
        raise Http404
    return session


@require_GET
def public_index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "sittings/public_index.html",
        {
            "sessions": list(selectors.public_sessions()[:50]),
            "hide_nav": True,
        },
    )


@require_GET
def public_programme(request: HttpRequest, slug: str, number: int | None = None) -> HttpResponse:
    session = _public(slug)
    version = selectors.version(session, number)
    if version is None:
        raise Http404
    since = selectors.changes_since_seen(request.user, session)
    if version.number == session.published_number:
        services.mark_seen(user=request.user, session=session, number=version.number)
    history = list(selectors.versions_of(session))
    return render(
        request,
        "sittings/public.html",
        {
            "session": session,
            "version": version,
            "days": output.programme_days(version.snapshot),
            "since": since,
            "history": history,
            "latest": version.number == session.published_number,
        },
    )


@require_GET
def public_compare(request: HttpRequest, slug: str) -> HttpResponse:
    session = _public(slug)
    a = request.GET.get("a") or str(max(1, session.published_number - 1))
    b = request.GET.get("b") or str(session.published_number)
    if not (a.isdigit() and b.isdigit()):
        raise Http404
    context = _compare_context(session, a, b)
    if context is None:
        raise Http404
    return render(
        request,
        "sittings/compare.html",
        {
            "session": session,
            "public": True,
            "allow_draft": False,
            **context,
        },
    )


def _public_version(request: HttpRequest, slug: str) -> tuple[Session, ProgrammeVersion]:
    session = _public(slug)
    number = request.GET.get("v", "")
    version = selectors.version(session, int(number) if number.isdigit() else None)
    if version is None:
        raise Http404
    return session, version


@require_GET
def public_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    session, version = _public_version(request, slug)
    return _file(
        output.programme_pdf(session, version),
        "application/pdf",
        f"chuong-trinh-{slug}-v{version.number}.pdf",
        inline=True,
    )


@require_GET
def public_docx(request: HttpRequest, slug: str) -> HttpResponse:
    session, version = _public_version(request, slug)
    return _file(
        output.programme_docx(session, version),
        output.DOCX_TYPE,
        f"chuong-trinh-{slug}-v{version.number}.docx",
    )


@require_GET
def public_ical(request: HttpRequest, slug: str) -> HttpResponse:
    session, version = _public_version(request, slug)
    url = request.build_absolute_uri(reverse("sittings:public", args=[slug]))
    response = HttpResponse(
        output.programme_ical(session, version, url=url),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="{slug}.ics"'
    return response

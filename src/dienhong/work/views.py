"""Pages of the work module: thin views over selectors and services."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from dienhong.accounts.permissions import has_perm
from dienhong.core.errors import DomainError, PermissionDenied, ValidationFailed
from dienhong.org.models import Person, Unit
from dienhong.work import charts, importing, reports, selectors, services
from dienhong.work.forms import (
    ConclusionImportForm,
    DirectiveForm,
    ProgressForm,
    ReportForm,
    TaskFilterForm,
    TaskForm,
    XlsxImportForm,
    leaders,
    owner_queryset_for,
)
from dienhong.work.models import (
    Attachment,
    Directive,
    ExtensionRequest,
    FeedToken,
    Milestone,
    Task,
    TaskState,
)

PAGE_SIZE = 25


def _require_view(request: HttpRequest) -> None:
    if not has_perm(request.user, "work.view"):
        raise PermissionDenied()


def _deny(request: HttpRequest) -> HttpResponse:
    return render(request, "work/denied.html", status=403)


def _date_param(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _back(request: HttpRequest, default: str) -> HttpResponseRedirect:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(default)


# --- dashboard ---------------------------------------------------------------------------------


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    if not has_perm(request.user, "work.view"):
        return _deny(request)
    unit_id = request.GET.get("unit")
    unit = None
    if unit_id:
        unit = selectors.dashboard_units(request.user).filter(pk=unit_id).first()
        if unit is None:
            return _deny(request)
    else:
        unit = selectors.default_dashboard_unit(request.user)
    board = selectors.dashboard(request.user, unit=unit)
    ancestors = []
    if board.unit is not None:
        ids = [int(part) for part in board.unit.path.strip("/").split("/") if part][:-1]
        allowed = set(
            selectors.dashboard_units(request.user).filter(pk__in=ids).values_list("pk", flat=True)
        )
        ancestors = [
            u for u in Unit.objects.filter(pk__in=ids).order_by("depth") if u.pk in allowed
        ]
    person = selectors.person_of(request.user)
    mine = (
        list(selectors.my_tasks(request.user, timeliness="open").select_related("lead_unit")[:8])
        if person is not None
        else []
    )
    return render(
        request,
        "work/dashboard.html",
        {
            "board": board,
            "chart": charts.trend_svg(board.trend),
            "ancestors": ancestors,
            "mine": mine,
            "labels": charts.series_labels(),
            "can_assign": has_perm(request.user, "work.assign"),
        },
    )


# --- directives ----------------------------------------------------------------------------------


@login_required
@require_GET
def directive_list(request: HttpRequest) -> HttpResponse:
    if not has_perm(request.user, "work.view"):
        return _deny(request)
    q = request.GET.get("q", "").strip()
    page = Paginator(selectors.directive_list(request.user, q=q), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "work/directive_list.html",
        {
            "page_obj": page,
            "q": q,
            "can_assign": has_perm(request.user, "work.assign"),
        },
    )


@login_required
def directive_new(request: HttpRequest) -> HttpResponse:
    units = selectors.assignable_units(request.user)
    if not units.exists():
        return _deny(request)
    form = DirectiveForm(
        request.POST or None,
        units=units,
        initial={"issued_on": timezone.localdate(), "unit": units.first()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            directive = services.register_directive(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
        else:
            messages.success(request, _("Directive registered. Now add its tasks."))
            return redirect("work:directive", directive.pk)
    return render(request, "work/directive_form.html", {"form": form})


@login_required
@require_GET
def directive_detail(request: HttpRequest, pk: int) -> HttpResponse:
    directive = selectors.directive_detail(request.user, pk)
    if directive is None:
        raise Http404
    tasks = selectors.task_list(request.user, directive_id=directive.pk, include_drafts=True)
    return render(
        request,
        "work/directive_detail.html",
        {
            "directive": directive,
            "tasks": tasks,
            "can_assign": has_perm(request.user, "work.assign", unit=directive.unit),
            "drafts": tasks.filter(state=TaskState.DRAFT).count(),
        },
    )


def _directive_for_import(request: HttpRequest, pk: int) -> Directive:
    directive = selectors.directive_detail(request.user, pk)
    if directive is None:
        raise Http404
    if not has_perm(request.user, "work.assign", unit=directive.unit):
        raise PermissionDenied()
    return directive


@login_required
def import_conclusion(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        directive = _directive_for_import(request, pk)
    except PermissionDenied:
        return _deny(request)
    form = ConclusionImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            upload = form.cleaned_data.get("file")
            text = importing.docx_text(upload.read()) if upload else form.cleaned_data["text"]
            items = importing.draft_items(text)
            if not items:
                form.add_error(
                    None, _("No numbered points (1., 2., a), b), -) were found in the text.")
                )
            else:
                drafts = services.create_drafts(
                    actor=request.user,
                    directive=directive,
                    items=[item.as_kwargs() for item in items],
                )
                messages.success(
                    request,
                    _(
                        "%(count)d draft tasks created: review them, complete the five "
                        "“rõ” and assign."
                    )
                    % {"count": len(drafts)},
                )
                return redirect("work:review", directive.pk)
        except DomainError as error:
            form.add_error("file" if error.field == "file" else None, str(error.message))
    return render(
        request,
        "work/import.html",
        {"form": form, "directive": directive, "xlsx_form": XlsxImportForm()},
    )


@login_required
@require_POST
def import_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        directive = _directive_for_import(request, pk)
    except PermissionDenied:
        return _deny(request)
    form = XlsxImportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            items = importing.read_xlsx(form.cleaned_data["file"].read())
            drafts = services.create_drafts(actor=request.user, directive=directive, items=items)
        except DomainError as error:
            form.add_error("file", str(error.message))
        else:
            messages.success(
                request,
                _("%(count)d draft tasks created from the workbook.") % {"count": len(drafts)},
            )
            return redirect("work:review", directive.pk)
    return render(
        request,
        "work/import.html",
        {"form": ConclusionImportForm(), "directive": directive, "xlsx_form": form},
        status=422,
    )


@login_required
@require_GET
def xlsx_template(request: HttpRequest) -> HttpResponse:
    if not has_perm(request.user, "work.assign"):
        return _deny(request)
    response = HttpResponse(
        importing.template_xlsx(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="mau-danh-sach-nhiem-vu.xlsx"'
    return response


def _row_data(request: HttpRequest, task: Task, units: Any) -> dict[str, Any]:
    prefix = f"row-{task.pk}-"
    post = request.POST

    def pick(model: Any, key: str, queryset: Any = None) -> Any:
        value = post.get(prefix + key)
        if not value:
            return None
        return (queryset if queryset is not None else model.objects).filter(pk=value).first()

    return {
        "title": post.get(prefix + "title", task.title),
        "description": post.get(prefix + "description", task.description),
        "lead_unit": pick(Unit, "lead_unit", units),
        "owner": pick(Person, "owner"),
        "due": _date_param(post.get(prefix + "due")),
        "due_working_days": None,
        "expected_result": post.get(prefix + "expected_result", ""),
        "acceptor": pick(Person, "acceptor"),
        "responsible_leader": None,
        "support_units": list(Unit.objects.filter(pk__in=post.getlist(prefix + "support_units"))),
    }


@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """The import screen: every draft of the directive, edited, assigned or removed at once."""
    try:
        directive = _directive_for_import(request, pk)
    except PermissionDenied:
        return _deny(request)
    drafts = list(
        Task.objects.filter(directive=directive, state=TaskState.DRAFT)
        .select_related("lead_unit", "owner", "acceptor")
        .prefetch_related("support_units")
        .order_by("id")
    )
    units = selectors.assignable_units(request.user)
    error_field = ""
    if request.method == "POST":
        rows = [
            services.DraftRow(
                task=task,
                action=request.POST.get(f"row-{task.pk}-action", "keep"),
                data=_row_data(request, task, units),
            )
            for task in drafts
        ]
        try:
            counts = services.review_drafts(actor=request.user, rows=rows)
        except DomainError as error:
            messages.error(request, str(error.message))
            error_field = error.field or ""
            for row in rows:  # show what the user typed, nothing was saved
                for key, value in row.data.items():
                    if key != "support_units":
                        setattr(row.task, key, value)
                row.task.posted_support = [u.pk for u in row.data["support_units"]]  # type: ignore[attr-defined]
                row.task.posted_action = row.action  # type: ignore[attr-defined]
        else:
            messages.success(
                request,
                _("%(assigned)d assigned, %(kept)d kept as drafts, %(deleted)d removed.") % counts,
            )
            return redirect("work:directive", directive.pk)
    for task in drafts:
        if not hasattr(task, "posted_support"):
            task.posted_support = [u.pk for u in task.support_units.all()]  # type: ignore[attr-defined]
            task.posted_action = "assign" if not services.missing_five(task) else "keep"  # type: ignore[attr-defined]
        task.problems = services.missing_five(task)  # type: ignore[attr-defined]
        task.has_error = error_field.startswith(f"row-{task.pk}-")  # type: ignore[attr-defined]
    all_units = Unit.objects.filter(dissolved_on__isnull=True).exclude(kind="delegation_office")
    return render(
        request,
        "work/review.html",
        {
            "directive": directive,
            "drafts": drafts,
            "units": units,
            "all_units": all_units,
            "people": owner_queryset_for(None),
            "leaders": leaders(),
            "error_field": error_field,
        },
    )


# --- tasks ---------------------------------------------------------------------------------------


@login_required
def task_new(request: HttpRequest) -> HttpResponse:
    units = selectors.assignable_units(request.user)
    if not units.exists():
        return _deny(request)
    directive = None
    if request.GET.get("directive") or request.POST.get("directive"):
        directive = selectors.directive_detail(
            request.user, int(request.GET.get("directive") or request.POST["directive"])
        )
    directives = selectors.directive_list(request.user)[:200]
    form = TaskForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        try:
            task = services.create_task(
                actor=request.user, directive=directive, assign="assign" in request.POST, **data
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
        else:
            messages.success(
                request,
                _("Task assigned.") if task.state == TaskState.ASSIGNED else _("Draft saved."),
            )
            return redirect("work:task", task.pk)
    return render(
        request,
        "work/task_form.html",
        {"form": form, "directive": directive, "directives": directives},
    )


@login_required
def task_edit(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.task_detail(request.user, pk)
    if task is None:
        raise Http404
    if "edit" not in services.allowed_actions(request.user, task):
        return _deny(request)
    units = selectors.assignable_units(request.user)
    initial = {name: getattr(task, name) for name in services.TASK_FIELDS if name != "directive"}
    initial["support_units"] = list(task.support_units.all())
    initial["milestones"] = "\n".join(
        f"{m.due:%d/%m/%Y} - {m.title}" for m in task.milestones.all()
    )
    form = TaskForm(request.POST or None, units=units, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.update_draft(
                    actor=request.user,
                    task=task,
                    data=form.service_data(),
                    version=int(request.POST.get("version", task.version)),
                )
                if "assign" in request.POST:
                    services.assign_task(actor=request.user, task=task)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
        else:
            messages.success(
                request, _("Task assigned.") if "assign" in request.POST else _("Draft saved.")
            )
            return redirect("work:task", task.pk)
    return render(
        request, "work/task_form.html", {"form": form, "task": task, "directive": task.directive}
    )


@login_required
@require_GET
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.task_detail(request.user, pk)
    if task is None:
        raise Http404
    actions = services.allowed_actions(request.user, task)
    pending = next((e for e in task.extensions.all() if e.state == "pending"), None)
    return render(
        request,
        "work/task_detail.html",
        {
            "task": task,
            "actions": actions,
            "pending": pending,
            "people": owner_queryset_for(task.lead_unit) if "reassign" in actions else [],
            "progress_form": ProgressForm(initial={"percent": task.progress}),
            "chain": _chain(task),
            "problems": services.missing_five(task) if task.state == TaskState.DRAFT else [],
        },
    )


def _chain(task: Task) -> list[tuple[str, Any]]:
    issuer = task.directive.issuer if task.directive else None
    return [
        (_("Responsible person"), task.owner),
        (_("Head of the lead unit"), task.responsible_leader),
        (
            _("Leader who issued the directive"),
            issuer or (task.directive.issuer_label if task.directive else ""),
        ),
    ]


@login_required
@require_POST
def task_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Every button of the task page posts here; the service decides."""
    task = selectors.task_detail(request.user, pk)
    if task is None:
        raise Http404
    post = request.POST
    version = int(post["version"]) if post.get("version", "").isdigit() else None
    files = request.FILES.getlist("files")
    actor = request.user
    done_messages = {
        "assign": _("Task assigned."),
        "accept": _("Task accepted."),
        "reassign": _("Task re-assigned."),
        "update": _("Progress recorded."),
        "submit": _("Result submitted for acceptance."),
        "approve": _("Result approved; the task is done."),
        "return": _("Result returned for rework."),
        "extend": _("Extension requested."),
        "decide": _("Decision recorded."),
        "cancel": _("Task cancelled."),
    }
    if action not in done_messages:
        raise Http404
    try:
        if action == "assign":
            services.assign_task(actor=actor, task=task, version=version)
        elif action == "accept":
            services.accept_task(
                actor=actor, task=task, version=version, comment=post.get("comment", "")
            )
        elif action == "reassign":
            owner = Person.objects.filter(pk=post.get("owner") or 0).first()
            if owner is None:
                raise ValidationFailed(_("Choose the new responsible person."), field="owner")
            services.reassign_task(
                actor=actor,
                task=task,
                owner=owner,
                version=version,
                comment=post.get("comment", ""),
            )
        elif action == "update":
            form = ProgressForm(post)
            if not form.is_valid():
                raise ValidationFailed(
                    _("Progress is a percentage between 0 and 100."), field="percent"
                )
            services.add_progress(
                actor=actor,
                task=task,
                percent=form.cleaned_data["percent"],
                comment=form.cleaned_data["comment"],
                files=files,
                version=version,
            )
        elif action == "submit":
            services.submit_result(
                actor=actor,
                task=task,
                comment=post.get("comment", ""),
                files=files,
                version=version,
            )
        elif action == "approve":
            services.approve_result(
                actor=actor, task=task, version=version, comment=post.get("comment", "")
            )
        elif action == "return":
            services.return_result(
                actor=actor, task=task, version=version, reason=post.get("reason", "")
            )
        elif action == "extend":
            proposed = _date_param(post.get("proposed_due"))
            if proposed is None:
                raise ValidationFailed(_("Give the proposed deadline."), field="proposed_due")
            services.request_extension(
                actor=actor,
                task=task,
                proposed_due=proposed,
                reason=post.get("reason", ""),
                version=version,
            )
        elif action == "decide":
            request_obj = get_object_or_404(
                ExtensionRequest, pk=post.get("extension") or 0, task=task
            )
            services.decide_extension(
                actor=actor,
                request=request_obj,
                approve=post.get("decision") == "approve",
                note=post.get("note", ""),
                new_due=_date_param(post.get("new_due")),
                version=version,
            )
        elif action == "cancel":
            services.cancel_task(
                actor=actor, task=task, reason=post.get("reason", ""), version=version
            )
    except PermissionDenied:
        return _deny(request)
    except DomainError as error:
        messages.error(request, str(error.message))
        status = error.status
        if request.headers.get("HX-Request"):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = reverse("work:task", args=[task.pk])
            return response
        response = redirect("work:task", task.pk)
        response["X-Error-Status"] = str(status)
        return response
    messages.success(request, done_messages[action])
    return redirect("work:task", task.pk)


@login_required
@require_POST
def milestone_done(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = get_object_or_404(Milestone.objects.select_related("task"), pk=pk)
    if not selectors.tasks_visible_to(request.user).filter(pk=milestone.task_id).exists():
        raise Http404
    try:
        services.complete_milestone(actor=request.user, milestone=milestone)
    except PermissionDenied:
        return _deny(request)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Milestone reached."))
    return redirect("work:task", milestone.task_id)


@login_required
@require_GET
def attachment(request: HttpRequest, pk: int) -> FileResponse:
    item = get_object_or_404(Attachment, pk=pk)
    if not selectors.tasks_visible_to(request.user).filter(pk=item.task_id).exists():
        raise Http404
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.name)


@login_required
@require_GET
def people_options(request: HttpRequest) -> HttpResponse:
    """htmx: the responsible-person options for the chosen lead unit."""
    _require_view(request)
    unit = Unit.objects.filter(pk=request.GET.get("lead_unit") or 0).first()
    head = selectors.head_of(unit) if unit else None
    return render(
        request, "work/_people_options.html", {"people": owner_queryset_for(unit), "head": head}
    )


# --- lists ---------------------------------------------------------------------------------------


def _task_page(
    request: HttpRequest, *, page_name: str, title: str, unit_filter: bool
) -> HttpResponse:
    if not has_perm(request.user, "work.view"):
        return _deny(request)
    units = selectors.dashboard_units(request.user) if unit_filter else None
    form = TaskFilterForm(request.GET or None, units=units)
    filters: dict[str, Any] = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "q": data["q"],
            "state": data["state"],
            "timeliness": data["timeliness"],
            "due_from": data["due_from"],
            "due_to": data["due_to"],
        }
        if unit_filter:
            filters["unit"] = data.get("unit")
    if unit_filter:
        if filters.get("unit") is None:
            filters["unit"] = selectors.default_dashboard_unit(request.user)
        queryset = selectors.task_list(request.user, **filters)
    else:
        queryset = selectors.my_tasks(request.user, **filters)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "work/task_list.html",
        {
            "page_obj": page,
            "form": form,
            "title": title,
            "page_name": page_name,
            "views": selectors.saved_views(request.user, page_name),
            "query": request.GET.urlencode(),
            "unit": filters.get("unit"),
        },
    )


@login_required
@require_GET
def my_tasks(request: HttpRequest) -> HttpResponse:
    return _task_page(request, page_name="mine", title=_("My tasks"), unit_filter=False)


@login_required
@require_GET
def unit_tasks(request: HttpRequest) -> HttpResponse:
    return _task_page(request, page_name="unit", title=_("My unit's tasks"), unit_filter=True)


@login_required
@require_POST
def view_save(request: HttpRequest) -> HttpResponse:
    page = request.POST.get("page", "mine")
    if page not in {"mine", "unit"}:
        raise Http404
    try:
        view = services.save_view(
            actor=request.user,
            page=page,
            name=request.POST.get("name", ""),
            query=request.POST.get("query", ""),
        )
    except DomainError as error:
        messages.error(request, str(error.message))
        return redirect("work:mine" if page == "mine" else "work:unit_tasks")
    messages.success(request, _("View “%(name)s” saved.") % {"name": view.name})
    return redirect(
        reverse("work:mine" if page == "mine" else "work:unit_tasks") + "?" + view.query
    )


@login_required
@require_POST
def view_delete(request: HttpRequest, pk: int) -> HttpResponse:
    services.delete_view(actor=request.user, view_id=pk)
    return _back(request, reverse("work:mine"))


# --- notifications, reports, calendar feed ------------------------------------------


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        services.mark_read(actor=request.user)
        return redirect("work:notifications")
    page = Paginator(selectors.notifications_for(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "work/notifications.html", {"page_obj": page})


@login_required
def report(request: HttpRequest) -> HttpResponse:
    if not has_perm(request.user, "work.view"):
        return _deny(request)
    today = timezone.localdate()
    units = selectors.dashboard_units(request.user)
    form = ReportForm(
        request.GET or None,
        units=units,
        initial={
            "start": today.replace(day=1),
            "end": today,
            "unit": selectors.default_dashboard_unit(request.user),
        },
    )
    fmt = request.GET.get("format", "")
    if request.GET and form.is_valid() and fmt in {"xlsx", "docx", "pdf"}:
        data = reports.build(
            request.user,
            start=form.cleaned_data["start"],
            end=form.cleaned_data["end"],
            unit=form.cleaned_data["unit"],
            number=form.cleaned_data["number"],
        )
        name = f"bao-cao-nhiem-vu-{data.start:%Y%m%d}-{data.end:%Y%m%d}"
        if fmt == "xlsx":
            body, mime = (
                reports.xlsx(data),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        elif fmt == "docx":
            body, mime = (
                reports.docx(data),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            )
        else:
            body, mime = reports.pdf(data), "application/pdf"
        response = HttpResponse(body, content_type=mime)
        response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
        return response
    return render(request, "work/report.html", {"form": form})


@login_required
def feed(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        services.feed_token(actor=request.user, rotate=True)
        messages.success(request, _("A new private address was made; the old one no longer works."))
        return redirect("work:feed")
    token = services.feed_token(actor=request.user)
    url = request.build_absolute_uri(reverse("work:ical", args=[token.token]))
    return render(request, "work/feed.html", {"url": url})


@require_GET
def ical(request: HttpRequest, token: str) -> HttpResponse:
    """The private iCal feed: the token in the address is the only credential."""
    owner = FeedToken.objects.select_related("user").filter(token=token).first()
    if owner is None or not owner.user.is_active:
        raise Http404
    body = reports.ical(owner.user, base_url=request.build_absolute_uri("/").rstrip("/"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="dienhong.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response

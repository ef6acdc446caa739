"""Pages of the organisation: the directory (units, people, deputies, delegations) and the
administration pages for units, positions, people and role grants.

Views only translate HTTP: reads go through ``selectors`` (scoped to the user in the query),
writes through ``services`` (which check permissions and audit). A service's refusal is shown
on the form field it names.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from functools import wraps
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dienhong.accounts import services as account_services
from dienhong.accounts.forms import add_service_error
from dienhong.accounts.models import RoleGrant, User
from dienhong.accounts.permissions import has_perm
from dienhong.accounts.views import verified_required
from dienhong.core.errors import DomainError
from dienhong.core.errors import PermissionDenied as ServicePermissionDenied
from dienhong.org import forms as org_forms
from dienhong.org import selectors, services
from dienhong.org.models import Membership, Person, Position, Term, Unit

T = TypeVar("T")
View = Callable[..., HttpResponse]

PEOPLE_PER_PAGE = 25
DEPUTIES_PER_PAGE = 50
ADMIN_PER_PAGE = 50
TREE_CACHE_SECONDS = 24 * 3600


def permission_view(permission: str) -> Callable[[View], View]:
    """Logged in, past the second factor, holding ``permission`` somewhere.

    Services check the exact unit again; a refusal there becomes the same 403 page.
    """

    def decorate(view: View) -> View:
        @verified_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not has_perm(request.user, permission):
                raise DjangoPermissionDenied
            try:
                return view(request, *args, **kwargs)
            except ServicePermissionDenied as error:
                raise DjangoPermissionDenied(str(error.message)) from error

        return wrapped

    return decorate


def _attempt(form: forms.BaseForm, call: Callable[[], T]) -> T | None:
    """Run a service; on a business refusal, put its message on the form and return None."""
    try:
        return call()
    except ServicePermissionDenied:
        raise
    except DomainError as error:
        add_service_error(form, error)
        return None


def _as_of(request: HttpRequest) -> tuple[org_forms.AsOfForm, date]:
    form = org_forms.AsOfForm(request.GET or None)
    today = timezone.localdate()
    if form.is_bound and form.is_valid() and form.cleaned_data.get("as_of"):
        return form, form.cleaned_data["as_of"]
    return form, today


def _page(request: HttpRequest, queryset: Any, per_page: int) -> Any:
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


# --- directory ----------------------------------------------------------------------------------


def _tree_items(
    roots: list[selectors.TreeNode], counts: dict[int, int], query: str
) -> list[dict[str, Any]]:
    """The tree as a flat list with how many levels to close after each item.

    Links and count labels are made here once per node: the tree has a few hundred nodes and
    template tags per node would dominate the page's time.
    """
    totals: dict[int, int] = {}

    def total(node: selectors.TreeNode) -> int:
        totals[node.unit_id] = counts.get(node.unit_id, 0) + sum(total(c) for c in node.children)
        return totals[node.unit_id]

    for root in roots:
        total(root)
    flat = selectors.flatten_tree(roots)
    pattern = reverse("org:unit", args=[0])[: -len("0/")]
    items = []
    for index, (node, depth) in enumerate(flat):
        next_depth = flat[index + 1][1] if index + 1 < len(flat) else 0
        people = totals[node.unit_id]
        summary = ngettext("%(count)s person", "%(count)s people", people) % {"count": people}
        if node.children:
            children = len(node.children)
            units = ngettext("%(count)s sub-unit", "%(count)s sub-units", children) % {
                "count": children
            }
            summary = f"{units} · {summary}"
        items.append(
            {
                "node": node,
                "depth": depth,
                "has_children": bool(node.children),
                "href": f"{pattern}{node.unit_id}/{query}",
                "summary": summary,
                "closers": range(max(depth - next_depth, 0)) if not node.children else range(0),
            }
        )
    return items


def _unit_tree_html(user: Any, as_of: date) -> str:
    """The unit tree in force on ``as_of`` with head counts, and the units dissolved by then.

    Every page of the directory shows it and it is the same for everybody who may read the
    directory, so it is rendered once per directory version, day and language (the counts
    group every post: a cache miss costs a few milliseconds per thousand people).
    """
    today = timezone.localdate()
    version = selectors.directory_version()
    key = ":".join(
        [
            "org-tree",
            version,
            as_of.isoformat(),
            "today" if as_of == today else today.isoformat(),
            get_language() or "",
        ]
    )
    html = cache.get(key) if version else None
    if html is None:
        context = {
            "tree": _tree_items(
                selectors.unit_tree_as_of(user, as_of),
                selectors.people_counts(user, as_of),
                "" if as_of == today else f"?as_of={as_of.isoformat()}",
            ),
            "dissolved": list(selectors.dissolved_units(user, as_of)),
        }
        html = render_to_string("org/_unit_tree.html", context)
        cache.set(key, html, TREE_CACHE_SECONDS)
    return mark_safe(html)  # rendered by our template, escaped there


def _people_search(request: HttpRequest) -> dict[str, Any]:
    form = org_forms.PeopleSearchForm(request.GET or None)
    q = form.cleaned_data["q"].strip() if form.is_valid() else ""
    page_obj = _page(request, selectors.people_directory(request.user, q=q), PEOPLE_PER_PAGE)
    return {"form": form, "q": q, "page_obj": page_obj}


@permission_view("org.view")
def directory(request: HttpRequest) -> HttpResponse:
    """The unit tree in force on a date, dissolved units, and a people search.

    The search answers htmx with the results only; without JavaScript the form reloads the
    page with the results in place.
    """
    search = (
        _people_search(request) if request.GET.get("q") or request.headers.get("HX-Request") else {}
    )
    search["people_url"] = reverse("org:directory")
    if request.headers.get("HX-Request"):
        return render(request, "org/_people_results.html", search)
    as_of_form, as_of = _as_of(request)
    context = {
        **search,
        "as_of_form": as_of_form,
        "as_of": as_of,
        "is_today": as_of == timezone.localdate(),
        "tree_html": _unit_tree_html(request.user, as_of),
        "merger_eve": date(2025, 6, 30),
    }
    return render(request, "org/directory.html", context)


@permission_view("org.view")
def people(request: HttpRequest) -> HttpResponse:
    """People search (with or without diacritics); htmx asks for the results part only."""
    context = {**_people_search(request), "people_url": reverse("org:people")}
    if request.headers.get("HX-Request"):
        return render(request, "org/_people_results.html", context)
    return render(request, "org/people.html", context)


def _ancestors(unit: Unit) -> list[Unit]:
    ids = [int(part) for part in unit.path.strip("/").split("/") if part][:-1]
    by_id = Unit.objects.in_bulk(ids)
    return [by_id[i] for i in ids if i in by_id]


@permission_view("org.view")
def unit_detail(request: HttpRequest, unit_id: int) -> HttpResponse:
    user = request.user
    unit = selectors.unit_visible(user, unit_id)
    if unit is None:
        raise Http404
    as_of_form, as_of = _as_of(request)
    if not request.GET.get("as_of") and unit.dissolved_on is not None:
        as_of = unit.dissolved_on - timedelta(days=1)  # a dissolved unit: its last day
    context = {
        "unit": unit,
        "as_of_form": as_of_form,
        "as_of": as_of,
        "version": selectors.unit_version_on(unit, as_of),
        "ancestors": _ancestors(unit),
        "members": list(selectors.unit_members(user, unit, as_of)),
        "children": list(selectors.unit_children(user, unit, as_of)),
        "versions": list(selectors.unit_versions(unit)),
        "events": list(selectors.unit_events(unit)),
        "can_manage": has_perm(user, "org.manage", unit=unit),
    }
    return render(request, "org/unit.html", context)


@permission_view("org.view")
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    user = request.user
    person = selectors.visible_person(user, person_id)
    if person is None:
        raise Http404
    posts = list(selectors.person_posts(person))
    today = timezone.localdate()
    context = {
        "person": person,
        "posts": posts,
        "current": [p for p in posts if p.valid_to is None or p.valid_to > today],
        "mandates": list(selectors.person_mandates(person)),
        "can_manage": selectors.people_managed_by(user).filter(pk=person.pk).exists()
        if has_perm(user, "org.manage")
        else False,
    }
    return render(request, "org/person.html", context)


def _term_from(request: HttpRequest) -> tuple[list[Term], Term | None]:
    terms = list(selectors.terms())
    wanted = request.GET.get("term", "")
    term = next((t for t in terms if str(t.number) == wanted), None)
    return terms, term or selectors.current_term() or (terms[0] if terms else None)


@permission_view("org.view")
def deputies(request: HttpRequest) -> HttpResponse:
    """Deputies of a term, by province (delegation), searchable by name."""
    terms, term = _term_from(request)
    delegations = list(selectors.delegations(term=term)) if term else []
    delegation_id = request.GET.get("delegation", "")
    chosen = next((d for d in delegations if str(d.pk) == delegation_id), None)
    q = request.GET.get("q", "").strip()[:100]
    queryset = selectors.deputies(
        request.user, term=term, delegation_id=chosen.pk if chosen else None, q=q
    )
    context = {
        "terms": terms,
        "term": term,
        "delegations": delegations,
        "chosen": chosen,
        "q": q,
        "page_obj": _page(request, queryset, DEPUTIES_PER_PAGE),
    }
    return render(request, "org/deputies.html", context)


@permission_view("org.view")
def delegations(request: HttpRequest) -> HttpResponse:
    """The delegations of a term with their office and number of deputies."""
    terms, term = _term_from(request)
    rows = list(selectors.delegation_summary(request.user, term=term))
    context = {
        "terms": terms,
        "term": term,
        "delegations": rows,
        "current_count": sum(1 for d in rows if d.province.valid_to is None),
    }
    return render(request, "org/delegations.html", context)


# --- administration -----------------------------------------------------------------------------


@permission_view("org.manage")
def manage(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = {
        "unit_count": selectors.units_managed_by(user).count(),
        "people_count": selectors.people_managed_by(user).count(),
        "position_count": Position.objects.count(),
        "grant_count": selectors.role_grants_managed_by(user).count()
        if has_perm(user, "accounts.manage")
        else None,
    }
    return render(request, "org/manage/home.html", context)


@permission_view("org.manage")
def manage_units(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:100]
    dissolved = request.GET.get("dissolved") == "1"
    units = selectors.units_managed_by(request.user, q=q, include_dissolved=dissolved)
    return render(
        request, "org/manage/units.html", {"units": units, "q": q, "dissolved": dissolved}
    )


@permission_view("org.manage")
def unit_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = org_forms.UnitCreateForm(request.POST or None, units=selectors.units_managed_by(user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        unit = _attempt(
            form,
            lambda: services.create_unit(
                actor=user,
                code=data["code"],
                name=data["name"],
                kind=data["kind"],
                parent=data["parent"],
                short_name=data["short_name"],
                effective_on=data["effective_on"],
                legal_basis=data["legal_basis"],
                sort_order=data["sort_order"] or 0,
            ),
        )
        if unit is not None:
            messages.success(request, _("The unit %(unit)s was created.") % {"unit": unit.name})
            return redirect("org:unit_edit", unit_id=unit.pk)
    return render(request, "org/manage/unit_form.html", {"form": form}, status=_status(form))


def _status(form: forms.BaseForm) -> int:
    """422 when a submitted form is shown again with errors (helps tests and API-like clients)."""
    return 422 if form.is_bound and form.errors else 200


def _managed_unit(request: HttpRequest, unit_id: int) -> Unit:
    unit = get_object_or_404(Unit.objects.select_related("parent"), pk=unit_id)
    if not has_perm(request.user, "org.manage", unit=unit):
        raise DjangoPermissionDenied
    return unit


@permission_view("org.manage")
def unit_edit(request: HttpRequest, unit_id: int) -> HttpResponse:
    user = request.user
    unit = _managed_unit(request, unit_id)
    initial = {f: getattr(unit, f) for f in ["short_name", "kind", "email", "phone", "sort_order"]}
    form = org_forms.UnitDetailsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        updated = _attempt(
            form,
            lambda: services.update_unit_details(actor=user, unit=unit, data=form.cleaned_data),
        )
        if updated is not None:
            messages.success(
                request, _("The details of %(unit)s were saved.") % {"unit": unit.name}
            )
            return redirect("org:unit_edit", unit_id=unit.pk)
    context = {
        "unit": unit,
        "form": form,
        "events": list(selectors.unit_events(unit)[:10]),
        "actions": UNIT_ACTIONS,
    }
    return render(request, "org/manage/unit_edit.html", context, status=_status(form))


UNIT_ACTIONS = {
    "rename": (
        gettext_lazy("Rename"),
        gettext_lazy("A new name from a date; the old name stays in the history."),
    ),
    "move": (
        gettext_lazy("Move"),
        gettext_lazy("Place the unit, with its sub-units, under another unit."),
    ),
    "merge": (
        gettext_lazy("Merge into this unit"),
        gettext_lazy(
            "Other units join this one with their staff and sub-units, and are dissolved."
        ),
    ),
    "split": (gettext_lazy("Split"), gettext_lazy("Replace this unit by two or more new units.")),
    "dissolve": (gettext_lazy("Dissolve"), gettext_lazy("End an empty unit from a date.")),
}


@permission_view("org.manage")
def unit_change(request: HttpRequest, unit_id: int, action: str) -> HttpResponse:
    """Rename, move, merge, split or dissolve a unit from an effective date."""
    if action not in UNIT_ACTIONS:
        raise Http404
    user = request.user
    unit = _managed_unit(request, unit_id)
    if not unit.is_active:
        messages.error(request, _("The unit %(unit)s has been dissolved.") % {"unit": unit.name})
        return redirect("org:unit", unit_id=unit.pk)
    managed = selectors.units_managed_by(user)
    data = request.POST or None
    form: forms.Form
    if action == "rename":
        form = org_forms.RenameForm(data, initial={"name": unit.name})
    elif action == "move":
        form = org_forms.MoveForm(
            data,
            units=managed.exclude(path__startswith=unit.path),
            initial={"parent": unit.parent_id},
        )
    elif action == "merge":
        form = org_forms.MergeForm(data, units=managed.exclude(pk=unit.pk))
    elif action == "split":
        form = org_forms.SplitForm(data)
    else:
        form = org_forms.DissolveForm(data)
    if request.method == "POST" and form.is_valid():
        result = _attempt(
            form, lambda: _apply_unit_change(user, unit, action, form.cleaned_data, form)
        )
        if result is not None:
            messages.success(request, result)
            target = unit.pk
            if action == "split":
                return redirect("org:manage_units")
            return redirect("org:unit_edit" if action != "dissolve" else "org:unit", unit_id=target)
    title, description = UNIT_ACTIONS[action]
    context = {
        "unit": unit,
        "form": form,
        "action": action,
        "title": title,
        "description": description,
    }
    return render(request, "org/manage/unit_change.html", context, status=_status(form))


def _apply_unit_change(
    user: Any, unit: Unit, action: str, data: dict[str, Any], form: forms.Form
) -> str:
    common = {
        "actor": user,
        "effective_on": data["effective_on"],
        "legal_basis": data["legal_basis"],
    }
    if action == "rename":
        services.rename_unit(unit=unit, name=data["name"], **common)
        return _("The unit was renamed %(name)s.") % {"name": unit.name}
    if action == "move":
        services.move_unit(unit=unit, new_parent=data["parent"], **common)
        return _("The unit %(unit)s was moved.") % {"unit": unit.name}
    if action == "merge":
        services.merge_units(sources=list(data["sources"]), into=unit, **common)
        return _("The units were merged into %(unit)s.") % {"unit": unit.name}
    if action == "split":
        assert isinstance(form, org_forms.SplitForm)
        parts = [{**part, "kind": unit.kind} for part in form.parts()]
        created = services.split_unit(unit=unit, parts=parts, **common)
        return _("%(unit)s was split into: %(parts)s.") % {
            "unit": unit.name,
            "parts": ", ".join(part.name for part in created),
        }
    services.dissolve_unit(unit=unit, **common)
    return _("The unit %(unit)s was dissolved.") % {"unit": unit.name}


@permission_view("org.manage")
def manage_positions(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = org_forms.PositionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        position = _attempt(
            form,
            lambda: services.create_position(
                actor=user,
                title=data["title"],
                rank=data["rank"],
                is_leadership=data["is_leadership"],
            ),
        )
        if position is not None:
            messages.success(
                request, _("The position %(title)s was created.") % {"title": position.title}
            )
            return redirect("org:manage_positions")
    positions = selectors.positions()
    return render(
        request,
        "org/manage/positions.html",
        {"form": form, "positions": positions},
        status=_status(form),
    )


@permission_view("org.manage")
def position_edit(request: HttpRequest, position_id: int) -> HttpResponse:
    user = request.user
    position = get_object_or_404(Position, pk=position_id)
    form = org_forms.PositionForm(request.POST or None, instance=position)
    if request.method == "POST" and form.is_valid():
        # ModelForm has already set the fields on ``position``: hand the service a fresh copy.
        fresh = Position.objects.get(pk=position.pk)
        saved = _attempt(
            form,
            lambda: services.update_position(actor=user, position=fresh, data=form.cleaned_data),
        )
        if saved is not None:
            messages.success(
                request, _("The position %(title)s was saved.") % {"title": saved.title}
            )
            return redirect("org:manage_positions")
    return render(
        request,
        "org/manage/position_edit.html",
        {"form": form, "position": position},
        status=_status(form),
    )


@permission_view("org.manage")
def manage_people(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:100]
    page_obj = _page(request, selectors.people_managed_by(request.user, q=q), ADMIN_PER_PAGE)
    return render(request, "org/manage/people.html", {"page_obj": page_obj, "q": q})


@permission_view("org.manage")
def person_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = org_forms.PersonCreateForm(request.POST or None, units=selectors.units_managed_by(user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = _attempt(
            form,
            lambda: services.create_person(
                actor=user,
                full_name=data["full_name"],
                unit=data["unit"],
                position=data["position"],
                valid_from=data["valid_from"],
                gender=data["gender"],
                birth_year=data["birth_year"],
                email=data["email"],
                phone=data["phone"],
            ),
        )
        if person is not None:
            messages.success(request, _("%(person)s was added.") % {"person": person.full_name})
            return redirect("org:person_edit", person_id=person.pk)
    return render(request, "org/manage/person_create.html", {"form": form}, status=_status(form))


def _managed_person(request: HttpRequest, person_id: int) -> Person:
    person = get_object_or_404(Person.objects.select_related("user"), pk=person_id)
    if not selectors.people_managed_by(request.user).filter(pk=person.pk).exists():
        raise DjangoPermissionDenied
    return person


PERSON_ACTIONS = ("details", "add_post", "end_post", "create_login", "grant")


@permission_view("org.manage")
def person_edit(request: HttpRequest, person_id: int) -> HttpResponse:
    """One page for a person: details, posts (add, end), login and roles."""
    user = request.user
    person = _managed_person(request, person_id)
    managed_units = selectors.units_managed_by(user)
    grant_units = selectors.grantable_units(user)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if request.method == "POST" and action not in PERSON_ACTIONS:
        return HttpResponse(_("Unknown action."), status=400)

    def bound(name: str) -> dict[str, Any] | None:
        return request.POST if action == name else None

    details = org_forms.PersonEditForm(
        bound("details"),
        initial={
            f: getattr(person, f)
            for f in ["full_name", "gender", "birth_year", "email", "phone", "is_active"]
        },
    )
    post_form = org_forms.MembershipForm(bound("add_post"), units=managed_units)
    end_form = org_forms.EndMembershipForm(
        bound("end_post"), initial={"valid_to": timezone.localdate()}
    )
    primary = services.primary_unit(person)
    login_form = org_forms.CreateLoginForm(
        bound("create_login"), units=grant_units, initial={"unit": primary.pk if primary else None}
    )
    grant_form = org_forms.GrantRoleForm(
        bound("grant"),
        units=grant_units,
        initial={
            "username": person.user.username if person.user else "",
            "unit": primary.pk if primary else None,
        },
    )
    forms_by_action: dict[str, forms.Form] = {
        "details": details,
        "add_post": post_form,
        "end_post": end_form,
        "create_login": login_form,
        "grant": grant_form,
    }
    if action:
        form = forms_by_action[action]
        if form.is_valid() and _person_action(request, person, action, form) is not None:
            return redirect("org:person_edit", person_id=person.pk)
    status = 422 if action and forms_by_action[action].errors else 200
    grants = (
        list(selectors.role_grants_managed_by(user, user_id=person.user_id))
        if person.user_id and has_perm(user, "accounts.manage")
        else []
    )
    context = {
        "person": person,
        "details": details,
        "post_form": post_form,
        "end_form": end_form,
        "end_membership": request.POST.get("membership", "") if action == "end_post" else "",
        "login_form": login_form,
        "grant_form": grant_form,
        "posts": list(selectors.person_posts(person)),
        "grants": grants,
        "can_grant": has_perm(user, "accounts.manage"),
        "action": action,
    }
    return render(request, "org/manage/person_edit.html", context, status=status)


def _person_action(
    request: HttpRequest, person: Person, action: str, form: forms.Form
) -> bool | None:
    user = request.user
    data = form.cleaned_data
    if action == "details":
        if (
            _attempt(form, lambda: services.update_person(actor=user, person=person, data=data))
            is None
        ):
            return None
        messages.success(
            request, _("The details of %(person)s were saved.") % {"person": person.full_name}
        )
    elif action == "add_post":
        if (
            _attempt(
                form,
                lambda: services.add_membership(
                    actor=user,
                    person=person,
                    unit=data["unit"],
                    position=data["position"],
                    valid_from=data["valid_from"],
                    is_primary=data["is_primary"],
                ),
            )
            is None
        ):
            return None
        messages.success(request, _("The post was added."))
    elif action == "end_post":
        membership = Membership.objects.filter(
            pk=request.POST.get("membership") or 0, person=person
        ).first()
        if membership is None:
            form.add_error(None, _("This post does not exist."))
            return None
        if (
            _attempt(
                form,
                lambda: services.end_membership(
                    actor=user, membership=membership, valid_to=data["valid_to"]
                ),
            )
            is None
        ):
            return None
        messages.success(request, _("The post was ended."))
    elif action == "create_login":
        login = _attempt(
            form,
            lambda: account_services.create_login(
                actor=user,
                person=person,
                username=data["username"],
                password=data["password"],
                unit=data["unit"],
            ),
        )
        if login is None:
            return None
        messages.success(
            request, _("The login %(username)s was created.") % {"username": login.username}
        )
    else:
        return _grant(request, form)
    return True


def _grant(request: HttpRequest, form: forms.Form) -> bool | None:
    data = form.cleaned_data
    target = User.objects.filter(username__iexact=data["username"].strip()).first()
    if target is None:
        form.add_error("username", _("No login has this username."))
        return None
    grant = _attempt(
        form,
        lambda: account_services.grant_role(
            actor=request.user,
            user=target,
            role=data["role"],
            unit=data["unit"],
            valid_from=data["valid_from"],
            valid_to=data["valid_to"],
        ),
    )
    if grant is None:
        return None
    messages.success(
        request,
        _("%(user)s now holds the role %(role)s over %(unit)s.")
        % {"user": target.username, "role": grant.get_role_display(), "unit": grant.unit.name},
    )
    return True


@permission_view("org.manage")
def person_delete(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _managed_person(request, person_id)
    error = ""
    status = 200
    if request.method == "POST":
        try:
            services.delete_person(actor=request.user, person=person)
        except ServicePermissionDenied:
            raise
        except DomainError as refusal:
            error, status = str(refusal.message), refusal.status
        else:
            messages.success(request, _("%(person)s was deleted.") % {"person": person.full_name})
            return redirect("org:manage_people")
    return render(
        request, "org/manage/person_delete.html", {"person": person, "error": error}, status=status
    )


@permission_view("accounts.manage")
def manage_roles(request: HttpRequest) -> HttpResponse:
    """Role grants within the administrator's own subtrees; grant a new one."""
    user = request.user
    form = org_forms.GrantRoleForm(request.POST or None, units=selectors.grantable_units(user))
    if request.method == "POST" and form.is_valid() and _grant(request, form):
        return redirect("org:manage_roles")
    q = request.GET.get("q", "").strip()[:150]
    grants = selectors.role_grants_managed_by(user)
    if q:
        grants = grants.filter(user__username__icontains=q)
    page_obj = _page(request, grants, ADMIN_PER_PAGE)
    return render(
        request,
        "org/manage/roles.html",
        {"form": form, "page_obj": page_obj, "q": q},
        status=_status(form),
    )


@require_POST
@permission_view("accounts.manage")
def revoke_role(request: HttpRequest, grant_id: int) -> HttpResponse:
    grant = get_object_or_404(RoleGrant.objects.select_related("user", "unit"), pk=grant_id)
    account_services.revoke_role(actor=request.user, grant=grant)
    messages.success(
        request,
        _("The role %(role)s of %(user)s over %(unit)s was revoked.")
        % {"role": grant.get_role_display(), "user": grant.user.username, "unit": grant.unit.name},
    )
    back = request.POST.get("next", "")
    if back.startswith("/org/manage/"):
        return redirect(back)
    return redirect("org:manage_roles")

"""Forms of the work pages: they only parse input; the rules live in services."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dienhong.org.models import Person, Unit
from dienhong.work.models import DirectiveKind, TaskState, Timeliness

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def staff_people() -> QuerySet[Person]:
    """People holding a current post in the Office or a delegation office (not deputies only)."""
    return (
        Person.objects.filter(is_active=True, memberships__valid_to__isnull=True)
        .distinct()
        .order_by("name_folded")
    )


def leaders() -> QuerySet[Person]:
    return (
        Person.objects.filter(
            is_active=True,
            memberships__valid_to__isnull=True,
            memberships__position__is_leadership=True,
        )
        .distinct()
        .order_by("memberships__position__rank", "name_folded")
    )


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.full_name


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return ("— " * obj.depth) + obj.name


class DirectiveForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=DirectiveKind.choices)
    number = forms.CharField(
        label=_("Number and symbol"),
        max_length=80,
        required=False,
        help_text=_("For example 125/TB-VPQH."),
    )
    title = forms.CharField(label=_("Subject"), max_length=500)
    issued_on = forms.DateField(label=_("Issued on"), widget=DATE_INPUT)
    issuer = PersonChoiceField(label=_("Issued by"), queryset=Person.objects.none(), required=False)
    issuer_label = forms.CharField(label=_("Issuer (position)"), max_length=255, required=False)
    meeting = forms.CharField(label=_("Meeting or event"), max_length=255, required=False)
    unit = UnitChoiceField(label=_("Registered by unit"), queryset=Unit.objects.none())
    summary = forms.CharField(
        label=_("Summary"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["issuer"].queryset = leaders()  # type: ignore[attr-defined]


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=500)
    description = forms.CharField(
        label=pgettext_lazy("of a task", "Description"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    lead_unit = UnitChoiceField(label=_("Lead unit"), queryset=Unit.objects.none(), required=False)
    owner = PersonChoiceField(
        label=_("Responsible person"), queryset=Person.objects.none(), required=False
    )
    support_units = forms.ModelMultipleChoiceField(
        label=_("Supporting units"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )
    due = forms.DateField(
        label=_("Deadline"),
        widget=DATE_INPUT,
        required=False,
        help_text=_("A date; a day off moves to the next working day."),
    )
    due_working_days = forms.IntegerField(
        label=_("or: number of working days"), min_value=1, max_value=999, required=False
    )
    due_from = forms.DateField(
        label=_("counted from (the day after)"), widget=DATE_INPUT, required=False
    )
    milestones = forms.CharField(
        label=_("Milestones"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line: dd/mm/yyyy – what is due."),
    )
    responsible_leader = PersonChoiceField(
        label=_("Leader answering for delays"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("Default: the head of the lead unit."),
    )
    expected_result = forms.CharField(
        label=_("Expected result"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    acceptor = PersonChoiceField(
        label=_("Accepted by"), queryset=Person.objects.none(), required=False
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].queryset = units  # type: ignore[attr-defined]
        all_units = Unit.objects.filter(dissolved_on__isnull=True).exclude(kind="delegation_office")
        self.fields["support_units"].queryset = all_units  # type: ignore[attr-defined]
        people = staff_people()
        self.fields["owner"].queryset = people  # type: ignore[attr-defined]
        self.fields["responsible_leader"].queryset = leaders()  # type: ignore[attr-defined]
        self.fields["acceptor"].queryset = leaders()  # type: ignore[attr-defined]

    def clean_milestones(self) -> list[tuple[str, date]]:
        result = []
        for number, line in enumerate(self.cleaned_data["milestones"].splitlines(), start=1):
            if not line.strip():
                continue
            head, _sep, title = line.replace("–", "-").partition("-")
            try:
                day, month, year = (int(part) for part in head.strip().split("/"))
                result.append((title.strip() or line.strip(), date(year, month, day)))
            except ValueError:
                raise forms.ValidationError(
                    _(
                        "Line %(number)d: write the date as dd/mm/yyyy, then a dash and the milestone."  # noqa: E501
                    )
                    % {"number": number}
                ) from None
        return result

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["support_units"] = list(data.get("support_units") or [])
        if data.get("due_working_days"):
            data["due"] = None
        else:
            data["due_working_days"] = None
            data["due_from"] = None
        return data


class ConclusionImportForm(forms.Form):
    file = forms.FileField(label=_("Word file (.docx)"), required=False)
    text = forms.CharField(
        label=_("or paste the text of the notice"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("file") and not (data.get("text") or "").strip():
            raise forms.ValidationError(_("Upload a .docx file or paste the text."))
        return data


class XlsxImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx) made from the template"))


class TaskFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("All states")), *TaskState.choices]
    )
    timeliness = forms.ChoiceField(
        label=_("Timeliness"),
        required=False,
        choices=[
            ("", _("All")),
            ("open", _("Open")),
            ("due_soon", _("Due soon")),
            *[(value, label) for value, label in Timeliness.choices if value != Timeliness.NONE],
        ],
    )
    unit = forms.ModelChoiceField(label=_("Unit"), required=False, queryset=Unit.objects.none())
    due_from = forms.DateField(label=_("Deadline from"), required=False, widget=DATE_INPUT)
    due_to = forms.DateField(label=_("to"), required=False, widget=DATE_INPUT)

    def __init__(self, *args: Any, units: QuerySet[Unit] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if units is None:
            del self.fields["unit"]
        else:
            self.fields["unit"].queryset = units  # type: ignore[attr-defined]
            self.fields["unit"].label_from_instance = lambda u: ("— " * u.depth) + u.name  # type: ignore[attr-defined]


class ProgressForm(forms.Form):
    percent = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    comment = forms.CharField(
        label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class ReportForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DATE_INPUT)
    end = forms.DateField(label=_("To"), widget=DATE_INPUT)
    unit = forms.ModelChoiceField(label=_("Unit"), required=False, queryset=Unit.objects.none())
    number = forms.CharField(
        label=_("Number and symbol"),
        required=False,
        max_length=60,
        help_text=_("For example 45/BC-VPQH; left blank for a draft."),
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError(_("The end of the period is before its start."))
        return data


def owner_queryset_for(unit: Unit | None) -> QuerySet[Person]:
    if unit is None:
        return staff_people()
    return (
        Person.objects.filter(
            Q(memberships__unit__path__startswith=unit.path),
            memberships__valid_to__isnull=True,
            is_active=True,
        )
        .distinct()
        .order_by("name_folded")
    )

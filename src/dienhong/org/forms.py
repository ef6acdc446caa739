"""Forms of the directory and administration pages. They parse input; services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dienhong.accounts.roles import ROLE_CHOICES
from dienhong.org.models import Gender, Position, Unit, UnitKind


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def date_field(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=DateInput(),
        input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"],
    )


INDENT = "\u2003"  # an em space per level of the tree


class UnitChoiceField(forms.ModelChoiceField):
    """Units shown as an indented tree with their codes."""

    def label_from_instance(self, obj: Unit) -> str:
        return f"{INDENT * obj.depth}{obj.name} ({obj.code})"


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return f"{INDENT * obj.depth}{obj.name} ({obj.code})"


LEGAL_BASIS_HELP = _("The decision that makes the change, e.g. “Nghị quyết 74/2025/UBTVQH15”.")


def effective_on_field() -> forms.DateField:
    return date_field(_("Effective date"), help_text=_("The day the change takes effect."))


def legal_basis_field() -> forms.CharField:
    return forms.CharField(
        label=_("Legal basis"), max_length=255, required=False, help_text=LEGAL_BASIS_HELP
    )


# --- directory ---------------------------------------------------------------------------------


class AsOfForm(forms.Form):
    as_of = date_field(_("Structure as of"), required=False)


class PeopleSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search people"),
        required=False,
        max_length=100,
        help_text=_("Type a name with or without diacritics, e.g. “nguyen duc”."),
        widget=forms.TextInput(
            attrs={"type": "search", "autocomplete": "off", "spellcheck": "false"}
        ),
    )


# --- administration: units ---------------------------------------------------------------------


class UnitCreateForm(forms.Form):
    parent = UnitChoiceField(
        label=_("Parent unit"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("(none: a new top-level unit)"),
    )
    code = forms.CharField(
        label=_("Code"), max_length=40, help_text=_("A short unique code, e.g. VPQH-TH.")
    )
    name = forms.CharField(label=_("Name"), max_length=255)
    short_name = forms.CharField(label=_("Short name"), max_length=80, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=UnitKind.choices, initial=UnitKind.DIVISION)
    sort_order = forms.IntegerField(label=_("Order"), initial=0, required=False)
    effective_on = date_field(_("Established on"))
    legal_basis = legal_basis_field()

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = units  # type: ignore[attr-defined]
        self.fields["effective_on"].initial = timezone.localdate()


class UnitDetailsForm(forms.Form):
    short_name = forms.CharField(label=_("Short name"), max_length=80, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=UnitKind.choices)
    email = forms.EmailField(label=_("Email"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    sort_order = forms.IntegerField(label=_("Order"), required=False)

    def clean_sort_order(self) -> int:
        return self.cleaned_data.get("sort_order") or 0


class RenameForm(forms.Form):
    name = forms.CharField(label=_("New name"), max_length=255)
    effective_on = effective_on_field()
    legal_basis = legal_basis_field()


class MoveForm(forms.Form):
    parent = UnitChoiceField(
        label=_("New parent unit"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("(none: a top-level unit)"),
    )
    effective_on = effective_on_field()
    legal_basis = legal_basis_field()

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = units  # type: ignore[attr-defined]


class MergeForm(forms.Form):
    sources = UnitMultipleChoiceField(
        label=_("Units merged into this one"),
        queryset=Unit.objects.none(),
        help_text=_("Their sub-units and staff move to this unit; they are dissolved."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    effective_on = effective_on_field()
    legal_basis = legal_basis_field()

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sources"].queryset = units  # type: ignore[attr-defined]


SPLIT_PARTS = 4


class SplitForm(forms.Form):
    """A unit split into two to four new units; the first receives the staff and sub-units."""

    effective_on = effective_on_field()
    legal_basis = legal_basis_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for index in range(1, SPLIT_PARTS + 1):
            required = index <= 2
            self.fields[f"code_{index}"] = forms.CharField(
                label=_("Code of new unit %(n)s") % {"n": index}, max_length=40, required=required
            )
            self.fields[f"name_{index}"] = forms.CharField(
                label=_("Name of new unit %(n)s") % {"n": index}, max_length=255, required=required
            )

    def parts(self) -> list[dict[str, str]]:
        parts = []
        for index in range(1, SPLIT_PARTS + 1):
            code = self.cleaned_data.get(f"code_{index}", "").strip()
            name = self.cleaned_data.get(f"name_{index}", "").strip()
            if code or name:
                parts.append({"code": code, "name": name})
        return parts

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for index in range(3, SPLIT_PARTS + 1):
            code = cleaned.get(f"code_{index}", "")
            name = cleaned.get(f"name_{index}", "")
            if bool(code) != bool(name):
                self.add_error(
                    f"name_{index}" if code else f"code_{index}",
                    _("Give both the code and the name of this unit."),
                )
        return cleaned


class DissolveForm(forms.Form):
    effective_on = effective_on_field()
    legal_basis = legal_basis_field()
    confirm = forms.BooleanField(label=_("I confirm that this unit is dissolved on that date."))


# --- administration: positions and people ------------------------------------------------------


class PositionForm(forms.ModelForm):
    class Meta:
        model = Position
        fields = ["title", "rank", "is_leadership"]


class PersonForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices, required=False)
    birth_year = forms.IntegerField(
        label=_("Year of birth"), min_value=1900, max_value=2100, required=False
    )
    email = forms.EmailField(label=_("Email"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)


class PersonCreateForm(PersonForm):
    unit = UnitChoiceField(
        label=_("Unit"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("The unit of the first post."),
        empty_label=_("(none yet)"),
    )
    position = forms.ModelChoiceField(
        label=_("Position"),
        queryset=Position.objects.all(),
        required=False,
        empty_label=_("(none yet)"),
    )
    valid_from = date_field(_("In post from"), required=False)

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["valid_from"].initial = timezone.localdate()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if bool(cleaned.get("unit")) != bool(cleaned.get("position")):
            self.add_error(
                "position" if cleaned.get("unit") else "unit",
                _("Choose both the unit and the position of the first post, or neither."),
            )
        return cleaned


class PersonEditForm(PersonForm):
    is_active = forms.BooleanField(
        label=_("Active"),
        required=False,
        help_text=_("Inactive people are hidden from the directory."),
    )


class MembershipForm(forms.Form):
    unit = UnitChoiceField(
        label=_("Unit"), queryset=Unit.objects.none(), empty_label=_("Choose a unit")
    )
    position = forms.ModelChoiceField(
        label=_("Position"), queryset=Position.objects.all(), empty_label=_("Choose a position")
    )
    valid_from = date_field(_("From"))
    is_primary = forms.BooleanField(label=_("Main post"), required=False, initial=True)

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["valid_from"].initial = timezone.localdate()


class EndMembershipForm(forms.Form):
    valid_to = date_field(_("Until"), help_text=_("The first day the post is no longer held."))


class CreateLoginForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters, not a common password."),
    )
    password_again = forms.CharField(
        label=_("Password (again)"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    unit = UnitChoiceField(
        label=_("Unit in charge"),
        queryset=Unit.objects.none(),
        empty_label=_("Choose a unit"),
        help_text=_("The unit whose administrators answer for this login."),
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("password") and cleaned.get("password") != cleaned.get("password_again"):
            self.add_error("password_again", _("The two passwords differ."))
        return cleaned


class GrantRoleForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES)
    unit = UnitChoiceField(
        label=_("Over the unit (and its sub-units)"),
        queryset=Unit.objects.none(),
        empty_label=_("Choose a unit"),
    )
    valid_from = date_field(_("From"), required=False)
    valid_to = date_field(_("Until"), required=False)

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("valid_from"), cleaned.get("valid_to")
        if start and end and end <= start:
            self.add_error("valid_to", _("The end date must be after the start date."))
        return cleaned

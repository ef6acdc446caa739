"""Forms of the sittings pages: they only parse input; services decide what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dienhong.org.models import Term, Unit
from dienhong.sittings.models import (
    AttendanceStatus,
    ChecklistTemplate,
    EventType,
    Hall,
    ItemKind,
    Part,
    ParticipantKind,
    SessionKind,
    Sitting,
    SittingFormat,
    SpeechKind,
    Threshold,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class SessionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=SessionKind.choices)
    event_type = forms.ChoiceField(
        label=_("Type of event"), choices=[("", "—"), *EventType.choices], required=False
    )
    term = forms.ModelChoiceField(label=_("Term"), queryset=Term.objects.all(), required=False)
    number = forms.IntegerField(
        label=_("Number within the term"),
        min_value=1,
        max_value=999,
        required=False,
        help_text=_("For a session or a Standing Committee meeting, e.g. 10 or 51."),
    )
    title = forms.CharField(
        label=pgettext_lazy("name of a session", "Title"),
        max_length=300,
        required=False,
        help_text=_("Left empty for a session or meeting, the official title is used."),
    )
    start = forms.DateField(label=_("First day"), widget=DATE)
    end = forms.DateField(label=_("Last day"), widget=DATE)
    place = forms.CharField(label=_("Place"), max_length=255, required=False)
    organiser_unit = forms.ModelChoiceField(
        label=_("Organising unit"), queryset=Unit.objects.none()
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    confirm_day_off = forms.BooleanField(
        label=_("It really takes place on a day off"), required=False
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organiser_unit"].queryset = units  # type: ignore[attr-defined]


class SessionEditForm(forms.Form):
    title = forms.CharField(label=pgettext_lazy("name of a session", "Title"), max_length=300)
    place = forms.CharField(label=_("Place"), max_length=255, required=False)
    end = forms.DateField(label=_("Last day"), widget=DATE)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    issuer_label = forms.CharField(
        label=_("Issuing body on the programme"), max_length=200, required=False
    )
    document_symbol = forms.CharField(label=_("Document symbol"), max_length=60, required=False)
    signer_authority = forms.CharField(
        label=_("Signing on behalf of"), max_length=200, required=False
    )
    signer_position = forms.CharField(label=_("Signer's position"), max_length=200, required=False)
    signer_name = forms.CharField(label=_("Signer's name"), max_length=200, required=False)


class MoveForm(forms.Form):
    start = forms.DateField(label=_("New first day"), widget=DATE)
    confirm_day_off = forms.BooleanField(
        label=_("It really takes place on a day off"), required=False
    )


class SittingForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE)
    part = forms.ChoiceField(label=_("Part of the day"), choices=Part.choices)
    start_time = forms.TimeField(label=_("Starts at"), widget=TIME)
    end_time = forms.TimeField(label=_("Ends at"), widget=TIME)
    format = forms.ChoiceField(label=_("Format"), choices=SittingFormat.choices)
    hall = forms.ModelChoiceField(label=_("Hall"), queryset=Hall.objects.none(), required=False)
    place = forms.CharField(
        label=_("Place"),
        max_length=255,
        required=False,
        help_text=_("When there is no hall: group rooms, the connection points..."),
    )
    title = forms.CharField(
        label=pgettext_lazy("name of a session", "Title"), max_length=300, required=False
    )
    chair_title = forms.CharField(label=_("Chaired by (position)"), max_length=255, required=False)
    live_broadcast = forms.BooleanField(label=_("Broadcast live"), required=False)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    confirm_day_off = forms.BooleanField(
        label=_("It really takes place on a day off"), required=False
    )

    def __init__(self, *args: Any, halls: QuerySet[Hall], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hall"].queryset = halls  # type: ignore[attr-defined]


class ItemForm(forms.Form):
    kind = forms.ChoiceField(label=pgettext_lazy("agenda item", "Type"), choices=ItemKind.choices)
    title = forms.CharField(
        label=_("Content"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    presenter_position = forms.CharField(
        label=_("Presenter's position"),
        max_length=255,
        required=False,
        help_text=_("For example: Bộ trưởng Bộ Tư pháp."),
    )
    presenter_name = forms.CharField(label=_("Presenter's name"), max_length=200, required=False)
    duration = forms.IntegerField(
        label=_("Planned duration (minutes)"), min_value=1, max_value=24 * 60
    )
    documents = forms.CharField(
        label=pgettext_lazy("of a sitting", "Documents"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Numbers and symbols, one per line, e.g. 712/TTr-CP."),
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)
    sitting = forms.ModelChoiceField(
        label=_("Sitting"), queryset=Sitting.objects.none(), required=False
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, sittings: QuerySet[Sitting] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if sittings is None:
            del self.fields["sitting"]
        else:
            field = self.fields["sitting"]
            field.queryset = sittings  # type: ignore[attr-defined]
            field.label_from_instance = _sitting_label  # type: ignore[attr-defined]

    def document_numbers(self) -> list[str]:
        text = self.cleaned_data.get("documents") or ""
        return [line.strip() for line in text.replace(";", "\n").splitlines() if line.strip()]


def _sitting_label(sitting: Sitting) -> str:
    return f"{sitting.date:%d/%m/%Y} – {sitting.get_part_display()}"


class PublishForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the change"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Deputies and the press see it with the new version."),
    )
    based_on = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class ScriptEditForm(forms.Form):
    based_on = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    note = forms.CharField(label=_("What did you change?"), max_length=300, required=False)


class ChecklistForm(forms.Form):
    template = forms.ModelChoiceField(
        label=_("Checklist"), queryset=ChecklistTemplate.objects.none()
    )
    sitting = forms.ModelChoiceField(
        label=_("For the sitting"),
        queryset=Sitting.objects.none(),
        required=False,
        help_text=_("Empty: the first day."),
    )

    def __init__(
        self,
        *args: Any,
        templates: QuerySet[ChecklistTemplate],
        sittings: QuerySet[Sitting],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates  # type: ignore[attr-defined]
        field = self.fields["sitting"]
        field.queryset = sittings  # type: ignore[attr-defined]
        field.label_from_instance = _sitting_label  # type: ignore[attr-defined]


class CheckInForm(forms.Form):
    sound_ok = forms.BooleanField(label=_("Sound is clear"), required=False)
    picture_ok = forms.BooleanField(label=_("Picture is clear"), required=False)
    participants_present = forms.IntegerField(
        label=_("Participants present"), min_value=0, max_value=999
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class GuestForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[c for c in ParticipantKind.choices if c[0] != ParticipantKind.DEPUTY],
    )
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    position_title = forms.CharField(label=_("Position"), max_length=255, required=False)
    organisation = forms.CharField(label=_("Agency or delegation"), max_length=255, required=False)
    group_label = forms.CharField(label=_("Group"), max_length=80, required=False)
    seat = forms.CharField(label=_("Seat"), max_length=40, required=False)
    badge_number = forms.CharField(label=_("Badge number"), max_length=40, required=False)


class SeatForm(forms.Form):
    group_label = forms.CharField(label=_("Group"), max_length=80, required=False)
    seat = forms.CharField(label=_("Seat"), max_length=40, required=False)
    badge_number = forms.CharField(label=_("Badge number"), max_length=40, required=False)


class AttendanceImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("Columns “badge” (or “id”) and “status”: present, excused or absent."),
    )


class MinutesEntryForm(forms.Form):
    agenda_item = forms.TypedChoiceField(
        label=_("Agenda item"), coerce=int, required=False, empty_value=None
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=SpeechKind.choices, initial=SpeechKind.SPEECH)
    speaker_name = forms.CharField(label=_("Speaker"), max_length=200)
    speaker_position = forms.CharField(
        label=_("Position or delegation"), max_length=255, required=False
    )
    started_at = forms.TimeField(label=pgettext_lazy("time", "From"), widget=TIME, required=False)
    ended_at = forms.TimeField(label=pgettext_lazy("time", "To"), widget=TIME, required=False)
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, items: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].choices = [  # type: ignore[attr-defined]
            ("", "—"),
            *[(item.pk, f"{item.position}. {item.title[:90]}") for item in items],
        ]


class VoteForm(forms.Form):
    agenda_item = forms.TypedChoiceField(
        label=_("Agenda item"), coerce=int, required=False, empty_value=None
    )
    subject = forms.CharField(
        label=pgettext_lazy("vote", "Subject"), max_length=500, required=False
    )
    held_at = forms.TimeField(label=_("At"), widget=TIME, required=False)
    yes = forms.IntegerField(label=pgettext_lazy("vote", "Yes"), min_value=0)
    no = forms.IntegerField(label=pgettext_lazy("vote", "No"), min_value=0)
    abstain = forms.IntegerField(label=pgettext_lazy("vote", "Abstain"), min_value=0)
    threshold = forms.ChoiceField(label=_("Needed to pass"), choices=Threshold.choices)

    def __init__(self, *args: Any, items: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].choices = [  # type: ignore[attr-defined]
            ("", "—"),
            *[(item.pk, f"{item.position}. {item.title[:90]}") for item in items],
        ]


class AttendanceForm(forms.Form):
    status = forms.ChoiceField(choices=AttendanceStatus.choices)


POINT_ROWS = 5


class ConclusionForm(forms.Form):
    number = forms.CharField(label=_("Number and symbol"), max_length=80, required=False)
    title = forms.CharField(label=_("Subject"), max_length=500)
    issued_on = forms.DateField(label=_("Issued on"), widget=DATE)
    sitting = forms.ModelChoiceField(
        label=_("Sitting"), queryset=Sitting.objects.none(), required=False
    )
    text = forms.CharField(
        label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self, *args: Any, sittings: QuerySet[Sitting], units: QuerySet[Unit], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["sitting"]
        field.queryset = sittings  # type: ignore[attr-defined]
        field.label_from_instance = _sitting_label  # type: ignore[attr-defined]
        for index in range(1, POINT_ROWS + 1):
            self.fields[f"point_{index}_text"] = forms.CharField(
                label=_("Instruction %(n)s") % {"n": index},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"point_{index}_unit"] = forms.ModelChoiceField(
                label=_("Lead unit"), queryset=units, required=False
            )
            self.fields[f"point_{index}_due"] = forms.DateField(
                label=_("Deadline"), widget=DATE, required=False
            )
            self.fields[f"point_{index}_result"] = forms.CharField(
                label=_("Expected result"), max_length=300, required=False
            )

    def point_rows(self) -> list[list[forms.BoundField]]:
        return [
            [self[f"point_{index}_{part}"] for part in ("text", "unit", "due", "result")]
            for index in range(1, POINT_ROWS + 1)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for index in range(1, POINT_ROWS + 1):
            text = data.get(f"point_{index}_text")
            if not text:
                continue
            if data.get(f"point_{index}_unit") is None:
                self.add_error(f"point_{index}_unit", _("Choose the lead unit."))
            if data.get(f"point_{index}_due") is None:
                self.add_error(f"point_{index}_due", _("Give the deadline."))
        return data

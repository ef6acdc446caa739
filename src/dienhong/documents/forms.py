"""Forms of the documents pages (validation of HTTP input only; rules live in services)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dienhong.documents.models import (
    Access,
    Confidentiality,
    Direction,
    DocType,
    Document,
    LinkKind,
    Retention,
    Urgency,
)


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class UploadForm(forms.Form):
    owner_unit = UnitChoiceField(queryset=None, label=_("Owner unit"), empty_label=None)  # type: ignore[arg-type]
    direction = forms.ChoiceField(choices=Direction.choices, label=_("Direction"))
    access = forms.ChoiceField(choices=Access.choices, label=_("Access"), initial=Access.INTERNAL)

    def __init__(self, *args: Any, units: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from dienhong.org.models import Unit

        field = self.fields["owner_unit"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Unit.objects.filter(pk__in=[u.pk for u in units]).order_by("path")


class MetadataForm(forms.ModelForm):
    tags = forms.CharField(
        label=_("Tags"), required=False, help_text=_("Separate tags with commas.")
    )

    class Meta:
        model = Document
        fields = [
            "direction",
            "doc_type",
            "number",
            "date",
            "issuer",
            "subject",
            "signer",
            "urgency",
            "confidentiality",
            "page_count",
            "retention",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "subject": forms.Textarea(attrs={"rows": 3}),
        }


class CreateForm(MetadataForm):
    owner_unit = UnitChoiceField(queryset=None, label=_("Owner unit"), empty_label=None)  # type: ignore[arg-type]
    access = forms.ChoiceField(choices=Access.choices, label=_("Access"), initial=Access.INTERNAL)

    def __init__(self, *args: Any, units: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from dienhong.org.models import Unit

        field = self.fields["owner_unit"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Unit.objects.filter(pk__in=[u.pk for u in units]).order_by("path")


class AccessForm(forms.Form):
    access = forms.ChoiceField(choices=Access.choices, label=_("Access"))
    units = forms.CharField(
        label=_("Units allowed (codes)"),
        required=False,
        help_text=_("Unit codes separated by commas, e.g. VPQH-TH."),
    )
    users = forms.CharField(label=_("People allowed (user names)"), required=False)


class DossierForm(forms.Form):
    owner_unit = UnitChoiceField(queryset=None, label=_("Owner unit"), empty_label=None)  # type: ignore[arg-type]
    code = forms.CharField(label=pgettext_lazy("dossier", "Code"), max_length=60, required=False)
    title = forms.CharField(label=pgettext_lazy("dossier", "Title"), max_length=500)
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2199, required=False)
    retention = forms.ChoiceField(
        choices=Retention.choices, label=_("Retention period"), required=False
    )

    def __init__(self, *args: Any, units: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from dienhong.org.models import Unit

        field = self.fields["owner_unit"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Unit.objects.filter(pk__in=[u.pk for u in units]).order_by("path")


class LinkForm(forms.Form):
    kind = forms.ChoiceField(choices=LinkKind.choices, label=_("Relation"))
    target = forms.IntegerField(label=_("Document id"), min_value=1)


class SaveSearchForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    query = forms.CharField(max_length=1000, required=False, widget=forms.HiddenInput)


__all__ = ["Confidentiality", "DocType", "Retention", "Urgency"]

"""Forms of the account pages. They only parse input; services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from dienhong.core.errors import DomainError


def add_service_error(form: forms.BaseForm, error: DomainError) -> None:
    """Show a service's refusal on the field it names, or above the form."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, str(error.message))


class TokenCodeForm(forms.Form):
    token = forms.CharField(
        label=_("Six-digit code"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": "[0-9 ]*",
                "autofocus": True,
                "class": "code-input",
            }
        ),
    )

    def clean_token(self) -> str:
        token = str(self.cleaned_data["token"]).replace(" ", "")
        if not token.isdigit():
            raise forms.ValidationError(_("Enter the digits shown in your authenticator app."))
        return token


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “Reporting spreadsheet”."),
    )
    days = forms.IntegerField(
        label=_("Valid for (days)"),
        min_value=1,
        max_value=366,
        initial=settings.DIENHONG_API_TOKEN_DAYS,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["days"].initial = settings.DIENHONG_API_TOKEN_DAYS

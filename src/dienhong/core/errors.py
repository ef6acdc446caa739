"""Domain errors raised by services; views and the API turn them into translated messages."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A request that breaks a business rule. ``message`` is translated for the user."""

    status = 400
    default_message: Any = _("The request could not be carried out.")

    def __init__(
        self, message: Any = None, *, field: str | None = None, code: str | None = None
    ) -> None:
        self.message = message if message is not None else self.default_message
        self.field = field
        self.code = code or type(self).__name__
        super().__init__(str(self.message))


class PermissionDenied(DomainError):
    status = 403
    default_message = _("You do not have permission to do this.")


class NotFound(DomainError):
    status = 404
    default_message = _("Not found.")


class Conflict(DomainError):
    status = 409
    default_message = _("The object was changed by someone else; reload and try again.")


class ValidationFailed(DomainError):
    status = 422
    default_message = _("Some values are not valid.")

"""Every API error as ``application/problem+json`` (RFC 9457), in the request's language.

One function builds the body (``problem_response``); the handlers below map each kind of
exception to it. Unexpected exceptions are logged with the request id and answered with a
500 problem that carries the id but never a traceback.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from django.core import exceptions as django_exceptions
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError
from django.db.models import ProtectedError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from dienhong.core.errors import DomainError

if TYPE_CHECKING:
    from ninja import NinjaAPI

logger = logging.getLogger("dienhong.api")

PROBLEM_CONTENT_TYPE = "application/problem+json"

TITLES = {
    400: gettext_lazy("Bad request"),
    401: gettext_lazy("Authentication required"),
    403: gettext_lazy("Forbidden"),
    404: gettext_lazy("Not found"),
    405: gettext_lazy("Method not allowed"),
    409: gettext_lazy("Conflict"),
    413: gettext_lazy("Request too large"),
    415: gettext_lazy("Unsupported media type"),
    422: gettext_lazy("Invalid data"),
    429: gettext_lazy("Too many requests"),
    500: gettext_lazy("Server error"),
}


def problem_response(
    request: HttpRequest,
    status: int,
    detail: Any,
    *,
    code: str = "",
    errors: Iterable[dict[str, Any]] = (),
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    body = {
        "type": "about:blank",
        "title": str(TITLES.get(status, TITLES[400 if status < 500 else 500])),
        "status": status,
        "detail": str(detail),
        "instance": request.path,
        "code": code,
        "request_id": getattr(request, "request_id", ""),
        "errors": list(errors),
    }
    response = HttpResponse(
        json.dumps(body, cls=DjangoJSONEncoder, ensure_ascii=False),
        status=status,
        content_type=f"{PROBLEM_CONTENT_TYPE}; charset=utf-8",
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


# --- the handlers ---------------------------------------------------------------------------


def on_domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    code = _snake(exc.code)
    errors = [{"field": exc.field, "message": str(exc.message), "code": code}] if exc.field else []
    return problem_response(request, exc.status, exc.message, code=code, errors=errors)


def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [_field_problem(error) for error in exc.errors]
    if len(errors) == 1 and errors[0]["field"]:
        detail = _("%(field)s: %(message)s") % {
            "field": errors[0]["field"],
            "message": errors[0]["message"],
        }
    else:
        detail = _("Some values are not valid; see the list of errors.")
    return problem_response(request, 422, detail, code="validation_failed", errors=errors)


def on_authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    message = (
        exc.message
        if exc.message != "Unauthorized"
        else _(
            "Log in, or send a personal API token in the header 'Authorization: Bearer <token>'."
        )
    )
    return problem_response(
        request,
        401,
        message,
        code="not_authenticated",
        headers={"WWW-Authenticate": 'Bearer realm="api"'},
    )


def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    status = exc.status_code
    if status == 400 and str(exc).startswith("Cannot parse request body"):
        return problem_response(
            request, 400, _("The request body is not valid JSON."), code="malformed_json"
        )
    if status == 403 and "CSRF" in str(exc):
        return problem_response(
            request,
            403,
            _(
                "The CSRF check failed: send the X-CSRFToken header with the value of the "
                "csrftoken cookie, or use a personal API token."
            ),
            code="csrf_failed",
        )
    if isinstance(exc, Throttled):
        return problem_response(
            request, 429, _("Too many requests; try again later."), code="throttled"
        )
    # Our own code raises translated messages; ninja's fixed English ones only reach us above.
    return problem_response(request, status, exc.message, code=f"http_{status}")


def on_not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return problem_response(request, 404, _("Nothing exists at this address."), code="not_found")


def on_django_permission_denied(request: HttpRequest, exc: Exception) -> HttpResponse:
    return problem_response(
        request, 403, _("You do not have permission to do this."), code="permission_denied"
    )


def on_django_validation_error(
    request: HttpRequest, exc: django_exceptions.ValidationError
) -> HttpResponse:
    if hasattr(exc, "error_dict"):
        errors = [
            {
                "field": None if field == "__all__" else field,
                "message": str(message),
                "code": "invalid",
            }
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    else:
        errors = [
            {"field": None, "message": str(message), "code": "invalid"} for message in exc.messages
        ]
    return problem_response(
        request, 422, errors[0]["message"], code="validation_failed", errors=errors
    )


def on_integrity_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    # A service should have turned this into a Conflict; answer correctly and leave a trace.
    logger.warning("integrity error reached the API: %s", exc)
    message = (
        _("The object is still referenced by other records and cannot be removed.")
        if isinstance(exc, ProtectedError)
        else _("The change conflicts with existing data.")
    )
    return problem_response(request, 409, message, code="conflict")


def on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("unhandled error in API %s %s", request.method, request.path)
    return problem_response(
        request,
        500,
        _(
            "An unexpected error occurred. It has been logged; quote the request id %(id)s "
            "when reporting it."
        )
        % {"id": getattr(request, "request_id", "")},
        code="server_error",
    )


HANDLERS: list[tuple[type[Exception], Callable[..., HttpResponse]]] = [
    (Exception, on_unexpected),
    (DomainError, on_domain_error),
    (ValidationError, on_validation_error),
    (AuthenticationError, on_authentication_error),
    (HttpError, on_http_error),
    (Http404, on_not_found),
    (django_exceptions.ObjectDoesNotExist, on_not_found),
    (django_exceptions.PermissionDenied, on_django_permission_denied),
    (django_exceptions.ValidationError, on_django_validation_error),
    (IntegrityError, on_integrity_error),
    (ProtectedError, on_integrity_error),
]


def install(api: NinjaAPI) -> None:
    """Register the handlers (the most specific class wins, by the exception's MRO)."""
    for exception, handler in HANDLERS:
        api.add_exception_handler(exception, handler)


# --- validation messages --------------------------------------------------------------------


def _snake(code: str) -> str:
    """``PermissionDenied`` → ``permission_denied``; codes already in snake case pass through."""
    out = []
    for index, char in enumerate(code):
        if char.isupper() and index:
            out.append("_")
        out.append(char.lower())
    return "".join(out)


def _field_problem(error: dict[str, Any]) -> dict[str, Any]:
    location = [str(part) for part in error.get("loc", ())]
    return {
        "field": ".".join(location) or None,
        "message": _message_for(error),
        "code": error.get("type", "invalid"),
    }


def _message_for(error: dict[str, Any]) -> str:
    """A translated sentence for one pydantic error (pydantic's own are English only)."""
    kind: str = error.get("type", "")
    ctx: dict[str, Any] = error.get("ctx") or {}
    if kind == "missing":
        if not error.get("loc"):
            return _("Send a JSON object in the request body.")
        return _("This field is required.")
    if kind == "value_error" and "error" in ctx:
        return str(ctx["error"])
    if kind.startswith("date_from_datetime") or kind in {"date_parsing", "date_type"}:
        return _("Enter a valid date in the form YYYY-MM-DD.")
    if kind.startswith("datetime") or kind.startswith("timezone"):
        return _("Enter a valid date and time (ISO 8601, e.g. 2026-01-31T08:00:00+07:00).")
    if kind.startswith("int_") or kind == "int_from_float":
        return _("Enter a whole number.")
    if kind.startswith("float_") or kind.startswith("decimal_"):
        return _("Enter a number.")
    if kind.startswith("bool_"):
        return _("Enter true or false.")
    if kind in {"string_type", "string_unicode", "string_sub_type"}:
        return _("Enter text.")
    if kind == "greater_than_equal":
        return _("Enter a value greater than or equal to %(limit)s.") % {"limit": ctx.get("ge")}
    if kind == "greater_than":
        return _("Enter a value greater than %(limit)s.") % {"limit": ctx.get("gt")}
    if kind == "less_than_equal":
        return _("Enter a value less than or equal to %(limit)s.") % {"limit": ctx.get("le")}
    if kind == "less_than":
        return _("Enter a value less than %(limit)s.") % {"limit": ctx.get("lt")}
    text = kind.startswith("string_") or error.get("text_input", False)
    if kind in {"string_too_short", "too_short"} and text:
        if ctx.get("min_length") == 1:
            return _("This field cannot be empty.")
        return _("Enter at least %(count)s characters.") % {"count": ctx.get("min_length")}
    if kind in {"string_too_long", "too_long"} and text:
        return _("Enter at most %(count)s characters.") % {"count": ctx.get("max_length")}
    if kind == "too_short":
        return _("Give at least %(count)s items.") % {"count": ctx.get("min_length")}
    if kind == "too_long":
        return _("Give at most %(count)s items.") % {"count": ctx.get("max_length")}
    if kind in {"enum", "literal_error"}:
        return _("Choose one of: %(choices)s.") % {"choices": ctx.get("expected", "")}
    if kind == "extra_forbidden":
        return _("This field is not accepted here.")
    if kind in {"list_type", "tuple_type", "set_type"}:
        return _("Enter a list.")
    if kind in {"dict_type", "model_type", "model_attributes_type", "dataclass_type"}:
        return _("Send a JSON object.")
    if kind == "json_invalid":
        return _("The request body is not valid JSON.")
    return _("This value is not valid.")

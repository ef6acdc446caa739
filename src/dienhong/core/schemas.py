"""Building blocks every app's API router shares: identifiers, safe text, dates, pages, problems.

They live in ``core`` because routers sit in their own app (``org/api.py``, ``work/api.py`` ...)
and may only import downwards. The API app (``dienhong.api``) turns exceptions into
``application/problem+json`` responses shaped like ``Problem`` below.

OpenAPI descriptions here are plain English on purpose: the schema is checked into the
repository and must not change with the request's language.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from typing import Annotated, Any, TypeVar

from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import AfterValidator, BeforeValidator, ConfigDict, StringConstraints, TypeAdapter
from pydantic import ValidationError as PydanticValidationError

from dienhong.core.errors import DomainError

MAX_ID = 2**63 - 1  # BIGINT on PostgreSQL and SQLite; larger ids would overflow the driver
MAX_LIMIT = 200
DEFAULT_LIMIT = 50
MAX_OFFSET = 1_000_000_000
EARLIEST = date(1900, 1, 1)
LATEST = date(2199, 12, 31)

_ALLOWED_CONTROLS = {"\t", "\n", "\r"}


def _clean_text(value: str) -> str:
    """Refuse text the databases cannot store (NUL, lone surrogates) and other control codes."""
    for char in value:
        if char in _ALLOWED_CONTROLS:
            continue
        if unicodedata.category(char) in {"Cc", "Cs"}:
            raise ValueError(_("Remove control characters from this text."))
    return value


def _check_year(value: date) -> date:
    day = value.date() if isinstance(value, datetime) else value
    if not EARLIEST <= day <= LATEST:
        raise ValueError(
            _("Enter a date between %(start)s and %(end)s.")
            % {"start": EARLIEST.isoformat(), "end": LATEST.isoformat()}
        )
    return value


Id = Annotated[int, Field(ge=1, le=MAX_ID)]
"""A primary key in a path, query or body."""

Day = Annotated[date, AfterValidator(_check_year)]
"""A calendar date (YYYY-MM-DD) between 1900 and 2199."""

Moment = Annotated[datetime, AfterValidator(_check_year)]
"""A date and time (ISO 8601); without an offset it is read in the Office's time zone."""


_DAY: TypeAdapter[date] = TypeAdapter(date)
_MOMENT: TypeAdapter[datetime] = TypeAdapter(datetime)


def _day_or_moment(value: Any) -> Any:
    """``2026-01-31`` is a whole day; anything longer is a moment (``2026-01-31T08:00``)."""
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        value = value.strip()
        try:
            return (_DAY if len(value) <= 10 else _MOMENT).validate_python(value)
        except PydanticValidationError:
            pass
    raise ValueError(_("Enter a date (YYYY-MM-DD) or a date and time (ISO 8601)."))


DayOrMoment = Annotated[
    date | datetime, BeforeValidator(_day_or_moment), AfterValidator(_check_year)
]
"""A whole day (``2026-01-31``) or a moment (``2026-01-31T08:00:00+07:00``)."""


Text = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_clean_text)]
"""Text free of control characters, trimmed; give limits with ``Field(max_length=…)``."""

SearchText = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=200), AfterValidator(_clean_text)
]
"""Free text for ``q`` filters: matched with or without Vietnamese diacritics."""


class InputSchema(Schema):
    """Request bodies refuse unknown fields, so a typo is an error rather than silently ignored."""

    model_config = ConfigDict(extra="forbid")


class PageParams(Schema):
    limit: int = Field(
        DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Items per page (at most 200)."
    )
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Items to skip.")


class FieldProblem(Schema):
    field: str | None = Field(
        None, description="The input field, e.g. `valid_from` or `parts.1.code`."
    )
    message: str = Field(description="What is wrong, in the request's language.")
    code: str = Field("", description="A stable machine-readable code.")


class Problem(Schema):
    """An error (RFC 9457 ``application/problem+json``); messages in the request's language."""

    type: str = Field("about:blank", description="A URI identifying the problem type.")
    title: str = Field(description="A short summary of the problem type.")
    status: int = Field(description="The HTTP status code.")
    detail: str = Field(description="What went wrong in this occurrence.")
    instance: str = Field(description="The request path.")
    code: str = Field("", description="A stable machine-readable code.")
    request_id: str = Field("", description="Quote it when reporting a problem.")
    errors: list[FieldProblem] = Field(
        default_factory=list, description="One entry per invalid field."
    )


M = TypeVar("M", bound=Model)


def paginate(queryset: QuerySet[M], page: PageParams) -> dict[str, Any]:
    """One page of ``queryset``: ``{count, limit, offset, items}`` in two queries."""
    count = queryset.count()
    items: Sequence[M] = list(queryset[page.offset : page.offset + page.limit]) if count else []
    return {"count": count, "limit": page.limit, "offset": page.offset, "items": items}


@contextmanager
def api_field_names(mapping: Mapping[str, str]) -> Iterator[None]:
    """Report a service's field name under the name the API uses (``parent`` → ``parent_id``)."""
    try:
        yield
    except DomainError as error:
        if error.field is not None and error.field in mapping:
            error.field = mapping[error.field]
        raise

"""Per-request metadata (request id, client address) for logs and the audit log."""

from __future__ import annotations

import contextvars
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestMeta:
    request_id: str = ""
    ip: str | None = None


_current: contextvars.ContextVar[RequestMeta] = contextvars.ContextVar(
    "dienhong_request_meta",
    default=RequestMeta(),  # noqa: B039 - frozen dataclass
)


def current_request_meta() -> RequestMeta:
    return _current.get()


def set_request_meta(meta: RequestMeta) -> contextvars.Token[RequestMeta]:
    return _current.set(meta)


def reset_request_meta(token: contextvars.Token[RequestMeta]) -> None:
    _current.reset(token)

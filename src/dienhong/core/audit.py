"""Record and verify the audit log: one call from every service write.

``record(actor, "unit.renamed", unit, changes={...})`` appends an event inside the caller's
transaction, so an event exists exactly when the write it describes was committed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

from dienhong.core.context import current_request_meta
from dienhong.core.models import AuditChainHead, AuditEvent


def _object_fields(obj: Any) -> tuple[str, str, str]:
    if obj is None:
        return "", "", ""
    if isinstance(obj, models.Model):
        return obj._meta.label_lower, str(obj.pk), str(obj)[:300]
    return type(obj).__name__.lower(), "", str(obj)[:300]


def record(
    actor: Any,
    action: str,
    obj: Any = None,
    *,
    changes: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the hash chain; call inside the service's transaction."""
    object_type, object_id, object_repr = _object_fields(obj)
    meta = current_request_meta()
    with transaction.atomic():
        # The UPDATE takes the write lock first (row lock on PostgreSQL, database lock on
        # SQLite), so concurrent writers queue here instead of forking the chain.
        updated = AuditChainHead.objects.filter(pk=1).update(seq=F("seq") + 1)
        if not updated:
            AuditChainHead.objects.create(pk=1, seq=1, last_hash="")
        head = AuditChainHead.objects.get(pk=1)
        actor_id = getattr(actor, "pk", None) if actor is not None else None
        event = AuditEvent(
            seq=head.seq,
            at=timezone.now(),
            actor_id=actor_id
            if actor_id is not None and getattr(actor, "is_authenticated", False)
            else None,
            actor_label=_actor_label(actor),
            action=action,
            object_type=object_type,
            object_id=object_id,
            object_repr=object_repr,
            changes=_jsonable(changes or {}),
            request_id=meta.request_id,
            ip=meta.ip,
            prev_hash=head.last_hash,
        )
        event.hash = event.compute_hash()
        event.save()
        AuditChainHead.objects.filter(pk=1).update(last_hash=event.hash)
    return event


def _actor_label(actor: Any) -> str:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return "system" if actor is None else "anonymous"
    return str(getattr(actor, "username", actor))[:200]


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, models.Model):
        return str(value)
    return str(value)


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    problem: str


def verify_chain(*, batch_size: int = 2000) -> Iterator[ChainProblem]:
    """Yield every break in the chain: edited events, deleted or reordered ones."""
    prev_hash = ""
    expected_seq = 1
    queryset = AuditEvent.objects.order_by("seq")
    last_seq = 0
    for event in queryset.iterator(chunk_size=batch_size):
        if event.seq != expected_seq:
            yield ChainProblem(event.seq, f"missing events {expected_seq}..{event.seq - 1}")
        if event.prev_hash != prev_hash:
            yield ChainProblem(event.seq, "previous hash does not match the event before")
        if event.compute_hash() != event.hash:
            yield ChainProblem(event.seq, "content changed after it was recorded")
        prev_hash = event.hash
        expected_seq = event.seq + 1
        last_seq = event.seq
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and (head.seq != last_seq or head.last_hash != prev_hash):
        yield ChainProblem(head.seq, "newest events were removed (chain head is ahead)")

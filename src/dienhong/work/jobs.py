"""Background jobs of the work module: thin wrappers over services, enqueued on commit."""

from __future__ import annotations

from typing import Any

from django.core.mail import send_mail

from dienhong.core.jobs import job


@job()
def send_email(to: str, subject: str, body: str) -> int:
    """One notification e-mail (assignment, decision...)."""
    return send_mail(subject, body, None, [to])


@job()
def run_reminders(on: str | None = None, force: bool = False) -> dict[str, Any]:
    """The daily digest and escalation run (see ``dienhong.work.reminders``)."""
    from datetime import date

    from dienhong.work import reminders

    return reminders.run(on=date.fromisoformat(on) if on else None, force=force)

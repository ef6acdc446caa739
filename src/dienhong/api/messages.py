"""Messages of API code that lives outside this app, marked here for this app's catalog.

Routers live in their own app (``org/api.py``, ``accounts/api.py``) and the shared API types
in ``core/schemas.py``; their messages are translated in ``dienhong/api/locale`` so the API's
wording is reviewed in one place. Django merges every app's catalog at run time, so the
``gettext`` calls there find these translations. Keep this list in step with those files
(``tests/api/test_messages.py`` checks it).
"""

from __future__ import annotations

from django.utils.translation import gettext_noop as _

MESSAGES = [
    # core/schemas.py
    _("Remove control characters from this text."),
    _("Enter a date between %(start)s and %(end)s."),
    _("Enter a date (YYYY-MM-DD) or a date and time (ISO 8601)."),
    # org/api.py
    _("No unit with id %(id)s."),
    _("No person with id %(id)s."),
    _("No position with id %(id)s."),
    _("Give the unit and the position together."),
    # accounts/api.py
    _("Create API tokens from a logged-in browser session, not with another token."),
    _("You have no API token with id %(id)s."),
]

"""Every message of the API code is in the API's Vietnamese catalog, translated."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.utils import translation

SRC = Path(__file__).resolve().parents[2] / "src" / "dienhong"
OUTSIDE = [SRC / "org" / "api.py", SRC / "accounts" / "api.py", SRC / "core" / "schemas.py"]
INSIDE = sorted((SRC / "api").glob("*.py"))
CALL = re.compile(r'\b_\(\s*((?:"[^"]*"\s*)+)', re.S)


def _messages(path: Path) -> list[str]:
    return [
        "".join(re.findall(r'"([^"]*)"', match))
        for match in CALL.findall(path.read_text(encoding="utf-8"))
    ]


def test_messages_of_routers_elsewhere_are_listed_for_the_catalog():
    from dienhong.api.messages import MESSAGES

    used = {message for path in OUTSIDE for message in _messages(path)}
    assert used == set(MESSAGES)


@pytest.mark.parametrize("path", OUTSIDE + INSIDE, ids=lambda path: path.name)
def test_every_message_has_a_vietnamese_translation(path):
    with translation.override("vi"):
        for message in _messages(path):
            assert translation.gettext(message) != message or message in {
                "API",
                "%(field)s: %(message)s",
            }, message

"""The language switch: Vietnamese by default, English on request, remembered."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from dienhong.accounts.models import User

pytestmark = pytest.mark.django_db


def switch(client, language, next_url="/"):
    return client.post(reverse("site:set_language"), {"language": language, "next": next_url})


def test_pages_are_in_vietnamese_by_default(client_for, staff_member):
    html = client_for(staff_member).get(reverse("org:directory")).content.decode()
    assert '<html lang="vi">' in html and "<h1>Danh bạ</h1>" in html


def test_switching_to_english_translates_the_pages_and_is_remembered(client_for, staff_member):
    client = client_for(staff_member)
    response = switch(client, "en", "/org/")
    assert response.status_code == 302 and response["Location"] == "/org/"
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en"
    assert int(cookie["max-age"]) == 365 * 24 * 3600
    html = client.get(reverse("org:directory")).content.decode()
    assert '<html lang="en">' in html and "<h1>Directory</h1>" in html
    assert User.objects.get(pk=staff_member.pk).preferred_language == "en"


def test_switching_back_to_vietnamese(client_for, staff_member):
    client = client_for(staff_member)
    switch(client, "en")
    switch(client, "vi")
    assert "<h1>Danh bạ</h1>" in client.get(reverse("org:directory")).content.decode()
    assert User.objects.get(pk=staff_member.pk).preferred_language == "vi"


def test_the_switch_works_before_login(client):
    response = switch(client, "en", reverse("accounts:login"))
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert (
        '<label for="id_username">Username</label>'
        in client.get(reverse("accounts:login")).content.decode()
    )


def test_an_unknown_language_changes_nothing(client_for, staff_member):
    response = switch(client_for(staff_member), "xx")
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert User.objects.get(pk=staff_member.pk).preferred_language == "vi"


def test_the_switch_needs_post(client):
    assert client.get(reverse("site:set_language")).status_code == 405


@pytest.mark.parametrize(
    "name",
    [
        "site:home",
        "org:directory",
        "org:people",
        "org:deputies",
        "org:delegations",
        "accounts:tokens",
    ],
)
def test_pages_have_no_untranslated_english_in_vietnamese(client_for, staff_member, name):
    html = client_for(staff_member).get(reverse(name)).content.decode()
    for english in [
        "Search",
        "Directory",
        "People",
        "Units",
        "Name",
        "Sign out",
        "Skip to content",
        "Previous",
    ]:
        assert f">{english}<" not in html, (name, english)


@pytest.mark.parametrize(
    "name",
    [
        "org:manage",
        "org:manage_units",
        "org:manage_people",
        "org:manage_positions",
        "org:manage_roles",
        "org:unit_create",
        "org:person_create",
    ],
)
def test_administration_pages_are_translated_both_ways(client_for, org_admin, name):
    client = client_for(org_admin)
    vi = client.get(reverse(name)).content.decode()
    assert ">Quản trị<" in vi
    switch(client, "en")
    en = client.get(reverse(name)).content.decode()
    assert ">Administration<" in en


def test_no_message_means_two_things_across_the_apps_catalogs():
    """Django merges every app's catalog and the first app listed wins a message: one that two
    apps translate differently shows one app's meaning in the other's pages (the work list's
    "Open" tasks were "Lập hồ sơ", a dossier's title "Tên chức vụ"). Such messages take a
    context (``pgettext``, ``{% translate … context … %}``) or one wording."""
    import gettext
    from pathlib import Path

    import dienhong

    seen: dict[str, dict[str, str]] = {}
    for mo in sorted(Path(dienhong.__file__).parent.glob("*/locale/vi/LC_MESSAGES/django.mo")):
        with mo.open("rb") as handle:
            catalog = gettext.GNUTranslations(handle)._catalog
        for message, translated in catalog.items():
            if message:
                seen.setdefault(str(message), {})[mo.parents[3].name] = str(translated)
    clashes = {m: apps for m, apps in seen.items() if len(set(apps.values())) > 1}
    assert not clashes


def test_a_contextual_message_keeps_its_own_meaning():
    from django.utils import translation
    from django.utils.translation import gettext, pgettext

    with translation.override("vi"):
        assert gettext("Open") == "Đang thực hiện"
        assert pgettext("dossier", "Open") == "Lập hồ sơ"
        assert pgettext("dossier", "Title") == "Tiêu đề hồ sơ"
        assert pgettext("of a position", "Title") == "Tên chức vụ"
        assert pgettext("date of issue", "Date") == "Ngày ban hành"
        assert pgettext("of a sitting", "Documents") == "Tài liệu"

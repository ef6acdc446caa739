"""Drive the pages in Debian's Chromium: log in, switch language, search the directory.

Saves the README's screenshots under ``docs/screenshots/``.
"""

from __future__ import annotations

from typing import Any

import pytest
from django_otp.oath import TOTP

from dienhong.core.text import fold
from dienhong.org.demo import DEMO_PASSWORD, DEMO_TOTP_KEY
from dienhong.org.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

DESKTOP = {"width": 1280, "height": 860}
PHONE = {"width": 375, "height": 740}


def log_in(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    if "/accounts/2fa/" in page.url:
        code = TOTP(bytes.fromhex(DEMO_TOTP_KEY)).token()
        page.fill("#id_token", f"{code:06d}")
        page.click("main form button[type=submit]")
        page.wait_for_load_state()


def test_log_in_switch_language_and_search_the_directory(
    live_server, browser_settings, browser, screenshot
):
    base = live_server.url
    context = browser.new_context(viewport=DESKTOP, locale="vi-VN")
    page = context.new_page()

    page.goto(f"{base}/accounts/login/")
    assert page.locator("h1").inner_text() == "Đăng nhập"
    assert page.evaluate("document.activeElement.id") == "id_username"
    screenshot(page, "login")

    log_in(page, base, "tongthuky")
    assert page.url == f"{base}/"
    assert page.locator("h1").inner_text().startswith("Xin chào")
    assert "Văn phòng Quốc hội" in page.locator("#posts-h + ul").inner_text()
    screenshot(page, "home")
    page.keyboard.press("Tab")  # keyboard users first meet the skip link, and it shows
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"

    page.click("button.lang-button[value=en]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text().startswith("Welcome")
    assert page.locator("nav.modnav").inner_text().split("\n")[:2] == ["Home", "Directory"]
    page.click("button.lang-button[value=vi]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator("h1").inner_text().startswith("Xin chào")

    page.click("nav.modnav >> text=Danh bạ")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Danh bạ"
    assert page.locator("ul.tree a", has_text="Văn phòng Đoàn ĐBQH và HĐND").count() >= 34
    screenshot(page, "directory")

    page.fill("#id_q", "nguyen duc")  # no diacritics; htmx searches as one types
    page.wait_for_selector("#people-results mark")
    first = page.locator("#people-results tbody th a").first.inner_text()
    assert first.startswith("Nguyễn Đức")
    assert "q=nguyen%20duc" in page.url  # the search is in the address, to share or reload
    screenshot(page, "search-results")

    page.goto(f"{base}/org/?as_of=2025-06-30")
    assert page.locator("ul.tree a", has_text="Văn phòng Đoàn ĐBQH và HĐND").count() >= 63

    page.click("ul.tree a >> text=Vụ Hành chính")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Vụ Hành chính"
    screenshot(page, "unit")

    phone = browser.new_context(
        viewport=PHONE, locale="vi-VN", storage_state=context.storage_state()
    )
    phone_page = phone.new_page()
    phone_page.goto(f"{base}/org/")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "the directory scrolls sideways on a phone"
    screenshot(phone_page, "directory-phone", full_page=False)
    phone.close()
    context.close()

    auditor = browser.new_context(viewport=DESKTOP, locale="vi-VN")
    audit_page = auditor.new_page()
    log_in(audit_page, base, "kiemtoan")
    audit_page.goto(f"{base}/audit/?action=unit.merged")
    assert audit_page.locator("h1").inner_text() == "Nhật ký hệ thống"
    assert audit_page.locator("table.audit > tbody > tr").count() > 0
    screenshot(audit_page, "audit-log", full_page=False)
    auditor.close()

    admin = browser.new_context(viewport=DESKTOP, locale="vi-VN")
    admin_page = admin.new_page()
    log_in(admin_page, base, "quantri")
    clerk = Person.objects.get(user__username="vanthu")
    admin_page.goto(f"{base}/org/manage/people/")
    assert admin_page.locator("h1").inner_text() == "Quản trị"
    admin_page.fill("#f-q", fold(clerk.full_name))
    admin_page.click("main form[role=search] button")
    admin_page.wait_for_load_state()
    admin_page.locator("table tbody th a").first.click()
    admin_page.wait_for_load_state()
    assert admin_page.locator("#posts-h").is_visible()
    screenshot(admin_page, "admin")
    admin.close()

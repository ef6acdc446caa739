"""In a real browser (Debian chromium through Playwright), against pytest-django's live server
over the shared demo world: build a programme, publish it, change it, publish again and see the
difference; watch the readiness board update while a delegation office checks in.

Saves the README screenshots: sittings-programme.png, sittings-diff.png, readiness-board.png.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from dienhong.sittings.models import ConnectionPoint, Session

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PASSWORD = "DienHong@2026"  # the demo logins' password


def _login(browser: Any, base: str, username: str) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(30000)
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_url(re.compile(r"^(?!.*/accounts/login/).*$"))
    return page


def _submit(page: Any) -> None:
    """The page's main form (the words on shared buttons belong to other catalogs)."""
    page.locator("main form.card").first.locator("button[type=submit]").click()


def _add_item(page: Any, title: str, minutes: int, position: str = "") -> None:
    page.get_by_role("link", name="+ Thêm nội dung").first.click()
    page.fill("#id_title", title)
    page.fill("#id_duration", str(minutes))
    if position:
        page.fill("#id_presenter_position", position)
    _submit(page)


def test_publish_a_changed_programme_and_watch_the_readiness_board(
    live_server, browser_settings, browser, screenshots
):
    """One test, one live server: pytest-django makes live-server tests transactional."""
    base = live_server.url
    page = _login(browser, base, "tongthuky")

    # plan an event, with one sitting and three items
    day = timezone.localdate() + timedelta(days=60)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    page.goto(f"{base}/sittings/new/")
    page.select_option("#id_kind", "event")
    page.select_option("#id_event_type", "conference")
    page.fill("#id_title", "Hội nghị kiểm thử trình duyệt")
    page.fill("#id_start", day.isoformat())
    page.fill("#id_end", day.isoformat())
    _submit(page)
    page.get_by_role("link", name="Thêm phiên họp").first.click()
    page.select_option("#id_hall", index=0)
    page.fill("#id_place", "Phòng họp kiểm thử")
    _submit(page)
    _add_item(page, "Báo cáo tình hình chuẩn bị", 30, "Vụ trưởng Vụ Tổng hợp")
    _add_item(page, "Thảo luận về kế hoạch", 20)
    _add_item(page, "Kết luận hội nghị", 20, "Tổng Thư ký Quốc hội")
    page.fill("#id_reason", "Chương trình hội nghị")
    page.get_by_role("button", name=re.compile("Công bố phiên bản 1")).click()
    session = Session.objects.get(title="Hội nghị kiểm thử trình duyệt")
    assert session.published_number == 1 or page.get_by_text("Phiên bản 1").count()

    # change it: move the report down, lengthen the conclusion, add a vote
    page.goto(f"{base}/sittings/{session.pk}/")
    page.get_by_role("button", name="Chuyển xuống").first.click()
    page.locator("table.items-table a[href*='/item/']").last.click()
    page.fill("#id_duration", "40")
    _submit(page)
    _add_item(page, "Biểu quyết thông qua kế hoạch", 10, "Tổng Thư ký Quốc hội")
    page.fill("#id_reason", "Đổi thứ tự, kéo dài phần kết luận, bổ sung biểu quyết")
    page.get_by_role("button", name=re.compile("Công bố phiên bản 2")).click()

    # publishing leads to the difference between version 1 and version 2
    page.wait_for_url(re.compile(r"compare/\?a=1&b=2"))
    table = page.locator("table.diff-table")
    assert table.locator(".chg-moved").count() >= 1
    assert table.locator(".chg-retimed").count() >= 1
    assert table.locator(".chg-added").count() == 1
    assert "Biểu quyết thông qua kế hoạch" in table.inner_text()
    page.screenshot(path=str(screenshots / "sittings-diff.png"), full_page=True)

    # the demo session's programme as an editor sees it
    demo = Session.objects.get(kind="session", number=10)
    page.goto(f"{base}/sittings/{demo.pk}/")
    assert page.locator("article.sitting").count() == demo.sittings.count()
    page.screenshot(path=str(screenshots / "sittings-programme.png"), full_page=False)

    # an online sitting: the board updates itself while the provinces check in
    _readiness_board_updates_while_points_check_in(base, browser, screenshots)


def _readiness_board_updates_while_points_check_in(
    base: str, browser: Any, screenshots: Path
) -> None:
    point = (
        ConnectionPoint.objects.filter(unit__code="VPDD-01", sitting__session__is_demo=True)
        .select_related("sitting")
        .order_by("-sitting__date")
        .first()
    )
    sitting = point.sitting
    moment = timezone.make_aware(datetime.combine(sitting.date, sitting.start_time)) - timedelta(
        minutes=20
    )
    with time_machine.travel(moment, tick=True):
        board = _login(browser, base, "tongthuky")
        board.goto(f"{base}/sittings/sitting/{sitting.pk}/readiness/")
        assert board.locator("tr.pt-late").count() >= 1  # not ready at T-30
        assert board.locator("tr.pt-ready").count() >= 1
        row = board.locator("tr", has_text="Điểm cầu Hà Nội")
        # the Hà Nội office reports a picture problem from its own screen
        clerk = _login(browser, base, "vanphong.hanoi")
        clerk.goto(f"{base}/sittings/point/{point.pk}/check-in/")
        clerk.uncheck("#id_picture_ok")
        clerk.fill("#id_note", "Mất tín hiệu hình")
        clerk.get_by_role("button", name="Gửi báo cáo").click()
        # the board refreshes itself (htmx polling) and flags the point
        board.wait_for_selector("tr.pt-late:has-text('Điểm cầu Hà Nội')", timeout=20000)
        assert "Mất tín hiệu hình" in row.inner_text()
        board.screenshot(path=str(screenshots / "readiness-board.png"), full_page=True)

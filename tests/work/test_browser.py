"""Assign → update → submit → approve in a real browser, in Vietnamese; saves the dashboard
screenshot used by the README (docs/screenshots/work-dashboard.png).

The browser talks to a development server started in a subprocess on its own SQLite file with
the demo world, so this test never shares (or flushes) the suite's database.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "DienHong@2026"  # the demo password printed by `dienhong demo`

SHIM = """from dienhong.settings import *  # noqa: F403
STATICFILES_DIRS = [BASE_DIR / "static"]  # noqa: F405
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not Path(CHROMIUM).exists():  # pragma: no cover - the project's setup installs it
        pytest.fail("Debian chromium is missing: run scripts/system-deps.sh")
    home = tmp_path_factory.mktemp("browser")
    (home / "browser_settings.py").write_text(SHIM)
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{home / 'db.sqlite3'}",
        "DIENHONG_VAR_DIR": str(home),
        "DJANGO_SETTINGS_MODULE": "browser_settings",
        "PYTHONPATH": f"{home}{os.pathsep}{ROOT / 'src'}",
        "DIENHONG_JOBS": "immediate",
        "DIENHONG_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    manage = [sys.executable, "-m", "django"]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=home)
    subprocess.run([*manage, "demo"], env=env, check=True, cwd=home, stdout=subprocess.DEVNULL)
    port = _free_port()
    process = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload", "--insecure"],
        env=env,
        cwd=home,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.3)
    import sqlite3

    with sqlite3.connect(home / "db.sqlite3") as db:
        (staff_name,) = db.execute(
            "SELECT p.full_name FROM org_person p JOIN accounts_user u ON p.user_id = u.id WHERE u.username = ?",  # noqa: E501
            ("chuyenvien.tonghop",),
        ).fetchone()
    yield {"url": f"http://127.0.0.1:{port}", "staff_name": staff_name}
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def login(browser, server, username):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page.goto(f"{server['url']}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.press("input[name=password]", "Enter")
    page.wait_for_load_state()
    return page


def choose(page, selector, text):
    """Select the option whose label ends with ``text`` (unit options are indented with dashes)."""
    value = page.evaluate(
        "([sel, text]) => [...document.querySelector(sel).options].find(o => o.textContent.trim().endsWith(text)).value",  # noqa: E501
        [selector, text],
    )
    page.select_option(selector, value=value)


def test_assign_update_submit_approve_in_vietnamese(server, browser):
    base = server["url"]
    title = "Chuẩn bị đề cương báo cáo tổng kết nhiệm kỳ"
    head = login(browser, server, "vutruong.tonghop")
    head.goto(f"{base}/work/tasks/new/")
    head.select_option("#id_directive", index=1)
    head.fill("#id_title", title)
    head.fill("#id_description", "Đề cương báo cáo tổng kết công tác nhiệm kỳ khóa XV")
    choose(head, "#id_lead_unit", "Vụ Tổng hợp")
    head.wait_for_function(
        "() => document.querySelectorAll('#id_owner option').length < 30"
    )  # htmx
    choose(head, "#id_owner", server["staff_name"])
    head.fill("#id_due", "2031-03-20")
    head.fill("#id_expected_result", "Đề cương trình Tổng Thư ký")
    head.select_option("#id_acceptor", index=1)
    head.click("button[name=assign]")
    head.wait_for_load_state()
    assert "Đã giao nhiệm vụ." in head.content()
    task_url = head.url
    assert "Đã giao" in head.inner_text(".work-head")

    owner_page = login(browser, server, "chuyenvien.tonghop")
    owner_page.goto(task_url)
    owner_page.click("text=Tiếp nhận nhiệm vụ")
    owner_page.wait_for_load_state()
    assert "Đã tiếp nhận nhiệm vụ." in owner_page.content()
    owner_page.fill("#id_percent", "60")
    owner_page.fill("#id_comment", "Đã xây dựng khung đề cương, gửi các vụ góp ý.")
    owner_page.click("text=Ghi nhận tiến độ")
    owner_page.wait_for_load_state()
    assert "Đã ghi nhận tiến độ." in owner_page.content()
    owner_page.click("summary:has-text('Nộp kết quả')")
    owner_page.fill("#id_result", "Đề cương hoàn chỉnh đã tiếp thu ý kiến các vụ.")
    owner_page.click("text=Trình nghiệm thu")
    owner_page.wait_for_load_state()
    assert "Chờ nghiệm thu" in owner_page.inner_text(".work-head")

    head.goto(task_url)
    head.click("button:has-text('Nghiệm thu kết quả')")
    head.wait_for_load_state()
    assert "Đã nghiệm thu; nhiệm vụ hoàn thành." in head.content()
    assert "Hoàn thành đúng hạn" in head.inner_text(".work-head")
    assert "Diễn biến" in head.content()


def test_dashboard_screenshot_for_the_readme(server, browser):
    page = login(browser, server, "tongthuky")
    page.goto(f"{server['url']}/work/")
    assert "Văn phòng Quốc hội" in page.content()
    assert page.locator("svg.trend-chart rect").count() > 10
    target = ROOT / "docs" / "screenshots"
    target.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target / "work-dashboard.png"), full_page=True)
    assert (target / "work-dashboard.png").stat().st_size > 10_000

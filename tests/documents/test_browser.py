"""Upload a scan, wait for OCR, find it by a word typed without diacritics, open it — in a real
browser. Saves docs/screenshots/documents-search.png and document-page.png.

The browser talks to a development server started in a subprocess on its own SQLite file with
the demo world and the immediate job backend (OCR runs inside the upload request), so this test
never shares or flushes the suite's database.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.documents.conftest import scan_png

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHIM = """from dienhong.settings import *  # noqa: F403
STATICFILES_DIRS = [BASE_DIR / "static"]  # noqa: F405
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    pytest.importorskip("dienhong.search.engine")
    home = tmp_path_factory.mktemp("documents-browser")
    (home / "browser_settings.py").write_text(SHIM)
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{home / 'db.sqlite3'}",
        "DIENHONG_VAR_DIR": str(home),
        "DJANGO_SETTINGS_MODULE": "browser_settings",
        "PYTHONPATH": f"{home}{os.pathsep}{ROOT / 'src'}",
        "DIENHONG_JOBS": "immediate",
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
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


def test_upload_a_scan_find_it_without_diacritics_and_open_it(server, tmp_path):
    from playwright.sync_api import sync_playwright

    scan = tmp_path / "giay-moi-quet.png"
    scan.write_bytes(
        scan_png(
            [
                "VĂN PHÒNG QUỐC HỘI",
                "Số: 88/VPQH-HC",
                "Hà Nội, ngày 10 tháng 12 năm 2015",
                "V/v chuẩn bị phòng họp cho đại biểu",
            ]
        )
    )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN")
        page.goto(f"{server}/accounts/login/")
        page.fill("input[name=username]", "vanthu")
        page.fill("input[name=password]", "DienHong@2026")
        page.press("input[name=password]", "Enter")
        page.wait_for_load_state()
        page.goto(f"{server}/documents/upload/")
        page.set_input_files("#id_files", str(scan))
        page.click(
            'form[enctype="multipart/form-data"] button[type=submit]'
        )  # OCR runs during this request (immediate jobs)
        page.wait_for_selector("text=giay-moi-quet.png", timeout=120_000)
        page.goto(f"{server}/documents/?q=phong+hop+dai+bieu")
        result = page.locator(".doc-item a").first
        result.wait_for(timeout=30_000)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "documents-search.png"), full_page=True)
        result.click()
        page.wait_for_selector(".doc-preview img")
        assert "88/VPQH-HC" in page.content()
        page.screenshot(path=str(SCREENSHOTS / "document-page.png"), full_page=True)
        browser.close()

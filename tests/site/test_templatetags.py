"""Template helpers: Vietnamese dates and highlighting that ignores diacritics."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone, translation

from dienhong.site.templatetags.dh import highlight, lastday, longdate, shortdate, shortdatetime


def test_long_dates_read_as_in_official_documents():
    with translation.override("vi"):
        assert longdate(date(2026, 11, 24)) == "ngày 24 tháng 11 năm 2026"
    with translation.override("en"):
        assert longdate(date(2026, 11, 24)) == "24 November 2026"
    assert longdate(None) == ""


def test_short_dates_are_day_first():
    assert shortdate(date(2025, 7, 1)) == "01/07/2025"
    moment = timezone.make_aware(datetime(2025, 7, 1, 8, 5, 9))
    assert shortdatetime(moment) == "08:05:09 01/07/2025"
    assert shortdatetime(date(2025, 7, 1)) == "01/07/2025"


def test_lastday_turns_an_exclusive_end_into_the_last_day():
    assert lastday(date(2025, 7, 1)) == date(2025, 6, 30)
    assert lastday(None) is None


def test_highlight_ignores_case_and_diacritics():
    assert highlight("Nguyễn Đức Bình", "nguyen duc") == "<mark>Nguyễn</mark> <mark>Đức</mark> Bình"
    assert highlight("Đặng Thu", "ĐẶNG") == "<mark>Đặng</mark> Thu"


def test_highlight_escapes_html():
    assert highlight("<b>Lê</b>", "le") == "&lt;b&gt;<mark>Lê</mark>&lt;/b&gt;"
    assert highlight("<i>", "") == "&lt;i&gt;"

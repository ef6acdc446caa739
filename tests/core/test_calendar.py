"""The working-day calendar: Tết, swaps, Culture Day, deadlines on holidays, provisional years."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from dienhong.core import calendar
from dienhong.core.models import CalendarDay, CalendarYear

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    calendar.clear_cache()
    yield
    calendar.clear_cache()


def test_tet_2026_is_skipped():
    assert calendar.add_working_days(date(2026, 2, 10), 10) == date(2026, 3, 3)


def test_counting_starts_the_day_after():
    assert calendar.add_working_days(date(2026, 3, 2), 1) == date(2026, 3, 3)
    assert calendar.add_working_days(date(2026, 3, 6), 1) == date(2026, 3, 9)  # Fri → Mon
    assert calendar.add_working_days(date(2026, 3, 6), 0) == date(2026, 3, 6)


def test_every_tet_day_is_off():
    for day in range(16, 21):
        assert not calendar.is_working_day(date(2026, 2, day))
    assert calendar.is_working_day(date(2026, 2, 13))
    assert calendar.is_working_day(date(2026, 2, 23))


def test_swap_new_year_2026():
    assert not calendar.is_working_day(date(2026, 1, 2))  # Friday off
    assert calendar.is_working_day(date(2026, 1, 10))  # Saturday worked
    assert not calendar.is_working_day(date(2026, 1, 11))  # Sunday stays a rest day
    # From Wed 31/12/2025: Thu 1/1 and Fri 2/1 off; Mon 5 .. Fri 9 = 5; Sat 10 = 6th.
    assert calendar.add_working_days(date(2025, 12, 31), 6) == date(2026, 1, 10)


def test_culture_day_2026():
    assert not calendar.is_working_day(date(2026, 11, 24))
    assert calendar.add_working_days(date(2026, 11, 23), 1) == date(2026, 11, 25)


def test_deadline_on_a_holiday_moves_to_next_working_day():
    assert calendar.next_working_day(date(2026, 4, 30)) == date(2026, 5, 4)
    assert calendar.next_working_day(date(2026, 4, 26)) == date(2026, 4, 28)  # Giỗ Tổ + nghỉ bù
    assert calendar.next_working_day(date(2026, 5, 4)) == date(2026, 5, 4)


def test_national_day_2026_swap():
    assert calendar.is_working_day(date(2026, 8, 22))
    for day in (date(2026, 8, 31), date(2026, 9, 1), date(2026, 9, 2)):
        assert not calendar.is_working_day(day)


def test_between_is_the_inverse_of_add():
    start = date(2025, 12, 1)
    for n in (0, 1, 5, 23, 40, 120, 400):
        end = calendar.add_working_days(start, n)
        assert calendar.working_days_between(start, end) == n
        assert calendar.working_days_between(end, start) == -n


def test_negative_counts_go_backwards():
    assert calendar.add_working_days(date(2026, 3, 3), -10) == date(2026, 2, 10)


def test_years_without_a_notice_get_provisional_lunar_defaults():
    off = {entry.date: entry for entry in calendar.days_off(2027)}
    assert date(2027, 2, 8) in off and off[date(2027, 2, 8)].provisional  # Tết Đinh Mùi (computed)
    assert not off[date(2027, 1, 1)].provisional  # statute row from the CSV
    assert not calendar.year_calendar(2027).announced
    assert calendar.year_calendar(2026).announced


def test_an_announced_list_overrides_the_defaults():
    # 2030 has no rows: defaults apply; once a notice is loaded, only its rows count.
    assert any(e.provisional for e in calendar.days_off(2030))
    CalendarYear.objects.create(year=2030, announced=True)
    CalendarDay.objects.create(date=date(2030, 1, 1), name="Tết Dương lịch", kind="holiday")
    assert [e.date for e in calendar.days_off(2030)] == [date(2030, 1, 1)]


def test_an_administrator_row_changes_the_arithmetic():
    assert calendar.is_working_day(date(2026, 11, 23))
    CalendarDay.objects.create(date=date(2026, 11, 23), name="Nghỉ hoán đổi", kind="bridge")
    assert not calendar.is_working_day(date(2026, 11, 23))


def run(*args):
    out = StringIO()
    call_command("calendar", *args, stdout=out)
    return out.getvalue().strip()


def test_cli_add_working_days():
    assert run("add-working-days", "2026-02-10", "10") == "2026-03-03"


def test_cli_between_and_check():
    assert run("between", "2026-02-10", "2026-03-03") == "10"
    assert run("is-working-day", "2026-01-10") == "yes"
    with pytest.raises(CommandError):
        run("is-working-day", "2026-01-02")


def test_cli_holidays_lists_days_off_and_worked_saturdays():
    text = run("holidays", "2026")
    assert "2026-02-17" in text and "2026-01-10" in text and "2026-11-24" in text
    assert "Saturdays worked" in text
    assert '"kind": "makeup_workday"' in run("holidays", "2026", "--json")


def test_cli_rejects_bad_dates():
    with pytest.raises(CommandError):
        run("add-working-days", "10/02/2026", "3")


def test_cli_imports_a_notice(tmp_path):
    notice = tmp_path / "2028.csv"
    notice.write_text(
        "date,name_vi,kind,source\n2028-01-24,Tết,holiday,TB 1/TB-BNV\n"
        "2028-01-29,Làm bù,makeup_workday,TB 1/TB-BNV\n",
        encoding="utf-8",
    )
    assert "2 calendar rows" in run("import", str(notice), "--announced", "--source", "TB 1/TB-BNV")
    assert calendar.is_working_day(date(2028, 1, 29))
    assert [e.date for e in calendar.days_off(2028)] == [date(2028, 1, 24)]
    bad = tmp_path / "bad.csv"
    bad.write_text("date,name_vi,kind,source\n2028-01-24,X,party,\n", encoding="utf-8")
    with pytest.raises(CommandError):
        run("import", str(bad))

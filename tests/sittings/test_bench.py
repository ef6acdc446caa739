"""The benchmark's building blocks on a small session (figures are not asserted)."""

from __future__ import annotations

from dienhong.sittings import bench


def test_the_benchmark_builds_changes_and_measures_a_session(leader, world):
    session = bench.build_programme(
        leader, world.units["VPQH-TH"], world.terms[16], days=2, items_per_sitting=3, number=77
    )
    assert session.sittings.count() == 4
    results = bench.measurements(leader, session, repeat=2, pdf=True)
    assert results["scripts"] == 4 and results["stale_scripts"] == 4
    assert results["changes"] == {"moved": 1, "retimed": 1, "removed": 1, "added": 1}
    assert results["diff_counts"]["moved"] == 1 and results["diff_counts"]["added"] == 1
    for key in ("diff", "programme_page", "draft_page", "compare_page", "readiness_rows"):
        assert results[key]["n"] >= 2
    assert results["scripts_pdf_all_s"] >= 0

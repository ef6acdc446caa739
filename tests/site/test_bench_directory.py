"""The directory benchmark's building blocks on the demo world (figures are not asserted)."""

from __future__ import annotations

from dienhong.site import bench


def test_the_benchmark_adds_people_and_measures_the_three_series(client_for, staff_member):
    from dienhong.org import selectors

    names = bench._add_people(30)
    assert len(names) == 30
    found = selectors.person_list(staff_member, q=names[0])
    assert names[0] in [p.full_name for p in found]
    results = bench.measurements(client_for(staff_member), names, repeat=2)
    for key in ("directory_page", "directory_search", "people_api_list"):
        assert results[key]["n"] == 2
        assert results[key]["p95_ms"] >= results[key]["p50_ms"] > 0
        assert results[key]["cpu_ms_mean"] >= 0

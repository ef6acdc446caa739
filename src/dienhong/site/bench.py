"""``dienhong bench directory``: directory page, directory search and the people API.

Builds the demo world plus ``people`` synthetic staff (bulk inserted: this measures reads,
not the write path) in a throw-away database of the configured engine.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable
from typing import Any

from django.db import connection
from django.test import Client

from dienhong.core.benchmark import measure, throwaway_database
from dienhong.core.text import fold


def _add_people(count: int) -> list[str]:
    from dienhong.org.demo import FAMILY, GIVEN_F, GIVEN_M, MIDDLE_F, MIDDLE_M
    from dienhong.org.models import DirectoryVersion, Membership, Person, Position, Unit

    rng = random.Random(20000)
    units = list(Unit.objects.filter(dissolved_on__isnull=True))
    positions = list(Position.objects.all())
    people = []
    for _ in range(count):
        female = rng.random() < 0.45
        name = " ".join(
            [
                rng.choice(FAMILY),
                rng.choice(MIDDLE_F if female else MIDDLE_M),
                rng.choice(GIVEN_F if female else GIVEN_M),
            ]
        )
        people.append(Person(full_name=name, name_folded=fold(name), is_demo=True))
    created = Person.objects.bulk_create(people, batch_size=2000)
    Membership.objects.bulk_create(
        [
            Membership(person=p, unit=rng.choice(units), position=rng.choice(positions))
            for p in created
        ],
        batch_size=2000,
    )
    DirectoryVersion.bump()  # bulk inserts send no signals
    return [p.full_name for p in created]


def _measure(fn: Callable[[int], Any], *, repeat: int) -> dict[str, float]:
    """Wall-clock percentiles plus the process CPU time per call (the machine may be shared)."""
    start = time.process_time()
    figures = measure(fn, repeat=repeat)
    figures["cpu_ms_mean"] = round((time.process_time() - start) * 1000 / (repeat + 3), 2)
    return figures


def measurements(client: Client, names: list[str], *, repeat: int) -> dict[str, Any]:
    """The three series with ``client`` (signed in): page, search, people API."""
    rng = random.Random(7)
    queries = [fold(" ".join(rng.choice(names).split()[::2])) for _ in range(50)]
    queries += [rng.choice(names) for _ in range(50)]

    def get(url: str) -> None:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    return {
        "directory_page": _measure(lambda i: get("/org/"), repeat=repeat),
        "directory_search": _measure(
            lambda i: get(f"/org/?q={queries[i % len(queries)]}"), repeat=repeat
        ),
        "people_api_list": _measure(
            lambda i: get(f"/api/v1/people?limit=50&offset={(i * 50) % 5000}"), repeat=repeat
        ),
    }


def run(*, people: int = 20000, repeat: int = 200) -> dict[str, Any]:
    from django.core.management import call_command

    from dienhong.accounts.models import User
    from dienhong.org.models import Person

    with throwaway_database(label="directory"):
        call_command("demo", verbosity=0)
        names = _add_people(people)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        client = Client()
        client.force_login(User.objects.get(username="chuyenvien.tonghop"))
        results = measurements(client, names, repeat=repeat)
        total = Person.objects.count()
        return {
            "benchmark": "directory",
            "backend": connection.vendor,
            "people": total,
            "load_average": [round(x, 2) for x in os.getloadavg()],
            **results,
        }

"""The ``dienhong`` console script: one name for every job (wraps manage.py).

dienhong run [ADDR]        migrate, then serve (development server)
dienhong demo              load the demo world
dienhong worker            run background jobs (database queue or RQ, per settings)
dienhong audit verify      check the audit log's hash chain
dienhong <any manage.py command>
"""

from __future__ import annotations

import os
import sys

# Friendly names for commands whose module names cannot hold a hyphen.
ALIASES = {
    "run": "dienhong_run",
    "search-eval": "search_eval",
    "metadata-eval": "metadata_eval",
}


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dienhong.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in ALIASES:
        args = [ALIASES[args[0]], *args[1:]]
    execute_from_command_line(["dienhong", *args])


if __name__ == "__main__":
    main()

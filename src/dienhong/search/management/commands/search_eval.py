"""``dienhong search-eval --corpus FILE --queries FILE``: retrieval quality as JSON."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from dienhong.search.evaluation import evaluate


class Command(BaseCommand):
    help = (
        "Index a JSONL corpus into a throw-away database of the configured engine, run the "
        "labelled queries and print nDCG@10, Recall@10, MRR@10 and latency per query kind."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--corpus", required=True, help="JSONL lines {id, title, text}")
        parser.add_argument("--queries", required=True, help="JSONL lines {query, relevant, kind}")
        parser.add_argument(
            "--no-rerank",
            action="store_true",
            help="BM25 alone: skip embedding the corpus and the semantic re-ranking stage",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        result = evaluate(options["corpus"], options["queries"], rerank=not options["no_rerank"])
        self.stdout.write(json.dumps(result, ensure_ascii=False))

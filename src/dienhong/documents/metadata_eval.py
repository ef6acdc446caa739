"""Precision and recall of the metadata suggestions per field on a labelled set.

The set is a folder of ``.txt`` files (the text a PDF or OCR gives) and ``labels.json``:
``[{"file", "number", "date", "type", "issuer", "subject", "signer"}, ...]``. A suggestion is
correct when it equals the label after normalization (case, diacritics, spacing); precision is
correct / suggested, recall is correct / labelled.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from dienhong.documents.metadata import FIELDS, normalize, suggest

DEFAULT_SET = Path("tests/documents/data/metadata_set")


def evaluate(folder: Path = DEFAULT_SET) -> dict[str, Any]:
    labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    counts = {field: {"suggested": 0, "correct": 0, "labelled": 0} for field in FIELDS}
    misses: list[dict[str, str]] = []
    for label in labels:
        found = suggest((folder / label["file"]).read_text(encoding="utf-8"))
        for field in FIELDS:
            truth = label.get(field) or ""
            guess = found.get(field) or ""
            counts[field]["labelled"] += bool(truth)
            counts[field]["suggested"] += bool(guess)
            if truth and guess and normalize(field, truth) == normalize(field, guess):
                counts[field]["correct"] += 1
            elif truth:
                misses.append(
                    {"file": label["file"], "field": field, "label": truth, "suggested": guess}
                )
    fields = {}
    for field, c in counts.items():
        fields[field] = {
            "precision": round(c["correct"] / c["suggested"], 3) if c["suggested"] else 0.0,
            "recall": round(c["correct"] / c["labelled"], 3) if c["labelled"] else 0.0,
            **c,
        }
    return {"documents": len(labels), "fields": fields, "misses": misses}

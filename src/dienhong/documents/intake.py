"""Bulk intake from the file system: ``dienhong import PATH`` and the consume folder.

Both are idempotent by content hash: a file already stored and registered is skipped, so an
interrupted import is resumed by running it again.
"""

from __future__ import annotations

import logging
import os
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from django.conf import settings

from dienhong.documents import blobs, services
from dienhong.documents.models import Document, Source, StoredFile
from dienhong.org.models import Unit

log = logging.getLogger(__name__)
SKIP_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}


def consume_dir() -> Path:
    return Path(getattr(settings, "DIENHONG_CONSUME_DIR", settings.VAR_DIR / "consume"))


def default_unit() -> Unit:
    code = getattr(settings, "DIENHONG_INTAKE_UNIT", "")
    unit = Unit.objects.filter(code=code).first() if code else None
    if unit is None:
        unit = Unit.objects.filter(parent__isnull=True).order_by("pk").first()
    if unit is None:
        raise RuntimeError("No unit exists yet: load the organisation first.")
    return unit


def walk(root: Path) -> Iterator[Path]:
    """Every regular file under ``root`` (or ``root`` itself), in a stable order."""
    if root.is_file():
        yield root
        return
    for directory, subdirs, names in os.walk(root):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        for name in sorted(names):
            if name.startswith(".") or name in SKIP_NAMES:
                continue
            path = Path(directory) / name
            if path.is_file() and not path.is_symlink():
                yield path


def already_imported(sha256: str) -> bool:
    return Document.objects.filter(versions__files__stored__sha256=sha256).exists()


def import_path(
    root: Path,
    *,
    owner_unit: Unit | None = None,
    source: str = Source.IMPORT,
    access: str = "internal",
    direction: str = "incoming",
    progress: Callable[[Path, str], None] | None = None,
) -> dict[str, Any]:
    """Import every file under ``root``; returns a summary for the JSON report."""
    unit = owner_unit or default_unit()
    summary: dict[str, Any] = {
        "files": 0,
        "imported": 0,
        "duplicates": 0,
        "errors": 0,
        "bytes": 0,
        "documents": [],
        "problems": [],
    }
    for path in walk(root):
        summary["files"] += 1
        try:
            sha256, size = blobs.hash_path(path)
            summary["bytes"] += size
            if already_imported(sha256):
                status = "duplicate"
            else:
                outcome = services.import_file(
                    incoming=services.Incoming(name=path.name, path=path, sha256=sha256, size=size),
                    owner_unit=unit,
                    source=source,
                    access=access,
                    direction=direction,
                )
                status = outcome.status
                if status == "created":
                    summary["documents"].append(outcome.document.pk)
        except OSError as error:
            status = "error"
            summary["problems"].append({"file": str(path), "error": str(error)})
        key = {"created": "imported", "duplicate": "duplicates"}.get(status, "errors")
        summary[key] += 1
        if progress:
            progress(path, status)
    return summary


def _stable(path: Path, *, settle_seconds: float) -> bool:
    """A file still being copied into the folder is left for the next pass."""
    try:
        return time.time() - path.stat().st_mtime >= settle_seconds
    except FileNotFoundError:
        return False


def consume(folder: Path | None = None, *, settle_seconds: float | None = None) -> dict[str, Any]:
    """Import files dropped in the consume folder, then remove them (their bytes are stored).

    A file that cannot be read is moved to ``.failed/`` beside them, never deleted.
    """
    folder = folder or consume_dir()
    settle = (
        settle_seconds
        if settle_seconds is not None
        else float(getattr(settings, "DIENHONG_CONSUME_SETTLE_SECONDS", 5))
    )
    folder.mkdir(parents=True, exist_ok=True)
    summary: dict[str, Any] = {"consumed": 0, "duplicates": 0, "failed": 0, "waiting": 0}
    unit = default_unit()
    for path in walk(folder):
        if not _stable(path, settle_seconds=settle):
            summary["waiting"] += 1
            continue
        try:
            result = import_path(path, owner_unit=unit, source=Source.CONSUME)
        except Exception:
            log.exception("consume: could not import %s", path)
            result = {"errors": 1}
        if result.get("errors"):
            target = folder / ".failed" / path.relative_to(folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(path), target)
            summary["failed"] += 1
            continue
        sha256, _size = blobs.hash_path(path)
        stored = StoredFile.objects.filter(sha256=sha256).first()
        if stored is not None and blobs.storage().exists(stored.storage_name):
            path.unlink()  # the content is safely stored; only now let go of the original
        summary["duplicates" if result.get("duplicates") else "consumed"] += 1
    return summary

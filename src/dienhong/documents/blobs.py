"""Content-addressed storage of files through Django's storage API.

A file is stored once under ``documents/blobs/ab/cd/<sha256>``; its OCR'd searchable PDF sits
beside it as ``<sha256>.ocr.pdf`` and rendered page previews under ``documents/previews/``.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage, default_storage, storages

CHUNK = 1024 * 1024


def storage() -> Storage:
    """The ``documents`` storage when configured (e.g. S3), else the default storage."""
    if "documents" in getattr(settings, "STORAGES", {}):
        return storages["documents"]
    return default_storage


def blob_name(sha256: str) -> str:
    return f"documents/blobs/{sha256[:2]}/{sha256[2:4]}/{sha256}"


def searchable_name(sha256: str) -> str:
    return blob_name(sha256) + ".ocr.pdf"


def preview_name(sha256: str, page: int, width: int) -> str:
    return f"documents/previews/{sha256[:2]}/{sha256}/{page}-{width}.png"


def hash_stream(stream: IO[bytes]) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def hash_path(path: str | os.PathLike[str]) -> tuple[str, int]:
    with open(path, "rb") as stream:
        return hash_stream(stream)


def put(name: str, content: Any) -> str:
    """Store ``content`` under exactly ``name`` unless that name is already there."""
    store = storage()
    if store.exists(name):
        return name
    saved = store.save(name, content if isinstance(content, File) else File(content))
    return saved


@contextmanager
def local_path(name: str, *, suffix: str = "") -> Iterator[Path]:
    """A local file path for a stored object (the file itself on disk storage, else a copy)."""
    store = storage()
    try:
        path = Path(store.path(name))
    except NotImplementedError:
        path = None
    if path is not None and path.exists() and (not suffix or path.suffix == suffix):
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="dienhong-") as tmp:
        target = Path(tmp) / f"blob{suffix}"
        with store.open(name, "rb") as source, open(target, "wb") as out:
            while chunk := source.read(CHUNK):
                out.write(chunk)
        yield target

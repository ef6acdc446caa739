"""Upload handling: files are streamed to disk and hashed on the way, never held in memory; a
file over ``DIENHONG_MAX_UPLOAD_BYTES`` is skipped (the others still arrive) and reported."""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import SkipFile, TemporaryFileUploadHandler


def max_upload_bytes() -> int:
    return int(getattr(settings, "DIENHONG_MAX_UPLOAD_BYTES", 1024**3))


class HashingUploadHandler(TemporaryFileUploadHandler):
    """A temporary-file handler that computes SHA-256 and enforces the size limit per file."""

    def __init__(self, request: Any = None) -> None:
        super().__init__(request)
        self.digest = hashlib.sha256()
        self.received = 0
        if request is not None and not hasattr(request, "upload_rejected"):
            request.upload_rejected = []

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.digest = hashlib.sha256()
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.received > max_upload_bytes():
            self.file.close()
            if self.request is not None:
                self.request.upload_rejected.append(self.file_name)  # type: ignore[attr-defined]
            raise SkipFile()
        self.digest.update(raw_data)
        self.file.write(raw_data)
        return None

    def file_complete(self, file_size: int) -> Any:
        uploaded: Any = super().file_complete(file_size)
        uploaded.sha256 = self.digest.hexdigest()
        return uploaded

"""File storage for private files (applicant documents, letters): on disk, never under a URL."""

from __future__ import annotations

from django.core.files.storage import FileSystemStorage


class PrivateFileSystemStorage(FileSystemStorage):
    """A FileSystemStorage whose files have no URL: they are only streamed by permission-checked views."""

    def url(self, name: str | None) -> str:
        raise ValueError("Private files have no URL; stream them through a view that checks permissions.")

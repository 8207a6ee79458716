"""Stored files go with the rows that point to them, and only once those rows are gone for good."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.files.storage import Storage
from django.db import transaction


def delete_files_on_commit(storage: Storage, names: Iterable[str]) -> None:
    """Delete `names` from `storage` after the current transaction commits (never if it rolls back,
    so a failed change keeps the files its rows still point to)."""
    names = [name for name in names if name]
    if not names:
        return

    def delete() -> None:
        for name in names:
            storage.delete(name)

    transaction.on_commit(delete)

"""Moving AdviceLetter from `assessments` to `letters` keeps the data: rows, their PDFs and checksums,
the letter permissions the staff groups hold, and the audit-log entries about letters."""

from __future__ import annotations

import hashlib

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from letters.models import AdviceLetter
from outbox.models import OutboxMessage
from tests.letters.factories import case_with_snapshot

# serialized_rollback, as in test_workers.py: each test starts from the data migrations' rows (staff
# groups), and leaves no re-created content types behind for the next such test to collide with.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE_THE_MOVE = [("assessments", "0006_letter_permissions")]
PDF = b"%PDF-1.7 a letter rendered before the move"


def _migrate(targets: list[tuple[str, str]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection)  # a fresh loader sees what is applied now


def _latest() -> list[tuple[str, str]]:
    return list(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_the_move_to_the_letters_app_keeps_rows_files_checksums_permissions_and_audit_entries() -> None:
    case, snapshot, adviser = case_with_snapshot()
    executor = _migrate(BEFORE_THE_MOVE)
    old = executor.loader.project_state(BEFORE_THE_MOVE).apps
    OldLetter = old.get_model("assessments", "AdviceLetter")
    OldContentType = old.get_model("contenttypes", "ContentType")
    OldPermission = old.get_model("auth", "Permission")
    OldGroup = old.get_model("auth", "Group")
    assert OldLetter._meta.db_table == "assessments_adviceletter"

    name = storages["letters"].save(f"{case.reference}/{case.reference}-L1.pdf", ContentFile(PDF))
    letter = OldLetter.objects.create(
        case_id=case.pk,
        assessment_id=snapshot.pk,
        version=1,
        language="bilingual",
        consultant_note="Written before the move.",
        status="ready",
        attempts=1,
        file=name,
        sha256=hashlib.sha256(PDF).hexdigest(),
        page_count=4,
        requested_by_id=adviser.pk,
        ready_at=timezone.now(),
    )
    content_type, _ = OldContentType.objects.get_or_create(app_label="assessments", model="adviceletter")
    permission, _ = OldPermission.objects.get_or_create(
        content_type=content_type, codename="view_adviceletter", defaults={"name": "Can view advice letter"}
    )
    group = OldGroup.objects.create(name="Letter readers")
    group.permissions.add(permission)
    entry = LogEntry.objects.create(
        content_type_id=content_type.pk,
        object_pk=str(letter.pk),
        object_id=letter.pk,
        object_repr=f"{case.reference}-L1",
        action=LogEntry.Action.ACCESS,
    )

    _migrate(_latest())
    ContentType.objects.clear_cache()

    moved = AdviceLetter.objects.get(pk=letter.pk)
    assert AdviceLetter._meta.db_table == "letters_adviceletter"
    assert (moved.case_id, moved.assessment_id, moved.version, moved.status) == (
        case.pk,
        snapshot.pk,
        1,
        AdviceLetter.Status.READY,
    )
    assert moved.consultant_note == "Written before the move."
    assert moved.file.name == name
    assert moved.file.read() == PDF
    assert hashlib.sha256(PDF).hexdigest() == moved.sha256
    letters_type = ContentType.objects.get_for_model(AdviceLetter)
    assert letters_type.pk == content_type.pk
    assert not ContentType.objects.filter(app_label="assessments", model="adviceletter").exists()
    assert list(
        Group.objects.get(name="Letter readers").permissions.values_list("content_type", "codename")
    ) == [(letters_type.pk, "view_adviceletter")]
    reader = User.objects.create_user("reader")
    reader.groups.add(Group.objects.get(name="Letter readers"))
    assert reader.has_perm("letters.view_adviceletter")
    entry.refresh_from_db()
    assert entry.content_type_id == letters_type.pk


def test_the_move_can_be_undone_and_redone_without_losing_the_letter() -> None:
    case, snapshot, adviser = case_with_snapshot()
    letter = AdviceLetter.objects.create(
        case=case, assessment=snapshot, version=1, language="en", requested_by=adviser
    )

    old = _migrate(BEFORE_THE_MOVE).loader.project_state(BEFORE_THE_MOVE).apps
    assert old.get_model("assessments", "AdviceLetter").objects.filter(pk=letter.pk).exists()
    _migrate(_latest())

    assert AdviceLetter.objects.get(pk=letter.pk).reference == f"{case.reference}-L1"
    # The renamed table still numbers new rows (PostgreSQL: its identity sequence came along).
    later = AdviceLetter.objects.create(case=case, assessment=snapshot, version=2, language="en")
    assert later.pk > letter.pk


def test_task_calls_stored_under_the_old_names_reach_the_renamed_tasks() -> None:
    case, snapshot, adviser = case_with_snapshot()
    queued = AdviceLetter.objects.create(case=case, assessment=snapshot, version=1, language="en")
    unannounced = AdviceLetter.objects.create(
        case=case,
        assessment=snapshot,
        version=2,
        language="en",
        status=AdviceLetter.Status.READY,
        file=f"{case.reference}/{case.reference}-L2.pdf",
        sha256="0" * 64,
        page_count=3,
        ready_at=timezone.now(),
    )
    _migrate([("letters", "0001_initial")])
    OutboxMessage.objects.create(task_name="assessments.render_letter", args=[queued.pk])
    OutboxMessage.objects.create(task_name="applicants.send_magic_link", args=[adviser.pk])

    _migrate(_latest())

    # The stored call is renamed, not doubled; the ready letter whose e-mail call may sit in the broker
    # under the old name gets a new one.
    assert sorted(OutboxMessage.objects.values_list("task_name", "args")) == [
        ("applicants.send_magic_link", [adviser.pk]),
        ("letters.render_letter", [queued.pk]),
        ("letters.send_letter_ready_emails", [unannounced.pk]),
    ]

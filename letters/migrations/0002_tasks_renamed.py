"""The letter tasks moved from `assessments.*` to `letters.*` names. Calls stored under the old names
would no longer find their task, so:

- pending outbox rows are renamed (assessments.render_letter -> letters.render_letter, and the same
  for the ready e-mails);
- a message already handed to the broker under an old name will be refused by the new workers, so
  every letter still queued gets a fresh render call in the outbox, and every letter made ready in the
  last day whose e-mails are not sent yet gets its e-mail call. Both tasks are safe to run twice (the
  render claims the letter under a lock; the e-mails are sent once), so a duplicate costs nothing.

The outbox's beat job publishes these rows within a minute of the new workers starting.
"""

from datetime import timedelta

from django.db import migrations
from django.utils import timezone

RENAMED = {
    "assessments.render_letter": "letters.render_letter",
    "assessments.send_letter_ready_emails": "letters.send_letter_ready_emails",
}


def rename_and_resend(apps, schema_editor):
    OutboxMessage = apps.get_model("outbox", "OutboxMessage")
    AdviceLetter = apps.get_model("letters", "AdviceLetter")
    for old, new in RENAMED.items():
        OutboxMessage.objects.filter(task_name=old).update(task_name=new)
    waiting = {
        (message.task_name, tuple(message.args))
        for message in OutboxMessage.objects.filter(task_name__in=RENAMED.values())
    }
    calls = [
        ("letters.render_letter", pk)
        for pk in AdviceLetter.objects.filter(status="queued").values_list("pk", flat=True)
    ] + [
        ("letters.send_letter_ready_emails", pk)
        for pk in AdviceLetter.objects.filter(
            status="ready", notified_at__isnull=True, ready_at__gte=timezone.now() - timedelta(days=1)
        ).values_list("pk", flat=True)
    ]
    OutboxMessage.objects.bulk_create(
        OutboxMessage(task_name=task, args=[pk]) for task, pk in calls if (task, (pk,)) not in waiting
    )


def rename_back(apps, schema_editor):
    OutboxMessage = apps.get_model("outbox", "OutboxMessage")
    for old, new in RENAMED.items():
        OutboxMessage.objects.filter(task_name=new).update(task_name=old)


class Migration(migrations.Migration):

    dependencies = [
        ("letters", "0001_initial"),
        ("outbox", "0001_initial"),
    ]

    operations = [migrations.RunPython(rename_and_resend, rename_back)]

"""AdviceLetter moves here from `assessments` with everything that points at it.

1. Django's record of the model is created here around the existing table (assessments 0005 created
   it, 0007 dropped only the record): no row is copied and no file moves (same storage, same names).
2. The table is renamed assessments_adviceletter -> letters_adviceletter.
3. Its content type is relabelled assessments.adviceletter -> letters.adviceletter under the same id,
   so the letter permissions (assessments 0006, held by the Consultant and Case manager groups) and
   the audit-log entries about letters keep pointing at it.
"""

import django.db.models.deletion
import django.utils.timezone
import letters.models
from django.conf import settings
from django.db import migrations, models


def _relabel_content_type(apps, schema_editor, *, old, new):
    ContentType = apps.get_model("contenttypes", "ContentType")
    manager = ContentType.objects.db_manager(schema_editor.connection.alias)
    manager.filter(app_label=old, model="adviceletter").update(app_label=new)
    manager.clear_cache()


def content_type_to_letters(apps, schema_editor):
    _relabel_content_type(apps, schema_editor, old="assessments", new="letters")


def content_type_back_to_assessments(apps, schema_editor):
    _relabel_content_type(apps, schema_editor, old="letters", new="assessments")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('applicants', '0005_data_protection'),
        ('assessments', '0007_advice_letters_moved_to_letters'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='AdviceLetter',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('version', models.PositiveIntegerField(help_text="1 for the case's first letter, then 2, 3…", verbose_name='version')),
                        ('language', models.CharField(choices=[('en', 'English'), ('zh-hans', 'Simplified Chinese'), ('bilingual', 'English and Simplified Chinese')], max_length=10, verbose_name='language')),
                        ('consultant_note', models.TextField(blank=True, help_text='Printed in the letter as the consultant wrote it.', verbose_name="consultant's note")),
                        ('status', models.CharField(choices=[('queued', 'Queued'), ('rendering', 'Rendering'), ('ready', 'Ready'), ('failed', 'Failed')], default='queued', max_length=10, verbose_name='status')),
                        ('attempts', models.PositiveSmallIntegerField(default=0, help_text='How many times a worker started rendering it.', verbose_name='render attempts')),
                        ('last_error', models.TextField(blank=True, help_text='Why the last attempt did not produce the letter.', verbose_name='last error')),
                        ('file', models.FileField(blank=True, max_length=200, storage=letters.models._letter_storage, upload_to=letters.models._letter_path, verbose_name='PDF')),
                        ('sha256', models.CharField(blank=True, max_length=64, verbose_name='SHA-256')),
                        ('page_count', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='pages')),
                        ('requested_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='requested at')),
                        ('enqueued_at', models.DateTimeField(default=django.utils.timezone.now, help_text='When it was last put on the queue.', verbose_name='last sent to the workers')),
                        ('rendering_started_at', models.DateTimeField(blank=True, null=True, verbose_name='rendering started')),
                        ('ready_at', models.DateTimeField(blank=True, null=True, verbose_name='ready at')),
                        ('failed_at', models.DateTimeField(blank=True, null=True, verbose_name='failed at')),
                        ('notified_at', models.DateTimeField(blank=True, help_text='When the applicant and consultant were told.', null=True, verbose_name='ready e-mails sent')),
                        ('assessment', models.ForeignKey(help_text='The snapshot the letter was rendered from.', on_delete=django.db.models.deletion.PROTECT, related_name='advice_letters', to='assessments.assessment', verbose_name='assessment')),
                        ('case', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='advice_letters', to='applicants.case', verbose_name='case')),
                        ('requested_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='requested by')),
                    ],
                    options={
                        'verbose_name': 'advice letter',
                        'verbose_name_plural': 'advice letters',
                        'db_table': 'assessments_adviceletter',
                        'ordering': ['-requested_at', '-pk'],
                        'indexes': [models.Index(fields=['status', 'enqueued_at'], name='advice_letter_queue_idx'), models.Index(fields=['case', '-version'], name='advice_letter_case_idx')],
                        'constraints': [models.UniqueConstraint(fields=('case', 'version'), name='advice_letter_version_per_case'), models.CheckConstraint(condition=models.Q(('version__gte', 1)), name='advice_letter_version_positive'), models.CheckConstraint(condition=models.Q(('language__in', ['en', 'zh-hans', 'bilingual'])), name='advice_letter_language_known'), models.CheckConstraint(condition=models.Q(models.Q(('status', 'ready'), _negated=True), models.Q(('page_count__gte', 1), ('ready_at__isnull', False), models.Q(('file', ''), _negated=True), models.Q(('sha256', ''), _negated=True)), _connector='OR'), name='advice_letter_ready_has_its_pdf'), models.CheckConstraint(condition=models.Q(models.Q(('status', 'failed'), _negated=True), models.Q(('last_error', ''), _negated=True), _connector='OR'), name='advice_letter_failure_says_why')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name='adviceletter', table=None),
        migrations.RunPython(content_type_to_letters, content_type_back_to_assessments),
    ]

"""AdviceLetter moved to the `letters` app. Only Django's record of the model leaves `assessments` here;
the table, its rows and files stay, and letters/migrations/0001_initial.py takes them over."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('assessments', '0006_letter_permissions'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='AdviceLetter')],
            database_operations=[],
        ),
    ]

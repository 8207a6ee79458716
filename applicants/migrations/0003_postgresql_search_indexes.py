"""PostgreSQL-only indexes for the case list search (SQLite has no equivalent and does not need one).

- Trigram GIN index on UPPER(full_name): Django's icontains is UPPER(col) LIKE UPPER('%term%').
- Pattern index on UPPER(email): istartswith is UPPER(col) LIKE UPPER('term%').
Both expressions match what the ORM generates, so the planner can use (and BitmapOr) them.
"""

from django.db import migrations

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS applicant_name_trgm_idx ON applicants_applicant "
    "USING gin (UPPER(full_name::text) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS applicant_email_prefix_idx ON applicants_applicant "
    "(UPPER(email::text) text_pattern_ops)",
]
DROP = [
    "DROP INDEX IF EXISTS applicant_email_prefix_idx",
    "DROP INDEX IF EXISTS applicant_name_trgm_idx",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("applicants", "0002_pathways_and_roles")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]

"""An index for substring search over people's folded names (``name_folded LIKE '%word%'``).

PostgreSQL: a trigram GIN index (``pg_trgm``; skipped, and the search stays a scan, when the
extension cannot be created). SQLite: an FTS5 trigram table over ``org_person`` kept in step by
triggers; ``org.selectors`` queries it for words of three letters or more. A later migration
that rebuilds ``org_person`` on SQLite drops the triggers: run ``rebuild`` below again there.
"""

from django.db import DatabaseError, migrations, transaction

SQLITE_TABLE = "org_person_name_trigram"

SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS org_person_name_trigram USING fts5("
    "name_folded, content='org_person', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER IF NOT EXISTS org_person_trigram_ai AFTER INSERT ON org_person BEGIN "
    "INSERT INTO org_person_name_trigram(rowid, name_folded) VALUES (new.id, new.name_folded); END",
    "CREATE TRIGGER IF NOT EXISTS org_person_trigram_ad AFTER DELETE ON org_person BEGIN "
    "INSERT INTO org_person_name_trigram(org_person_name_trigram, rowid, name_folded) "
    "VALUES ('delete', old.id, old.name_folded); END",
    "CREATE TRIGGER IF NOT EXISTS org_person_trigram_au AFTER UPDATE OF name_folded "
    "ON org_person BEGIN "
    "INSERT INTO org_person_name_trigram(org_person_name_trigram, rowid, name_folded) "
    "VALUES ('delete', old.id, old.name_folded); "
    "INSERT INTO org_person_name_trigram(rowid, name_folded) VALUES (new.id, new.name_folded); END",
    "INSERT INTO org_person_name_trigram(org_person_name_trigram) VALUES ('rebuild')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS org_person_trigram_ai",
    "DROP TRIGGER IF EXISTS org_person_trigram_ad",
    "DROP TRIGGER IF EXISTS org_person_trigram_au",
    "DROP TABLE IF EXISTS org_person_name_trigram",
]
PG_INDEX = "org_person_name_folded_trgm"


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in SQLITE_CREATE:
            schema_editor.execute(statement)
    elif vendor == "postgresql":
        try:
            with transaction.atomic(using=schema_editor.connection.alias):
                schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except DatabaseError:
            return  # no pg_trgm here: substring search scans, as before
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON org_person "
            "USING gin (name_folded gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in SQLITE_DROP:
            schema_editor.execute(statement)
    elif vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {PG_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("org", "0002_directory_version"),
    ]

    operations = [
        migrations.RunPython(create, drop),
    ]

"""The full-text half of the index, different per database (ADR 0002)."""

from django.db import migrations

SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title, subject, number, body, content='', tokenize=\"ascii tokenchars '_#/.-'\")",
    "CREATE VIRTUAL TABLE search_fts_terms USING fts5vocab(search_fts, 'row')",
]
SQLITE_DROP = ["DROP TABLE IF EXISTS search_fts_terms", "DROP TABLE IF EXISTS search_fts"]

POSTGRES_CREATE = [
    "ALTER TABLE search_entry ADD COLUMN tsv tsvector",
    "CREATE INDEX search_entry_tsv ON search_entry USING gin (tsv)",
    "CREATE TABLE search_term (term text PRIMARY KEY, df integer NOT NULL)",
    "CREATE TABLE search_stats (id integer PRIMARY KEY, docs bigint NOT NULL, tokens bigint NOT NULL)",
    "INSERT INTO search_stats (id, docs, tokens) VALUES (1, 0, 0)",
]
POSTGRES_DROP = [
    "DROP TABLE IF EXISTS search_stats",
    "DROP TABLE IF EXISTS search_term",
    "DROP INDEX IF EXISTS search_entry_tsv",
    "ALTER TABLE search_entry DROP COLUMN IF EXISTS tsv",
]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in SQLITE_CREATE:
            schema_editor.execute(statement)
    elif vendor == "postgresql":
        for statement in POSTGRES_CREATE:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in SQLITE_DROP:
            schema_editor.execute(statement)
    elif vendor == "postgresql":
        for statement in POSTGRES_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]

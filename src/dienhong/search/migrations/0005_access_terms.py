"""Access terms inside the full-text index (ADR 0002, "Permissions"), the number of entries
kept in ``search_indexstate`` for both engines (PostgreSQL's ``search_stats`` keeps only the
token total), and on SQLite document frequencies in ``search_term`` (as on PostgreSQL since
0002).

Each entry's full text gains one term per (kind, access token): SQLite's FTS5 table gets an
``access`` column (rebuilt: a contentless table cannot be altered), PostgreSQL's ``tsv`` the
same terms as lexemes without positions, and ``length`` counts them (as FTS5 does).
"""

from collections import Counter

from django.db import migrations, models

SQLITE_CREATE = (
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title, subject, number, body, access, content='', tokenize=\"ascii tokenchars '_#/.-'\")"
)
SQLITE_CREATE_OLD = (
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title, subject, number, body, content='', tokenize=\"ascii tokenchars '_#/.-'\")"
)
SQLITE_TERMS = "CREATE VIRTUAL TABLE search_fts_terms USING fts5vocab(search_fts, 'row')"
SQLITE_DF = "CREATE TABLE search_term (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID"


def _rebuild_sqlite(schema_editor, *, access: bool) -> None:
    # The analysis of today's code is what the index must hold, so it is imported here.
    from dienhong.search import analysis
    from dienhong.search.backends import access_terms

    connection = schema_editor.connection
    df: Counter[str] = Counter()
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS search_term")
        cursor.execute("DROP TABLE IF EXISTS search_fts_terms")
        cursor.execute("DROP TABLE IF EXISTS search_fts")
        cursor.execute(SQLITE_CREATE if access else SQLITE_CREATE_OLD)
        cursor.execute(SQLITE_TERMS)
        cursor.execute("SELECT entry_id, token FROM search_accesstoken ORDER BY entry_id")
        tokens: dict[int, list[str]] = {}
        for entry_id, token in cursor.fetchall():
            tokens.setdefault(int(entry_id), []).append(token)
        cursor.execute("SELECT id, kind, title, subject, number, body, length FROM search_entry")
        entries = cursor.fetchall()
        rows, lengths = [], []
        for pk, kind, *texts, length in entries:
            terms_of = [analysis.field_terms((t or "")[: analysis.FIELD_LIMIT]) for t in texts]
            df.update(set().union(*terms_of))
            columns = [" ".join(column) for column in terms_of]
            terms = access_terms(kind, tokens.get(pk, []))
            if access:
                rows.append([pk, *columns, " ".join(terms)])
                lengths.append([length + len(terms), pk])
            else:
                rows.append([pk, *columns])
                lengths.append([length - len(terms), pk])
        columns = "rowid, title, subject, number, body" + (", access" if access else "")
        marks = ", ".join(["%s"] * (6 if access else 5))
        cursor.executemany(f"INSERT INTO search_fts ({columns}) VALUES ({marks})", rows)
        cursor.executemany("UPDATE search_entry SET length = %s WHERE id = %s", lengths)
        if access:
            cursor.execute(SQLITE_DF)
            cursor.executemany(
                "INSERT INTO search_term (term, df) VALUES (%s, %s)", sorted(df.items())
            )


POSTGRES_ADD = """
UPDATE search_entry e SET tsv = coalesce(e.tsv, ''::tsvector) || a.terms, length = e.length + a.n
FROM (
    SELECT t.entry_id,
           array_to_tsvector(array_agg(DISTINCT chr(166) || left(md5(x.kind || '|' || t.token), 16)))
               AS terms,
           count(DISTINCT t.token) AS n
    FROM search_accesstoken t JOIN search_entry x ON x.id = t.entry_id
    GROUP BY t.entry_id
) a
WHERE a.entry_id = e.id
"""
POSTGRES_REMOVE = """
UPDATE search_entry e
SET tsv = ts_filter(setweight(e.tsv, 'A', a.terms), '{d}'), length = e.length - a.n
FROM (
    SELECT e2.id, array_agg(l) AS terms, count(*) AS n
    FROM search_entry e2, unnest(tsvector_to_array(e2.tsv)) AS l
    WHERE left(l, 1) = chr(166) GROUP BY e2.id
) a
WHERE a.id = e.id
"""
POSTGRES_TOKENS = (
    "UPDATE search_stats SET tokens = (SELECT coalesce(sum(length), 0) FROM search_entry) "
    "WHERE id = 1"
)


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _rebuild_sqlite(schema_editor, access=True)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_ADD)
        schema_editor.execute(POSTGRES_TOKENS)
        schema_editor.execute("ALTER TABLE search_stats DROP COLUMN docs")
    schema_editor.execute(
        "UPDATE search_indexstate SET docs = (SELECT count(*) FROM search_entry) WHERE id = 1"
    )


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _rebuild_sqlite(schema_editor, access=False)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_REMOVE)
        schema_editor.execute(POSTGRES_TOKENS)
        schema_editor.execute("ALTER TABLE search_stats ADD COLUMN docs bigint NOT NULL DEFAULT 0")
        schema_editor.execute("UPDATE search_stats SET docs = (SELECT count(*) FROM search_entry)")


class Migration(migrations.Migration):
    dependencies = [("search", "0004_embedding")]

    operations = [
        migrations.AddField(
            model_name="indexstate", name="docs", field=models.BigIntegerField(default=0)
        ),
        migrations.RunPython(forwards, backwards),
    ]

"""PostgreSQL keeps each term's postings for the score (ADR 0002, tenth pass; ``postings.py``).

``search_posting(term, block, data)``: per term and block of 1,024 entry ids, the postings
packed as 32-bit words (the id's low 10 bits, then the column-weighted frequency ``f``). Filled
here from the entries' tsvectors, whose positions count ``f`` (at most 256 there; entries
indexed from now on keep their exact ``f``). ``data`` is stored without compression: it is read
by every search and 4-byte words compress poorly.
"""

from django.db import migrations

CREATE = [
    "CREATE TABLE search_posting ("
    " term text NOT NULL, block integer NOT NULL, data bytea NOT NULL,"
    " PRIMARY KEY (term, block))",
    "ALTER TABLE search_posting ALTER COLUMN data SET STORAGE EXTERNAL",
]
FILL = (
    "INSERT INTO search_posting (term, block, data) "
    "SELECT u.lexeme, e.id >> 10, string_agg("
    "  int2send((e.id & 1023)::int2) || int2send(least(cardinality(u.positions), 32767)::int2),"
    "  ''::bytea ORDER BY e.id) "
    "FROM search_entry e, unnest(e.tsv) AS u "
    "WHERE e.tsv IS NOT NULL AND u.positions IS NOT NULL "
    "GROUP BY u.lexeme, e.id >> 10"
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)
        schema_editor.execute(FILL)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TABLE IF EXISTS search_posting")


class Migration(migrations.Migration):
    dependencies = [("search", "0006_narrow_entry_rows")]

    operations = [migrations.RunPython(forwards, backwards)]

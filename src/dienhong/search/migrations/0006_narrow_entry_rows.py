"""PostgreSQL keeps an entry's texts out of its heap row (ADR 0002, ninth pass).

A text search visits the heap row of every visible match (the GIN index gives row addresses,
the bitmap heap scan reads them for their id and date). With title, subject, number and the
compressed body inline, a row took ~1.2 kB: 200k entries made a 229 MB heap, which the
default 128 MB ``shared_buffers`` cannot hold. ``toast_tuple_target = 128`` makes the
toaster, which runs for every row longer than 2 kB (nearly all: the tsvector alone is), move
the texts to the TOAST table too: rows of ~190 bytes, a heap six times smaller. The texts are
read only for the page shown and the second stage.

The setting applies to rows written from now on; rows written before keep their layout until
they are indexed again. ``VACUUM FULL search_entry`` rewrites them all at once (it locks the
table and rebuilds its indexes: minutes at 200k entries).
"""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE search_entry SET (toast_tuple_target = 128)")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE search_entry RESET (toast_tuple_target)")


class Migration(migrations.Migration):
    dependencies = [("search", "0005_access_terms")]

    operations = [migrations.RunPython(forwards, backwards)]

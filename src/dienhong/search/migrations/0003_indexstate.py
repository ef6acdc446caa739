"""The index generation (cached list-page counts are keyed by it) and a covering
(entry, name, value) facet index (ADR 0002, issue 5)."""

from django.db import migrations, models


def first_row(apps, schema_editor):
    IndexState = apps.get_model("search", "IndexState")
    IndexState.objects.using(schema_editor.connection.alias).get_or_create(
        id=1, defaults={"generation": 0}
    )


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [
        migrations.CreateModel(
            name="IndexState",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("generation", models.BigIntegerField(default=0)),
            ],
        ),
        migrations.RunPython(first_row, migrations.RunPython.noop),
        migrations.RemoveIndex(model_name="facetvalue", name="search_facet_entry_name"),
        migrations.AddIndex(
            model_name="facetvalue",
            index=models.Index(fields=["entry", "name", "value"], name="search_facet_entry_value"),
        ),
    ]

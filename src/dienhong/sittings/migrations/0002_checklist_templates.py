"""Load the shipped checklist templates (plenary sitting, Standing Committee meeting, online
sitting, forum, congress, anniversary ceremony, museum opening)."""

from django.db import migrations

# The templates as shipped; once loaded they are data an administrator edits.
from dienhong.sittings.defaults import CHECKLISTS


def load(apps, schema_editor):
    Template = apps.get_model("sittings", "ChecklistTemplate")
    Item = apps.get_model("sittings", "ChecklistTemplateItem")
    for code, kind, name, items in CHECKLISTS:
        template, created = Template.objects.get_or_create(
            code=code, defaults={"kind": kind, "name": name}
        )
        if not created:
            continue
        Item.objects.bulk_create(
            Item(template=template, position=position, offset_days=offset, unit_code=unit,
                 title=title, expected_result=result)
            for position, (offset, unit, title, result) in enumerate(items, start=1)
        )


def unload(apps, schema_editor):
    apps.get_model("sittings", "ChecklistTemplate").objects.filter(
        code__in=[code for code, *_rest in CHECKLISTS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("sittings", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]

"""Load the ESCO skills file the package ships (© European Union, CC BY 4.0) into Skill."""

from django.db import migrations

BATCH = 2000


def load(apps, schema_editor):
    from bornglobal.network.taxonomy import read_rows

    Skill = apps.get_model("network", "Skill")
    db = schema_editor.connection.alias
    batch = []
    for row in read_rows():
        batch.append(
            Skill(
                esco_id=row.esco_id,
                label=row.label,
                alt_labels="|".join(row.alt_labels),
                kind=row.kind,
                description=row.description,
            )
        )
        if len(batch) == BATCH:
            Skill.objects.using(db).bulk_create(batch)
            batch = []
    Skill.objects.using(db).bulk_create(batch)


def unload(apps, schema_editor):
    apps.get_model("network", "Skill").objects.using(schema_editor.connection.alias).delete()


class Migration(migrations.Migration):
    dependencies = [("network", "0001_initial")]

    operations = [migrations.RunPython(load, unload, elidable=False)]

"""Load the ESCO skills file the package ships (© European Union, CC BY 4.0) into Skill."""

from django.db import migrations

BATCH = 2000


def load(apps, schema_editor):
    from bornglobal.network.taxonomy import load_skills

    load_skills(apps.get_model("network", "Skill"), schema_editor.connection.alias, BATCH)


def unload(apps, schema_editor):
    apps.get_model("network", "Skill").objects.using(schema_editor.connection.alias).delete()


class Migration(migrations.Migration):
    dependencies = [("network", "0001_initial")]

    operations = [migrations.RunPython(load, unload, elidable=False)]

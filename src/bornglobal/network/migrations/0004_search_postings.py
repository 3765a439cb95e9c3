"""Skill rows become search postings: each carries a copy of its profile's filters.

The copies are added as nullable columns (instant on SQLite and PostgreSQL, no table
rewrite), filled in one `UPDATE ... FROM` (SQLite 3.33+, PostgreSQL), and only then
indexed. On a million profiles (about six million skill rows) this takes minutes.
"""

import django.db.models.deletion
from django.db import migrations, models


COPY_PROFILE_FILTERS = """
UPDATE network_profileskill
SET listed = p.listed, country = p.country, pattern_id = p.pattern_id,
    currency = p.currency, rate_minor = p.rate_minor,
    hours_per_week = p.hours_per_week, reputation = p.reputation
FROM network_profile AS p
WHERE p.id = network_profileskill.profile_id
"""


class Migration(migrations.Migration):

    dependencies = [
        ('network', '0003_profiles_partners_reviews'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='profileskill',
            name='profile_skill_by_skill_idx',
        ),
        migrations.AddField(
            model_name='profileskill',
            name='country',
            field=models.CharField(help_text="copy of the profile's", max_length=2, null=True),
        ),
        migrations.AddField(
            model_name='profileskill',
            name='currency',
            field=models.CharField(help_text="copy of the profile's", max_length=3, null=True),
        ),
        migrations.AddField(
            model_name='profileskill',
            name='hours_per_week',
            field=models.PositiveSmallIntegerField(help_text="copy of the profile's", null=True),
        ),
        migrations.AddField(
            model_name='profileskill',
            name='listed',
            field=models.BooleanField(help_text="copy of the profile's", null=True),
        ),
        migrations.AddField(
            model_name='profileskill',
            name='pattern',
            field=models.ForeignKey(db_index=False, help_text="copy of the profile's", null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='network.workpattern'),
        ),
        migrations.AddField(
            model_name='profileskill',
            name='rate_minor',
            field=models.BigIntegerField(help_text="copy of the profile's", null=True),
        ),
        migrations.AddField(
            model_name='profileskill',
            name='reputation',
            field=models.DecimalField(decimal_places=1, help_text="copy of the profile's", max_digits=4, null=True),
        ),
        migrations.RunSQL(COPY_PROFILE_FILTERS, migrations.RunSQL.noop),
        migrations.AddIndex(
            model_name='profileskill',
            index=models.Index(fields=['skill', '-reputation', 'profile', 'listed', 'country', 'pattern', 'currency', 'rate_minor', 'hours_per_week', 'level', 'years'], name='profile_skill_search_idx'),
        ),
    ]

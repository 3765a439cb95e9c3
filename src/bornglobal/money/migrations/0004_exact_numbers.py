"""Exact numbers (rates as text on SQLite, never REAL), the age of the rate on each
payment, the day a payment was for, and the idempotency keys of writes that create
something. On SQLite the rebuilt columns are rewritten as plain decimal text."""

import django.utils.timezone
from django.db import migrations, models

import bornglobal.money.fields
from bornglobal.money.fields import rewrite_as_text


def exact_text(apps, schema_editor):
    rewrite_as_text(schema_editor, "money_ledgertransaction", {"fx_rate": 12})
    rewrite_as_text(schema_editor, "money_disclosure", {"mid_market_rate": 12, "applied_rate": 12})
    rewrite_as_text(schema_editor, "money_operatorrate", {"per_eur": 10})


class Migration(migrations.Migration):

    dependencies = [
        ('money', '0003_operator_rate_updated_at'),
    ]

    operations = [
        migrations.AddField(
            model_name='disclosure',
            name='rate_age_days',
            field=models.PositiveIntegerField(default=0, help_text='days the rate was older than the day it was used for'),
        ),
        migrations.AddField(
            model_name='ledgertransaction',
            name='fx_age_days',
            field=models.PositiveIntegerField(blank=True, help_text="days between the rate's publication and value_date", null=True),
        ),
        migrations.AddField(
            model_name='ledgertransaction',
            name='value_date',
            field=models.DateField(blank=True, help_text='the day a payment was for (today when not given)', null=True),
        ),
        migrations.AlterField(
            model_name='disclosure',
            name='applied_rate',
            field=bornglobal.money.fields.ExactDecimalField(decimal_places=12, max_digits=30),
        ),
        migrations.AlterField(
            model_name='disclosure',
            name='mid_market_rate',
            field=bornglobal.money.fields.ExactDecimalField(decimal_places=12, max_digits=30),
        ),
        migrations.AlterField(
            model_name='ledgertransaction',
            name='fx_rate',
            field=bornglobal.money.fields.ExactDecimalField(blank=True, decimal_places=12, max_digits=30, null=True),
        ),
        migrations.AlterField(
            model_name='operatorrate',
            name='per_eur',
            field=bornglobal.money.fields.ExactDecimalField(decimal_places=10, help_text='units of the currency per 1 EUR', max_digits=24),
        ),
        migrations.CreateModel(
            name='IdempotentRequest',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('space', models.CharField(help_text='whose keys: venture:<id> or person:<id>', max_length=40)),
                ('key', models.CharField(max_length=128)),
                ('scope', models.CharField(help_text='the kind of write, e.g. escrow', max_length=32)),
                ('fingerprint', models.CharField(help_text='digest of what the client sent', max_length=64)),
                ('result_id', models.BigIntegerField(blank=True, help_text='what the write made', null=True)),
                ('outcome', models.JSONField(blank=True, default=dict, help_text='what else a retry answers')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={
                'ordering': ['-created_at', '-id'],
                'constraints': [models.UniqueConstraint(fields=('space', 'key'), name='idempotent_request_key_unique'), models.CheckConstraint(condition=models.Q(('key', ''), _negated=True), name='idempotent_request_key_not_empty')],
            },
        ),
        migrations.RunPython(exact_text, migrations.RunPython.noop),
    ]

"""Actions sort on their code in natural order ("2.2" before "2.10"): the stored key,
filled for every existing action (docs/adr/0031-natural-order.md)."""

from django.db import migrations

import mvimonitor.kernel.natural


def fill_keys(apps, schema_editor):
    mvimonitor.kernel.natural.fill_sort_keys(apps.get_model("plans", "Action"))


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0008_status_corrections"),
    ]

    operations = [
        migrations.AddField(
            model_name="action",
            name="code_sort_key",
            field=mvimonitor.kernel.natural.NaturalSortKeyField(
                default="",
                max_length=361,
                source="code",
                verbose_name="code in natural order",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop, elidable=False),
        migrations.AlterModelOptions(
            name="action",
            options={
                "ordering": ["period__position", "code_sort_key"],
                "verbose_name": "action",
                "verbose_name_plural": "actions",
            },
        ),
    ]

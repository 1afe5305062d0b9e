"""Tenders and contracts sort on their reference in natural order ("A3" before "A12"):
the stored keys, filled for every existing row (docs/adr/0031-natural-order.md)."""

from django.db import migrations

import mvimonitor.kernel.natural


def fill_keys(apps, schema_editor):
    for name in ("Tender", "Contract"):
        mvimonitor.kernel.natural.fill_sort_keys(apps.get_model("procurement", name))


class Migration(migrations.Migration):
    dependencies = [
        ("procurement", "0005_text_without_control_characters"),
    ]

    operations = [
        migrations.AddField(
            model_name="tender",
            name="reference_sort_key",
            field=mvimonitor.kernel.natural.NaturalSortKeyField(
                default="",
                max_length=721,
                source="reference",
                verbose_name="reference in natural order",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="contract",
            name="reference_sort_key",
            field=mvimonitor.kernel.natural.NaturalSortKeyField(
                default="",
                max_length=721,
                source="reference",
                verbose_name="reference in natural order",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop, elidable=False),
        migrations.AlterModelOptions(
            name="contract",
            options={
                "ordering": ["-awarded_on", "reference_sort_key"],
                "verbose_name": "contract",
                "verbose_name_plural": "contracts",
            },
        ),
        migrations.AlterModelOptions(
            name="tender",
            options={
                "ordering": ["planned_start_on", "reference_sort_key"],
                "verbose_name": "tender",
                "verbose_name_plural": "tenders",
            },
        ),
    ]

from django.db import migrations


def seed_themes(apps, schema_editor):
    from mvimonitor.plans.reference import NATIONAL_THEMES

    Theme = apps.get_model("plans", "Theme")
    for position, (code, name, name_en, legacy) in enumerate(NATIONAL_THEMES):
        Theme.objects.update_or_create(
            organisation=None,
            code=code,
            defaults={"name": name, "name_en": name_en, "is_legacy": legacy, "position": position},
        )


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]
    operations = [migrations.RunPython(seed_themes, migrations.RunPython.noop)]

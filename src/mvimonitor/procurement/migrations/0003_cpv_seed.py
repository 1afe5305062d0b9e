from django.db import migrations


def seed_cpv(apps, schema_editor):
    from mvimonitor.procurement.data.cpv_seed import CPV_SEED

    CpvCode = apps.get_model("procurement", "CpvCode")
    for code, name, name_en in CPV_SEED:
        CpvCode.objects.update_or_create(
            code=code[:8],
            defaults={"check_digit": code[9], "name": name, "name_en": name_en},
        )


class Migration(migrations.Migration):
    dependencies = [("procurement", "0002_supplier_version")]
    operations = [migrations.RunPython(seed_cpv, migrations.RunPython.noop)]

"""Let both staff roles see and request advice letters (never change or delete them: versions are kept)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {"Consultant": ["view_adviceletter", "add_adviceletter"], "Case manager": ["view_adviceletter", "add_adviceletter"]}


def grant(apps, schema_editor):
    # Permissions are normally created after migrate finishes; the roles need them now.
    app_config = apps.get_app_config("assessments")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        perms = Permission.objects.filter(content_type__app_label="assessments", codename__in=codenames)
        if perms.count() != len(codenames):
            raise RuntimeError(f"Advice letter permissions not found: {codenames}")
        group.permissions.add(*perms)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(
        content_type__app_label="assessments", codename__in=["view_adviceletter", "add_adviceletter"]
    )
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.remove(*perms)


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0005_advice_letters"),
        ("applicants", "0002_pathways_and_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

"""Let both staff roles publish hours and see (and cancel) the consultations of their cases; which rows
each may touch is the admin's scoping (own hours; cases in scope)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = [
    "view_weeklyhours",
    "add_weeklyhours",
    "change_weeklyhours",
    "delete_weeklyhours",
    "view_availabilityexception",
    "add_availabilityexception",
    "change_availabilityexception",
    "delete_availabilityexception",
    "view_appointment",
    "change_appointment",
]
GRANTS = {"Consultant": CODENAMES, "Case manager": CODENAMES}


def grant(apps, schema_editor):
    # Permissions are normally created after migrate finishes; the roles need them now.
    app_config = apps.get_app_config("bookings")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        perms = Permission.objects.filter(content_type__app_label="bookings", codename__in=codenames)
        if perms.count() != len(codenames):
            raise RuntimeError(f"Booking permissions not found: {codenames}")
        group.permissions.add(*perms)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(content_type__app_label="bookings", codename__in=CODENAMES)
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.remove(*perms)


class Migration(migrations.Migration):
    dependencies = [
        ("bookings", "0001_initial"),
        ("applicants", "0002_pathways_and_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

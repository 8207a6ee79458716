"""Seed the pathway codes and the two staff roles with their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PATHWAY_CODES = [
    "sg_tech_pass",
    "sg_one_pass",
    "sg_one_pass_ai_tech",
    "sg_employment_pass",
    "sg_entrepass",
    "cn_k_visa",
    "cn_work_permit",
    "cn_r_visa",
]

# Consultants work on cases (theirs and the unassigned queue; scoping is in the admin) and never delete.
CONSULTANT = {
    "applicants": [
        "view_applicant", "add_applicant", "change_applicant",
        "view_case", "add_case", "change_case",
        "view_note", "add_note", "change_note",
        "view_document", "add_document", "change_document",
        "view_reminder", "add_reminder", "change_reminder",
        "view_consentrecord", "view_pathway", "view_casestatuschange",
    ],
    "assessments": ["view_assessment"],
}
# Case managers see every case, assign work to anyone and may delete.
CASE_MANAGER = {
    "applicants": CONSULTANT["applicants"] + [
        "manage_all_cases", "delete_case", "delete_note", "delete_document", "delete_reminder",
    ],
    "assessments": ["view_assessment"],
    "auditlog": ["view_logentry"],
}
ROLES = {"Consultant": CONSULTANT, "Case manager": CASE_MANAGER}


def create_roles(apps, schema_editor):
    # Permissions are normally created after migrate finishes; the roles need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Pathway = apps.get_model("applicants", "Pathway")
    for code in PATHWAY_CODES:
        Pathway.objects.get_or_create(code=code)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codenames in grants.items():
            perms = Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
            missing = set(codenames) - set(perms.values_list("codename", flat=True))
            if missing:
                raise RuntimeError(f"Permissions not found for {app_label}: {sorted(missing)}")
            group.permissions.add(*perms)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()
    apps.get_model("applicants", "Pathway").objects.filter(code__in=PATHWAY_CODES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("applicants", "0001_initial"),
        ("assessments", "0001_initial"),
        ("auditlog", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]

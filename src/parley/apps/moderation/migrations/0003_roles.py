"""The three roles of the moderation workspace as groups with their permissions (see permissions.py)."""

from django.db import migrations

WORKSPACE = ["moderate_comments", "restrict_commenters", "decide_appeals"]
RECORDS = ["view_auditevent", "view_statementofreasons", "view_notice", "view_appeal", "view_commenterrestriction",
           "view_takedown", "view_sitemoderator"]
READ = [("comments", "view_comment"), ("comments", "view_commenter"), ("comments", "view_commentrevision"),
        ("articles", "view_article"), ("articles", "view_site")]

ROLES = {
    "Parley admins": (
        [("moderation", p) for p in WORKSPACE + RECORDS + [
            "moderate_all_sites", "take_down", "view_reports", "export_statements", "manage_moderators",
            "add_sitemoderator", "change_sitemoderator", "delete_sitemoderator"]]
        + READ + [("comments", "change_comment"), ("articles", "change_article"), ("articles", "change_site")]
    ),
    "Moderators": [("moderation", p) for p in WORKSPACE + RECORDS] + READ,
    "Analysts": [("moderation", p) for p in RECORDS + ["view_reports", "export_statements"]] + READ,
}


def create_roles(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, perms in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codename in perms:
            permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
            group.permissions.add(permission)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=list(ROLES)).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("moderation", "0002_due_process"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]

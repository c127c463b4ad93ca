"""Which group holds which case permission (used by the demo and the tests)."""

from django.contrib.auth.models import Group, Permission

from .models import OfficerRole

GROUP_PERMISSIONS = {
    "Case intake": ["view_case", "screen_case", "view_identity"],
    "Case officers": ["view_case", "work_case", "view_identity"],
    "Case supervisors": ["view_case", "screen_case", "assign_case", "work_case", "close_case", "view_identity",
                         "view_sealed_identity", "change_case", "view_caseevent",
                         "add_routingrule", "change_routingrule", "delete_routingrule", "view_routingrule",
                         "add_holiday", "change_holiday", "delete_holiday", "view_holiday",
                         "add_sla", "change_sla", "view_sla", "view_department"],
    "Editors": ["add_category", "change_category", "view_category"],
}
GROUP_ROLES = {"Case intake": OfficerRole.INTAKE, "Case officers": OfficerRole.OFFICER,
               "Case supervisors": OfficerRole.SUPERVISOR}


def grant_group_permissions():
    """Give each case group its permissions (idempotent); returns the groups."""
    groups = {}
    for name, codenames in GROUP_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        perms = Permission.objects.filter(content_type__app_label="cases", codename__in=codenames)
        group.permissions.add(*perms)
        groups[name] = group
    return groups

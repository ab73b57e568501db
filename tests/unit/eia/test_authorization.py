"""The one role-to-permission table."""

from eia.authorization import ROLE_PERMISSIONS, Permission, Role


def test_every_permission_is_granted_by_some_role_and_authors_cannot_sign_off():
    assert set(ROLE_PERMISSIONS) == set(Permission)
    assert Role.PROJECT_MANAGER not in ROLE_PERMISSIONS[Permission.SIGN_OFF_ASSESSMENT]
    assert Role.VIEWER not in ROLE_PERMISSIONS[Permission.REVIEW_ASSESSMENT]

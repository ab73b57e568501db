"""A demo login: who they are and the one role they hold."""

from dataclasses import dataclass

from eia.authorization import Role


@dataclass(frozen=True)
class DemoPerson:
    username: str
    first_name: str
    last_name: str
    job_title: str
    role: Role


def team(slug: str, names: dict[Role, tuple[str, str, str]]) -> list[DemoPerson]:
    """One person per role, with usernames as the demo's README lists them (role.slug)."""
    prefix = {
        Role.PROJECT_MANAGER: "pm",
        Role.EQUALITY_OFFICER: "officer",
        Role.DECISION_MAKER: "dm",
        Role.EQUALITY_LEAD: "lead",
        Role.VIEWER: "viewer",
        Role.AUDITOR: "auditor",
    }
    return [
        DemoPerson(f"{prefix[role]}.{slug}", first, last, title, role)
        for role, (first, last, title) in names.items()
    ]

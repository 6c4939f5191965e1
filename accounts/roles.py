"""What roles a person holds, loaded once per request.

Every permission predicate reads from this, so checking many objects on one
page costs one query rather than one per object.
"""

from dataclasses import dataclass, field

from accounts.models import Membership, Role
from core.cached import for_user


@dataclass(frozen=True)
class Roles:
    adviser_programmes: frozenset[int] = field(default_factory=frozenset)
    mentor_programmes: frozenset[int] = field(default_factory=frozenset)
    fellow_cohorts: frozenset[int] = field(default_factory=frozenset)
    facilitator_cohorts: frozenset[int] = field(default_factory=frozenset)
    reviewer_cohorts: frozenset[int] = field(default_factory=frozenset)
    # The programme of every cohort above, so cohort roles can be placed.
    cohort_programmes: frozenset[int] = field(default_factory=frozenset)
    # The programmes of `fellow_cohorts`.
    fellow_programmes: frozenset[int] = field(default_factory=frozenset)

    @property
    def is_adviser(self) -> bool:
        return bool(self.adviser_programmes)

    @property
    def is_fellow(self) -> bool:
        return bool(self.fellow_cohorts)

    @property
    def is_mentor(self) -> bool:
        return bool(self.mentor_programmes)

    @property
    def is_facilitator(self) -> bool:
        return bool(self.facilitator_cohorts)

    @property
    def is_reviewer(self) -> bool:
        return bool(self.reviewer_cohorts)

    @property
    def cohorts(self) -> frozenset[int]:
        """Cohorts the person belongs to through a cohort role."""
        return self.fellow_cohorts | self.facilitator_cohorts | self.reviewer_cohorts

    @property
    def programmes(self) -> frozenset[int]:
        """Programmes the person takes part in, whatever the role."""
        return self.adviser_programmes | self.mentor_programmes | self.cohort_programmes


NO_ROLES = Roles()

_BY_ROLE = {
    Role.ADVISER: "adviser_programmes",
    Role.MENTOR: "mentor_programmes",
    Role.FELLOW: "fellow_cohorts",
    Role.FACILITATOR: "facilitator_cohorts",
    Role.REVIEWER: "reviewer_cohorts",
}


def roles_of(user) -> Roles:
    """The active roles of a user: once per request, and from the cache while the person's
    own stamp (core.changes; every membership write moves it) is unchanged."""
    if not user.is_authenticated:
        return NO_ROLES
    cached = getattr(user, "_pioneer_roles", None)
    if cached is not None:
        return cached
    roles = for_user(user, "roles", lambda: _load_roles(user))
    user._pioneer_roles = roles
    return roles


def _load_roles(user) -> Roles:
    found: dict[str, set[int]] = {name: set() for name in _BY_ROLE.values()}
    cohort_programmes: set[int] = set()
    fellow_programmes: set[int] = set()
    rows = Membership.objects.filter(user=user, is_active=True).values_list(
        "role", "programme_id", "cohort_id"
    )
    for role, programme_id, cohort_id in rows:
        if cohort_id is None:
            found[_BY_ROLE[role]].add(programme_id)
        else:
            found[_BY_ROLE[role]].add(cohort_id)
            cohort_programmes.add(programme_id)
            if role == Role.FELLOW:
                fellow_programmes.add(programme_id)
    return Roles(
        **{name: frozenset(ids) for name, ids in found.items()},
        cohort_programmes=frozenset(cohort_programmes),
        fellow_programmes=frozenset(fellow_programmes),
    )


def forget_roles(user) -> None:
    """Drop the cached roles after a membership changes."""
    # The person's stamp read at the start of the request is now behind: no more caching.
    for name in ("_pioneer_roles", "_pioneer_cached", "own_stamp"):
        user.__dict__.pop(name, None)

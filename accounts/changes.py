"""What each write to people, programmes and cohorts changes (core.changes), and the
helpers the apps above use to say where their own rows belong."""

from accounts.models import Cohort, Invitation, Membership, Programme, User
from core.changes import NOWHERE, Places, parent_values, watch


def in_programme(fk: str = "programme_id"):
    """Places of a row that holds its programme's id in `fk`."""

    def places(instance) -> Places:
        programme_id = getattr(instance, fk)
        return Places(programmes={programme_id}) if programme_id else NOWHERE

    return places


def in_cohort(model=Cohort, fk: str = "cohort_id", path: str = ""):
    """Places of a row whose cohort is found from the `model` row whose id it holds in
    `fk`, along `path` (e.g. Response, "response_id", "wave__cohort")."""
    prefix = f"{path}__" if path else ""

    def places(instance) -> Places:
        row = parent_values(instance, model, fk, f"{prefix}programme_id", f"{prefix}id")
        return Places(cohorts={row}) if row and row[1] else NOWHERE

    return places


def _membership(membership) -> Places:
    place = (
        Places(cohorts={(membership.programme_id, membership.cohort_id)})
        if membership.cohort_id
        else Places(programmes={membership.programme_id})
    )
    return place | Places(users={membership.user_id})


def _user(user) -> Places:
    # A person's name and email show on their programmes' pages.
    rows = Membership.objects.filter(user_id=user.pk).values_list("programme_id", "cohort_id")
    return Places(
        programmes={p for p, c in rows if c is None},
        cohorts={(p, c) for p, c in rows if c is not None},
        users={user.pk},
    )


def _invitation(invitation) -> Places:
    if invitation.cohort_id:
        return Places(cohorts={(invitation.programme_id, invitation.cohort_id)})
    return Places(programmes={invitation.programme_id})


def connect() -> None:
    watch(User, _user)
    watch(Programme, lambda programme: Places(programmes={programme.pk}))
    # A new or renamed cohort shows on its programme's other cohorts' pages (comparisons).
    watch(Cohort, lambda cohort: Places(programmes={cohort.programme_id}))
    watch(Membership, _membership)
    watch(Invitation, _invitation)

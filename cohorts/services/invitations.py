"""Bulk invitations: what would happen to each line of a list, then sending it."""

from collections.abc import Sequence
from dataclasses import dataclass, replace

from django.db import transaction

from accounts.models import COHORT_ROLES, Cohort, Invitation, Role, User
from accounts.selectors import active_roles_by_email
from accounts.services import invitations_create
from audit import services as audit
from audit.models import Action


class LineStatus:
    INVITE = "Will be invited"
    INVITED = "Invited"
    MEMBER = "Already a member"
    PENDING = "Already invited"
    DUPLICATE = "Duplicate"
    INVALID = "Invalid"


@dataclass(frozen=True)
class InviteLine:
    """One person to invite, as read from a pasted list or a CSV file."""

    number: int
    email: str
    role: str
    name: str = ""
    organisation: str = ""
    job_title: str = ""
    profession: str = ""
    problem: str = ""  # why the line cannot be used, found while reading it


@dataclass(frozen=True)
class PlannedInvitation:
    line: InviteLine
    status: str
    note: str = ""

    @property
    def will_send(self) -> bool:
        return self.status in (LineStatus.INVITE, LineStatus.INVITED)


BULK_ROLES = (Role.FELLOW, Role.FACILITATOR, Role.REVIEWER, Role.MENTOR)


def _place(cohort: Cohort, role: str) -> Cohort | None:
    return cohort if role in COHORT_ROLES else None


def invitations_plan(*, cohort: Cohort, lines: Sequence[InviteLine]) -> list[PlannedInvitation]:
    """What would happen to each line: invited, already a member, duplicate or invalid."""
    emails = {line.email for line in lines if not line.problem}
    members = active_roles_by_email(cohort.programme, emails)
    pending = set(
        Invitation.objects.pending()
        .filter(programme_id=cohort.programme_id, email__in=emails)
        .values_list("email", "cohort_id", "role")
    )
    first_seen: dict[str, int] = {}
    plan = []
    for line in lines:
        place = _place(cohort, line.role)
        if line.problem:
            plan.append(PlannedInvitation(line, LineStatus.INVALID, line.problem))
        elif line.email in first_seen:
            note = f"Same address as line {first_seen[line.email]}"
            plan.append(PlannedInvitation(line, LineStatus.DUPLICATE, note))
        elif (line.email, place.pk if place else None, line.role) in members:
            plan.append(PlannedInvitation(line, LineStatus.MEMBER))
        elif (line.email, place.pk if place else None, line.role) in pending:
            note = "An invitation is waiting for an answer; resend it from the programme page"
            plan.append(PlannedInvitation(line, LineStatus.PENDING, note))
        else:
            plan.append(PlannedInvitation(line, LineStatus.INVITE))
        first_seen.setdefault(line.email, line.number)
    return plan


@transaction.atomic
def invitations_send(
    *, cohort: Cohort, invited_by: User, lines: Sequence[InviteLine]
) -> list[PlannedInvitation]:
    """Invite every line that can be invited, all or none, in one insert; each email goes
    by its own task after commit."""
    plan = invitations_plan(cohort=cohort, lines=lines)
    invitations = invitations_create(
        invited_by=invited_by,
        programme=cohort.programme,
        people=[
            {
                "cohort": _place(cohort, item.line.role),
                "email": item.line.email,
                "role": item.line.role,
                "name": item.line.name,
                "organisation": item.line.organisation,
                "job_title": item.line.job_title,
                "profession": item.line.profession,
            }
            for item in plan
            if item.status == LineStatus.INVITE
        ],
    )
    # One insert sends no signal: the trail is written here.
    audit.changes_record(action=Action.CREATE, pairs=[(None, made) for made in invitations])
    return [
        replace(item, status=LineStatus.INVITED) if item.status == LineStatus.INVITE else item
        for item in plan
    ]

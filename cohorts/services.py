"""Every write a person can cause on cohorts, timetables, attendance, sets and interviews."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone

from accounts.models import (
    COHORT_ROLES,
    Cohort,
    Invitation,
    Membership,
    Programme,
    Role,
    User,
)
from accounts.selectors import active_roles_by_email
from accounts.services import invitations_create
from cohorts.models import (
    Attendance,
    DevelopmentGoal,
    IntakeInterview,
    LearningSet,
    LearningSetMember,
    Session,
    Theme,
)
from core.db import refused_on_conflict

# A learning set works with 4 to 8 fellows; outside that the adviser must confirm.
SET_SIZE_MIN = 4
SET_SIZE_MAX = 8


# Cohorts


def cohort_create(
    *, programme: Programme, name: str, starts_on: date, ends_on: date, status: str
) -> Cohort:
    cohort = Cohort(
        programme=programme, name=name.strip(), starts_on=starts_on, ends_on=ends_on, status=status
    )
    cohort.full_clean()
    cohort.save()
    return cohort


@transaction.atomic
def cohort_update(
    *, cohort: Cohort, name: str, starts_on: date, ends_on: date, status: str
) -> Cohort:
    """Change a cohort's name, dates or status; its sessions must still fit its dates."""
    cohort.name, cohort.starts_on, cohort.ends_on, cohort.status = (
        name.strip(),
        starts_on,
        ends_on,
        status,
    )
    cohort.full_clean()
    outside = [
        session
        for session in cohort.sessions.only("starts_at", "ends_at")
        if not _within(cohort, session.starts_at, session.ends_at)
    ]
    if outside:
        raise ValidationError(
            f"{len(outside)} session{'s' if len(outside) > 1 else ''} of this cohort would fall "
            "outside these dates. Move them first, or choose dates that include them."
        )
    cohort.save()
    return cohort


# Bulk invitations


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
    invitations_create(
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
    return [
        replace(item, status=LineStatus.INVITED) if item.status == LineStatus.INVITE else item
        for item in plan
    ]


# Sessions


def _within(cohort: Cohort, starts_at, ends_at) -> bool:
    first = timezone.localtime(starts_at).date()
    last = timezone.localtime(ends_at).date()
    return cohort.starts_on <= first and last <= cohort.ends_on


def _check_session(session: Session) -> None:
    session.full_clean()
    if not _within(session.cohort, session.starts_at, session.ends_at):
        cohort = session.cohort
        raise ValidationError(
            f"The session must fall within the cohort's dates, {cohort.starts_on:%-d %B %Y} "
            f"to {cohort.ends_on:%-d %B %Y}."
        )


def session_create(
    *,
    cohort: Cohort,
    kind: str,
    title: str,
    starts_at,
    ends_at,
    location: str = "",
    online_link: str = "",
    description: str = "",
    learning_set: LearningSet | None = None,
) -> Session:
    session = Session(
        cohort=cohort,
        kind=kind,
        title=title.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        location=location.strip(),
        online_link=online_link.strip(),
        description=description.strip(),
        learning_set=learning_set,
    )
    _check_session(session)
    session.save()
    return session


SESSION_FIELDS = (
    "kind",
    "title",
    "starts_at",
    "ends_at",
    "location",
    "online_link",
    "description",
    "learning_set",
)


def session_update(*, session: Session, **changes) -> Session:
    """Change a session; its SEQUENCE goes up so calendars replace the old event."""
    unknown = set(changes) - set(SESSION_FIELDS)
    if unknown:
        raise TypeError(f"session_update() got unexpected fields {sorted(unknown)}")
    for name, value in changes.items():
        setattr(session, name, value.strip() if isinstance(value, str) else value)
    _check_session(session)
    session.sequence += 1
    session.save()
    return session


def session_delete(*, session: Session) -> None:
    # Attendance PROTECTs its session, so the delete itself refuses.
    try:
        session.delete()
    except ProtectedError as error:
        raise ValidationError(
            "Attendance has been taken for this session, so it cannot be deleted."
        ) from error


# Attendance


def attendance_record(*, session: Session, recorded_by: User, statuses: Mapping[int, str]) -> int:
    """Save the status of every fellow given, in one statement. Returns how many."""
    now = timezone.now()
    rows = []
    for fellow_id, status in statuses.items():
        row = Attendance(
            session=session,
            fellow_id=fellow_id,
            status=status,
            recorded_by=recorded_by,
            recorded_at=now,
        )
        # Checks the status; the fellows were checked by the form, the pair by the upsert.
        row.full_clean(
            exclude=["session", "fellow", "recorded_by"],
            validate_unique=False,
            validate_constraints=False,
        )
        rows.append(row)
    with transaction.atomic():
        Attendance.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["session", "fellow"],
            update_fields=["status", "recorded_by", "recorded_at"],
        )
    return len(rows)


# Learning sets


@dataclass(frozen=True)
class NewSet:
    name: str
    facilitator: User | None
    fellows: Sequence[User] = field(default_factory=tuple)


def _check_people(cohort: Cohort, facilitator: User | None, fellows: Iterable[User]) -> None:
    active = Membership.objects.filter(cohort=cohort, is_active=True)
    fellow_ids = {fellow.pk for fellow in fellows}
    known = set(
        active.filter(role=Role.FELLOW, user_id__in=fellow_ids).values_list("user_id", flat=True)
    )
    if len(known) != len(fellow_ids):
        raise ValidationError("Everyone in a learning set must be a fellow of its cohort.")
    if (
        facilitator is not None
        and not active.filter(role=Role.FACILITATOR, user=facilitator).exists()
    ):
        raise ValidationError("The facilitator must be a facilitator of this cohort.")


def _place_fellows(learning_set: LearningSet, fellows: Iterable[User]) -> None:
    taken = (
        "A fellow can be in only one learning set in a cohort; someone chosen has just "
        "been placed in another set."
    )
    with refused_on_conflict(taken):
        LearningSetMember.objects.bulk_create(
            LearningSetMember(learning_set=learning_set, cohort=learning_set.cohort, fellow=f)
            for f in fellows
        )


@transaction.atomic
def learning_set_create(
    *, cohort: Cohort, name: str, facilitator: User | None, fellows: Sequence[User]
) -> LearningSet:
    _check_people(cohort, facilitator, fellows)
    learning_set = LearningSet(cohort=cohort, name=name.strip(), facilitator=facilitator)
    learning_set.full_clean()
    learning_set.save()
    _place_fellows(learning_set, fellows)
    return learning_set


@transaction.atomic
def learning_set_update(
    *, learning_set: LearningSet, name: str, facilitator: User | None, fellows: Sequence[User]
) -> LearningSet:
    """Rename the set, change its facilitator and replace its members."""
    _check_people(learning_set.cohort, facilitator, fellows)
    learning_set.name, learning_set.facilitator = name.strip(), facilitator
    learning_set.full_clean()
    learning_set.save()
    wanted = {fellow.pk for fellow in fellows}
    learning_set.members.exclude(fellow_id__in=wanted).delete()
    staying = set(learning_set.members.values_list("fellow_id", flat=True))
    _place_fellows(learning_set, [fellow for fellow in fellows if fellow.pk not in staying])
    return learning_set


@transaction.atomic
def learning_sets_create(*, cohort: Cohort, sets: Sequence[NewSet]) -> list[LearningSet]:
    """Save a whole split at once: every set is made, or none is."""
    return [
        learning_set_create(
            cohort=cohort, name=new.name, facilitator=new.facilitator, fellows=new.fellows
        )
        for new in sets
    ]


# Intake interviews and themes


@dataclass(frozen=True)
class GoalInput:
    text: str
    themes: Sequence[Theme] = ()


@transaction.atomic
def interview_save(
    *,
    cohort: Cohort,
    fellow: User,
    interviewer: User | None,
    held_on: date,
    hopes: str,
    motivation: str,
    starting_skilled: int,
    starting_connected: int,
    starting_inspired: int,
    goals: Sequence[GoalInput],
) -> IntakeInterview:
    """Record a fellow's intake interview, or replace it, with its agreed goals."""
    fellows = Membership.objects.active_fellows(cohort)
    if not fellows.filter(user=fellow).exists():
        raise ValidationError("Only fellows of the cohort are interviewed.")
    for goal in goals:
        if any(theme.programme_id != cohort.programme_id for theme in goal.themes):
            raise ValidationError("Goals are tagged with the programme's own themes.")
    interview = IntakeInterview.objects.filter(cohort=cohort, fellow=fellow).first()
    interview = interview or IntakeInterview(cohort=cohort, fellow=fellow)
    interview.interviewer = interviewer
    interview.held_on = held_on
    interview.hopes = hopes.strip()
    interview.motivation = motivation
    interview.starting_skilled = starting_skilled
    interview.starting_connected = starting_connected
    interview.starting_inspired = starting_inspired
    interview.full_clean()
    interview.save()
    interview.goals.all().delete()
    for position, goal in enumerate(goals):
        made = DevelopmentGoal(interview=interview, text=goal.text.strip(), position=position)
        made.full_clean()
        made.save()
        made.themes.set(goal.themes)
    return interview


def theme_create(*, programme: Programme, name: str) -> Theme:
    theme = Theme(programme=programme, name=name.strip())
    theme.full_clean()
    theme.save()
    return theme


def theme_rename(*, theme: Theme, name: str) -> Theme:
    theme.name = name.strip()
    theme.full_clean()
    theme.save(update_fields=["name"])
    return theme

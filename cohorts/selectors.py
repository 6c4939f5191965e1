"""Reads shared by views and other apps. Lists are filtered by the same rules as
`cohorts/rules.py`, and every summary is aggregated in the database."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from accounts.models import Cohort, Membership, Role, User
from accounts.roles import roles_of
from cohorts.models import (
    Attendance,
    DevelopmentGoal,
    IntakeInterview,
    LearningSet,
    LearningSetMember,
    Session,
    Theme,
)
from core.db import count_of
from core.ical import CalendarEvent, uid_for

# How far back a calendar feed reaches; older sessions drop out of it.
FEED_HISTORY = timedelta(days=365)
# How many upcoming sessions a personal timetable lists.
TIMETABLE_LIMIT = 20
# Fellows attending fewer than this share (%) of recorded sessions are flagged.
ATTENDANCE_FLAG = 75


# People


def cohort_fellows(cohort: Cohort) -> QuerySet[Membership]:
    """Active fellows of a cohort with the id of their learning set (`set_id`)."""
    return (
        Membership.objects.active_fellows(cohort)
        .select_related("user")
        .annotate(
            set_id=Subquery(
                LearningSetMember.objects.filter(
                    cohort_id=cohort.pk, fellow_id=OuterRef("user_id")
                ).values("learning_set_id")[:1]
            )
        )
        .order_by("user__name", "pk")
    )


def cohort_facilitators(cohort: Cohort) -> QuerySet[User]:
    return User.objects.filter(
        memberships__cohort=cohort,
        memberships__role=Role.FACILITATOR,
        memberships__is_active=True,
    ).order_by("name")


def sees_only_own_set_members(user, cohort: Cohort) -> bool:
    """A facilitator who holds no other role here sees only their sets' members."""
    roles = roles_of(user)
    return (
        cohort.pk in roles.facilitator_cohorts
        and cohort.pk not in roles.fellow_cohorts | roles.reviewer_cohorts
        and cohort.programme_id not in roles.adviser_programmes | roles.mentor_programmes
    )


def cohort_people(cohort: Cohort, user=None) -> dict[str, list[Membership]]:
    """Active members grouped by role, with the programme's advisers and mentors."""
    members = (
        Membership.objects.filter(programme_id=cohort.programme_id, is_active=True)
        .filter(Q(cohort=cohort) | Q(cohort__isnull=True))
        .select_related("user")
        .order_by("user__name")
    )
    if user is not None and sees_only_own_set_members(user, cohort):
        own_sets = LearningSetMember.objects.filter(
            learning_set__facilitator=user, cohort=cohort
        ).values("fellow_id")
        members = members.exclude(Q(role=Role.FELLOW) & ~Q(user_id__in=own_sets))
    grouped: dict[str, list] = {}
    for membership in members:
        grouped.setdefault(membership.role, []).append(membership)
    return grouped


def cohort_with_counts(cohort_id: int, user) -> Cohort | None:
    """The cohort with counts of the sets and sessions the person may see (as the
    timetable lists them), the upcoming ones, and its interviews."""
    now = timezone.now()
    sessions = sessions_visible_to(user).filter(cohort=OuterRef("pk"))
    sets = learning_sets_visible_to(user).filter(cohort=OuterRef("pk"))
    return (
        Cohort.objects.select_related("programme")
        .annotate(
            set_count=count_of(sets, "cohort"),
            session_count=count_of(sessions, "cohort"),
            upcoming_count=count_of(sessions.filter(ends_at__gte=now), "cohort"),
            interview_count=count_of(
                IntakeInterview.objects.filter(cohort=OuterRef("pk")), "cohort"
            ),
        )
        .filter(pk=cohort_id)
        .first()
    )


# Timetable


def sessions_visible_to(user) -> QuerySet[Session]:
    """Sessions the person may open: the `cohorts.view_session` rule as a query."""
    roles = roles_of(user)
    in_cohort = Q(cohort__programme_id__in=roles.adviser_programmes | roles.mentor_programmes) | Q(
        cohort_id__in=roles.cohorts
    )
    # A set's meetings are seen by whoever may open the set.
    meetings = Q(learning_set__in=learning_sets_visible_to(user).values("pk"))
    return Session.objects.filter((Q(learning_set__isnull=True) & in_cohort) | meetings)


def cohort_timetable(user, cohort: Cohort) -> QuerySet[Session]:
    return (
        sessions_visible_to(user)
        .filter(cohort=cohort)
        .select_related("learning_set")
        .order_by("starts_at", "pk")
    )


def upcoming_sessions_for(user, *, cohort_ids=None, limit: int = 5) -> list[Session]:
    sessions = sessions_visible_to(user).filter(ends_at__gte=timezone.now())
    if cohort_ids is not None:
        sessions = sessions.filter(cohort_id__in=cohort_ids)
    return list(
        sessions.select_related("cohort", "learning_set").order_by("starts_at", "pk")[:limit]
    )


def own_attendance(user, sessions) -> dict[int, str]:
    """The person's own attendance status at each of `sessions`, by session id."""
    return dict(
        Attendance.objects.filter(fellow=user, session__in=sessions).values_list(
            "session_id", "status"
        )
    )


def _feed_sessions(user) -> QuerySet[Session]:
    """The sessions in a person's calendar: their cohorts' sessions as a fellow,
    their sets' meetings as a facilitator, and as an adviser the sessions of the
    programme's cohorts that have not finished."""
    roles = roles_of(user)
    theirs = (
        Q(cohort_id__in=roles.fellow_cohorts)
        | Q(learning_set__facilitator=user.pk, cohort_id__in=roles.facilitator_cohorts)
        | (
            Q(cohort__programme_id__in=roles.adviser_programmes)
            & ~Q(cohort__status=Cohort.Status.COMPLETED)
        )
    )
    return (
        sessions_visible_to(user)
        .filter(theirs, ends_at__gte=timezone.now() - FEED_HISTORY)
        .select_related("cohort")
        .order_by("starts_at", "pk")
    )


def calendar_events_for(user) -> list[CalendarEvent]:
    """The person's sessions as calendar events with stable UIDs."""
    events = []
    for session in _feed_sessions(user):
        page = settings.SITE_URL + reverse("cohorts:session_detail", args=[session.pk])
        details = [session.get_kind_display() + f", {session.cohort.name}"]
        if session.description:
            details.append(session.description)
        if session.online_link:
            details.append(f"Join online: {session.online_link}")
        details.append(f"Details: {page}")
        events.append(
            CalendarEvent(
                uid=uid_for("session", session.pk),
                start=session.starts_at,
                end=session.ends_at,
                summary=session.title,
                sequence=session.sequence,
                location=session.location or session.online_link,
                description="\n\n".join(details),
                url=page,
            )
        )
    return events


# Attendance


def expected_fellows(session: Session) -> QuerySet[Membership]:
    """Fellows expected at a session: the cohort's, or the set's for its meetings."""
    fellows = Membership.objects.active_fellows(session.cohort_id).select_related("user")
    if session.learning_set_id:
        members = LearningSetMember.objects.filter(learning_set_id=session.learning_set_id)
        fellows = fellows.filter(user_id__in=members.values("fellow_id"))
    return fellows.order_by("user__name", "pk")


def attendance_at(session: Session) -> dict[int, str]:
    return dict(session.attendance.values_list("fellow_id", "status"))


def _status_counts(prefix: str, extra: Q | None = None) -> dict:
    return {
        status: Count(prefix, filter=(extra or Q()) & Q(**{f"{prefix}__status": status}))
        for status in Attendance.Status.values
    }


def fellow_attendance(cohort: Cohort) -> QuerySet[Membership]:
    """Each active fellow with counts of `present`, `apologies` and `absent` at the
    cohort's sessions. Evaluation reads this for sessions attended."""
    in_cohort = Q(user__attendance_records__session__cohort=cohort)
    return (
        Membership.objects.active_fellows(cohort)
        .select_related("user")
        .annotate(**_status_counts("user__attendance_records", in_cohort))
        .order_by("user__name", "pk")
    )


def session_attendance(cohort: Cohort) -> QuerySet[Session]:
    """Sessions that have started, with counts per status and, for meetings, how many
    active fellows the set has (`set_fellows`)."""
    return (
        Session.objects.filter(cohort=cohort, starts_at__lte=timezone.now())
        .select_related("learning_set")
        .annotate(
            **_status_counts("attendance"),
            set_fellows=_active_members_count(OuterRef("learning_set_id")),
        )
        .order_by("starts_at", "pk")
    )


# Learning sets


def _active_members_count(learning_set_id: OuterRef) -> Coalesce:
    """How many of a set's fellows are still active fellows of its cohort (as the set's
    own page lists them)."""
    active = Membership.objects.filter(
        cohort_id=OuterRef("cohort_id"),
        user_id=OuterRef("fellow_id"),
        role=Role.FELLOW,
        is_active=True,
    )
    members = LearningSetMember.objects.filter(learning_set=learning_set_id).filter(Exists(active))
    return count_of(members, "learning_set")


def learning_sets_visible_to(user) -> QuerySet[LearningSet]:
    """Sets the person may open: the `cohorts.view_learning_set` rule as a query."""
    roles = roles_of(user)
    own = LearningSetMember.objects.filter(
        fellow=user.pk, cohort_id__in=roles.fellow_cohorts
    ).values("learning_set_id")
    return LearningSet.objects.filter(
        Q(cohort__programme_id__in=roles.adviser_programmes)
        | Q(facilitator=user.pk, cohort_id__in=roles.facilitator_cohorts)
        | Q(pk__in=own)
    )


def learning_sets_facilitated_by(user) -> QuerySet[LearningSet]:
    """Sets the person facilitates, in cohorts where they are still a facilitator."""
    return (
        LearningSet.objects.filter(
            facilitator=user, cohort_id__in=roles_of(user).facilitator_cohorts
        )
        .select_related("cohort", "cohort__programme")
        .annotate(member_count=_active_members_count(OuterRef("pk")))
        .order_by("cohort__name", "name")
    )


def fellows_in_sets_of(user) -> QuerySet[LearningSetMember]:
    """`fellow_id`s of the fellows in the person's sets: the `facilitates_fellow` rule
    as a subquery, for other apps' lists."""
    return LearningSetMember.objects.filter(
        learning_set__facilitator=user.pk, cohort_id__in=roles_of(user).facilitator_cohorts
    ).values("fellow_id")


def next_meetings_of(learning_sets, *, limit: int = 5) -> list[Session]:
    return list(
        Session.objects.filter(learning_set__in=learning_sets, ends_at__gte=timezone.now())
        .select_related("learning_set", "cohort")
        .order_by("starts_at", "pk")[:limit]
    )


def learning_sets_of(cohort: Cohort) -> QuerySet[LearningSet]:
    return cohort.learning_sets.select_related("facilitator").order_by("name")


def learning_set_places_of(user) -> QuerySet[LearningSetMember]:
    """The sets a fellow is in, one per cohort where they are an active fellow."""
    return (
        LearningSetMember.objects.filter(fellow=user, cohort_id__in=roles_of(user).fellow_cohorts)
        .select_related("learning_set", "learning_set__facilitator", "cohort")
        .annotate(member_count=_active_members_count(OuterRef("learning_set_id")))
        .order_by("cohort__starts_on")
    )


def learning_set_members(learning_set: LearningSet) -> QuerySet[Membership]:
    """The set's active fellows with their attendance at its meetings."""
    at_meetings = Q(user__attendance_records__session__learning_set=learning_set)
    return (
        cohort_fellows(learning_set.cohort)
        .filter(set_id=learning_set.pk)
        .annotate(**_status_counts("user__attendance_records", at_meetings))
    )


# Intake interviews


def interview_of(user, cohort: Cohort) -> IntakeInterview | None:
    return IntakeInterview.objects.filter(fellow=user, cohort=cohort).first()


def interviews_of(user) -> dict[int, int]:
    """The person's own interview id in each cohort where they are a fellow."""
    return dict(
        IntakeInterview.objects.filter(
            fellow=user, cohort_id__in=roles_of(user).fellow_cohorts
        ).values_list("cohort_id", "pk")
    )


def interviewers_for(cohort: Cohort, interview: IntakeInterview | None = None) -> QuerySet[User]:
    """Who may be recorded as the interviewer: the programme's active advisers, and
    whoever an existing interview already names."""
    named = interview.interviewer_id if interview is not None else None
    return (
        User.objects.filter(
            Q(
                memberships__programme_id=cohort.programme_id,
                memberships__role=Role.ADVISER,
                memberships__cohort__isnull=True,
                memberships__is_active=True,
            )
            | Q(pk=named)
        )
        .distinct()
        .order_by("name")
    )


def programme_themes(programme_id: int) -> QuerySet[Theme]:
    return Theme.objects.filter(programme_id=programme_id).order_by("name")


def interview_overview(cohort: Cohort) -> QuerySet[Membership]:
    """Every active fellow with their interview's id, date, interviewer and motivation."""
    interview = IntakeInterview.objects.filter(cohort=cohort, fellow_id=OuterRef("user_id"))
    return cohort_fellows(cohort).annotate(
        interview_id=Subquery(interview.values("pk")[:1]),
        held_on=Subquery(interview.values("held_on")[:1]),
        interviewer_name=Subquery(interview.values("interviewer__name")[:1]),
        motivation=Subquery(interview.values("motivation")[:1]),
        goal_count=count_of(
            DevelopmentGoal.objects.filter(
                interview__cohort=cohort, interview__fellow_id=OuterRef("user_id")
            ),
            "interview",
        ),
    )


DOMAINS = (
    ("skilled", "Skilled"),
    ("connected", "Connected"),
    ("inspired", "Inspired"),
)
SCALE = range(1, 6)


@dataclass
class CohortWants:
    """What a cohort's intake interviews say it wants, for its active fellows."""

    themes: list[Theme]
    interviewed: int
    own_accord: int
    sent: int
    # (domain label, [fellows starting at 1, ..., at 5])
    spread: list[tuple[str, list[int]]] = field(default_factory=list)
    not_interviewed: list[Membership] = field(default_factory=list)

    @property
    def fellows(self) -> int:
        return self.interviewed + len(self.not_interviewed)

    def share(self, count: int) -> int:
        """A percentage of the interviewed fellows, rounded."""
        return round(100 * count / self.interviewed) if self.interviewed else 0

    @property
    def own_accord_share(self) -> int:
        return self.share(self.own_accord)

    @property
    def sent_share(self) -> int:
        return self.share(self.sent)


def cohort_wants(cohort: Cohort) -> CohortWants:
    """Theme counts, self-nominated against sent, the spread of starting points and
    who has not been interviewed: three queries whatever the cohort's size."""
    active = Membership.objects.active_fellows(cohort)
    active_ids = active.values("user_id")
    interviews = IntakeInterview.objects.filter(cohort=cohort, fellow_id__in=active_ids)
    in_cohort = Q(goals__interview__cohort=cohort, goals__interview__fellow_id__in=active_ids)
    themes = list(
        Theme.objects.filter(programme_id=cohort.programme_id)
        .annotate(
            goal_count=Count("goals", filter=in_cohort, distinct=True),
            fellow_count=Count("goals__interview__fellow", filter=in_cohort, distinct=True),
        )
        .order_by("-goal_count", "name")
    )
    sums = {
        f"{domain}_{point}": Count("pk", filter=Q(**{f"starting_{domain}": point}))
        for domain, _ in DOMAINS
        for point in SCALE
    }
    totals = interviews.aggregate(
        interviewed=Count("pk"),
        own_accord=Count("pk", filter=Q(motivation=IntakeInterview.Motivation.OWN_ACCORD)),
        sent=Count("pk", filter=Q(motivation=IntakeInterview.Motivation.SENT)),
        **sums,
    )
    not_interviewed = list(
        active.exclude(user_id__in=interviews.values("fellow_id"))
        .select_related("user")
        .order_by("user__name", "pk")
    )
    return CohortWants(
        themes=themes,
        interviewed=totals["interviewed"],
        own_accord=totals["own_accord"],
        sent=totals["sent"],
        spread=[
            (label, [totals[f"{domain}_{point}"] for point in SCALE]) for domain, label in DOMAINS
        ],
        not_interviewed=not_interviewed,
    )


def themes_with_use(programme) -> QuerySet[Theme]:
    """The programme's themes with how many agreed goals carry each."""
    return Theme.objects.filter(programme=programme).annotate(goal_count=Count("goals"))

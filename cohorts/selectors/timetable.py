"""Sessions: the timetable rule as a query, timetables and the calendar feed's events."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from accounts.models import Cohort
from accounts.roles import roles_of
from cohorts.models import Attendance, Session
from cohorts.selectors.learning_sets import learning_sets_visible_to
from core.ical import CalendarEvent, uid_for

# How far back a calendar feed reaches; older sessions drop out of it.
FEED_HISTORY = timedelta(days=365)
# How many upcoming sessions a personal timetable lists.
TIMETABLE_LIMIT = 20


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

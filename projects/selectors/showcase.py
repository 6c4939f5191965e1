"""What fellows see of each other's projects: a cohort's gallery, a learning set's
projects, and the showcase's running order."""

import datetime
from dataclasses import dataclass

from django.db.models import F, Prefetch, QuerySet
from django.utils import timezone

from accounts.models import Cohort
from accounts.selectors import is_active_fellow
from cohorts.models import LearningSet, LearningSetMember, Session
from projects.models import ImpactStatement, Project, ShowcasePlace, ShowcaseSchedule

# What the running order form offers before an adviser has set a schedule.
DEFAULT_START = datetime.time(10, 0)
DEFAULT_SLOT_MINUTES = 15


def gallery(cohort: Cohort) -> QuerySet[Project]:
    """Title and summary of the project of each active fellow of a cohort (nothing else
    is loaded)."""
    return (
        Project.objects.filter(cohort=cohort)
        .filter(is_active_fellow())
        .select_related("fellow")
        .only("title", "summary", "organisation", "cohort_id", "fellow__name")
        .order_by("fellow__name", "pk")
    )


def showcase(cohort: Cohort) -> QuerySet[ShowcasePlace]:
    return (
        ShowcasePlace.objects.filter(cohort=cohort)
        .select_related("project", "project__fellow")
        .prefetch_related(
            Prefetch("project__impact_statements", queryset=ImpactStatement.objects.all())
        )
        .order_by("position")
    )


@dataclass(frozen=True)
class ShowcaseDetails:
    """When and where the showcase is (from the cohort's showcase session in the timetable)
    and the running order's timing (once an adviser has set it)."""

    day: datetime.date | None
    venue: str
    session_starts: datetime.time | None
    schedule: ShowcaseSchedule | None

    def form_initial(self) -> dict:
        if self.schedule:
            return {
                "starts_at": self.schedule.starts_at,
                "slot_minutes": self.schedule.slot_minutes,
            }
        return {
            "starts_at": self.session_starts or DEFAULT_START,
            "slot_minutes": DEFAULT_SLOT_MINUTES,
        }


def showcase_details(cohort: Cohort) -> ShowcaseDetails:
    session = (
        Session.objects.filter(cohort=cohort, kind=Session.Kind.SHOWCASE)
        .order_by("starts_at", "pk")
        .first()
    )
    schedule = ShowcaseSchedule.objects.filter(cohort=cohort).first()
    if session is None:
        return ShowcaseDetails(day=None, venue="", session_starts=None, schedule=schedule)
    starts = timezone.localtime(session.starts_at)
    venue = session.location or ("Online" if session.online_link else "")
    return ShowcaseDetails(
        day=starts.date(), venue=venue, session_starts=starts.time(), schedule=schedule
    )


def slot_times(
    start: datetime.time, minutes: int, index: int
) -> tuple[datetime.time, datetime.time]:
    """The wall-clock start and end of the slot at `index` (0 for the first)."""
    first = datetime.datetime.combine(datetime.date(2000, 1, 1), start)
    begins = first + datetime.timedelta(minutes=minutes * index)
    return begins.time(), (begins + datetime.timedelta(minutes=minutes)).time()


def timed_showcase(cohort: Cohort, details: ShowcaseDetails) -> list[ShowcasePlace]:
    """The running order, each place with `slot_starts` and `slot_ends` once a schedule is
    set. Slots follow one another in order, whatever gaps the positions have."""
    places = list(showcase(cohort))
    if details.schedule:
        for index, place in enumerate(places):
            place.slot_starts, place.slot_ends = slot_times(
                details.schedule.starts_at, details.schedule.slot_minutes, index
            )
    return places


def cohort_projects_for_order(cohort: Cohort) -> QuerySet[Project]:
    return (
        Project.objects.filter(cohort=cohort)
        .select_related("fellow", "showcase_place")
        .order_by(F("showcase_place__position").asc(nulls_last=True), "fellow__name", "pk")
    )


def set_members_with_projects(learning_set: LearningSet) -> list[tuple]:
    """(fellow, project or None) for each member of a learning set who is still an active
    fellow, in two queries."""
    members = list(
        LearningSetMember.objects.filter(learning_set=learning_set)
        .filter(is_active_fellow())
        .select_related("fellow")
        .order_by("fellow__name")
    )
    projects = {
        project.fellow_id: project
        for project in Project.objects.filter(
            cohort_id=learning_set.cohort_id, fellow_id__in=[m.fellow_id for m in members]
        ).only("title", "summary", "fellow_id", "cohort_id")
    }
    return [(member.fellow, projects.get(member.fellow_id)) for member in members]

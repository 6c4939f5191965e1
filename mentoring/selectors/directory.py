"""The mentor directory: who a person may browse, when each mentor is next free, and the
mentors suggested to a fellow."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet
from django.db.models.functions import TruncMonth

from accounts.models import Programme
from accounts.roles import roles_of
from cohorts.models import DevelopmentGoal, Theme
from core.clock import LONDON
from mentoring.models import Booking, MentorProfile, Slot
from mentoring.selectors.profiles import active_mentor_profiles
from mentoring.selectors.rules import rules_for
from projects.models import Project

Status = Booking.Status
ACTIVE = Booking.ACTIVE
SOON = datetime.timedelta(days=14)


def directory_programmes(user) -> QuerySet[Programme]:
    """Programmes whose mentors the person may browse: as a fellow or an adviser."""
    roles = roles_of(user)
    ids = roles.fellow_programmes | roles.adviser_programmes
    return Programme.objects.filter(pk__in=ids).order_by("name")


def next_free_at(
    programme: Programme, limits: dict[int, int], *, now: datetime.datetime
) -> dict[int, datetime.datetime]:
    """The first bookable slot of each mentor in `limits` (mentor id: monthly limit), by
    mentor id, in two grouped queries.

    The same rule as `bookable_slots` (free, far enough ahead, the mentor's month not full),
    worked out per mentor and month rather than per slot, so the cost follows the number of
    mentors, not the number of slots and bookings behind them.
    """
    rules = rules_for(programme)
    mentors = list(limits)
    soonest = now + datetime.timedelta(hours=rules.min_notice_hours)
    # Bookings carry their slot's times, so the time bound lets the (status, starts_at)
    # index find the few bookings ahead rather than reading them all.
    taken = Booking.objects.filter(slot=OuterRef("pk"), status__in=ACTIVE, starts_at__gte=soonest)
    firsts = (
        Slot.objects.filter(
            programme=programme,
            mentor_id__in=mentors,
            cancelled_at__isnull=True,
            starts_at__gte=soonest,
        )
        .exclude(Exists(taken))
        .annotate(month=TruncMonth("starts_at", tzinfo=LONDON))
        .values("mentor_id", "month")
        .annotate(first=Min("starts_at"))
        .order_by("mentor_id", "month")
    )
    this_month = now.astimezone(LONDON).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    booked = (
        Booking.objects.filter(
            slot__programme=programme,
            slot__mentor_id__in=mentors,
            slot__starts_at__gte=this_month,  # the same as the booking's: reads by index
            starts_at__gte=this_month,
            status__in=[status for status in Status.values if status != Status.CANCELLED],
        )
        .annotate(month=TruncMonth("starts_at", tzinfo=LONDON))
        .values("slot__mentor_id", "month")
        .annotate(count=Count("pk"))
        .order_by()
    )
    counts = {(row["slot__mentor_id"], row["month"]): row["count"] for row in booked}
    found = {}
    for row in firsts:
        mentor, month = row["mentor_id"], row["month"]
        if mentor not in found and counts.get((mentor, month), 0) < limits.get(mentor, 0):
            found[mentor] = row["first"]
    return found


def mentor_directory(programme: Programme, *, theme: Theme | None = None):
    """Active mentors by name, filtered by expertise. `with_next_free` adds when each is
    next free: call it on the page shown, not on them all."""
    profiles = (
        active_mentor_profiles(programme).select_related("user").prefetch_related("expertise")
    )
    if theme is not None:
        profiles = profiles.filter(expertise=theme)
    return profiles.order_by("user__name", "pk")


def with_next_free(
    profiles: list[MentorProfile], programme: Programme, *, now: datetime.datetime
) -> list[MentorProfile]:
    """`profiles`, each with `next_free_at`: their first bookable slot, or None."""
    free = next_free_at(programme, {p.user_id: p.monthly_limit for p in profiles}, now=now)
    for profile in profiles:
        profile.next_free_at = free.get(profile.user_id)
    return profiles


def free_soon(
    profiles: QuerySet[MentorProfile], programme: Programme, *, now: datetime.datetime
) -> list[MentorProfile]:
    """Those of `profiles` with a bookable slot in the next two weeks."""
    return [
        profile
        for profile in with_next_free(list(profiles), programme, now=now)
        if profile.next_free_at is not None and profile.next_free_at < now + SOON
    ]


@dataclass(frozen=True)
class Suggestion:
    profile: MentorProfile
    reason: str


def _reason(goal_themes: list[str], project_themes: list[str]) -> str:
    parts = []
    if goal_themes:
        parts.append("Matches your goals: " + ", ".join(goal_themes))
    if project_themes:
        parts.append("matches your project: " + ", ".join(project_themes))
    text = "; ".join(parts)
    return text[0].upper() + text[1:]


def suggested_mentors(
    fellow, programme: Programme, *, now: datetime.datetime, limit: int = 3
) -> list[Suggestion]:
    """Mentors whose expertise matches the fellow's goals or project and whom they have
    not met or booked yet (the point is a range of mentors), best match first, each with
    the reason."""
    themes = list(
        Theme.objects.filter(programme=programme)
        .annotate(
            in_goals=Exists(
                DevelopmentGoal.objects.filter(
                    themes=OuterRef("pk"),
                    interview__fellow=fellow,
                    interview__cohort__programme=programme,
                )
            ),
            in_project=Exists(
                Project.objects.filter(
                    themes=OuterRef("pk"), fellow=fellow, cohort__programme=programme
                )
            ),
        )
        .filter(Q(in_goals=True) | Q(in_project=True))
    )
    if not themes:
        return []
    # The mentors the fellow has booked, read once through the fellow's own bookings.
    met = Booking.objects.filter(fellow=fellow, status__in=ACTIVE).values("slot__mentor_id")
    by_id = {theme.pk: theme for theme in themes}
    # The best matches are ranked in the database; only those shown are loaded.
    candidates = (
        active_mentor_profiles(programme)
        .exclude(user=fellow)
        .exclude(user_id__in=met)
        .annotate(matches=Count("expertise", filter=Q(expertise__in=list(by_id))))
        .filter(matches__gt=0)
        .order_by("-matches", "user__name", "pk")
        .select_related("user")
        .prefetch_related("expertise")[:limit]
    )
    found = []
    for profile in candidates:
        matched = [by_id[t.pk] for t in profile.expertise.all() if t.pk in by_id]
        goals = [t.name for t in matched if t.in_goals]
        project = [t.name for t in matched if t.in_project and not t.in_goals]
        found.append(Suggestion(profile, _reason(goals, project)))
    return found

"""Reads shared by views, tasks and other apps. Lists are filtered by the rules' logic."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import (
    Avg,
    Count,
    Exists,
    F,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership, Programme, Role
from accounts.roles import roles_of
from cohorts.models import DevelopmentGoal, Theme
from core.clock import LONDON
from core.db import count_of
from core.ical import CalendarEvent, uid_for
from mentoring.models import Booking, MentoringRules, MentorProfile, Slot, WaitlistEntry
from projects.models import Project

Status = Booking.Status
ACTIVE = Booking.ACTIVE
SOON = datetime.timedelta(days=14)
FEEDBACK_WINDOW = datetime.timedelta(days=7)


def rules_for(programme: Programme) -> MentoringRules:
    """The programme's rules, or the defaults (unsaved) until an adviser changes them."""
    found = MentoringRules.objects.filter(programme=programme).first()
    return found or MentoringRules(programme=programme)


# --- Programmes a person can browse -------------------------------------------------


def directory_programmes(user) -> QuerySet[Programme]:
    """Programmes whose mentors the person may browse: as a fellow or an adviser."""
    roles = roles_of(user)
    ids = roles.fellow_programmes | roles.adviser_programmes
    return Programme.objects.filter(pk__in=ids).order_by("name")


def mentor_is_active(mentor: str = "mentor", programme: str = "programme") -> Exists:
    """The `mentoring.rules.mentor_is_active` rule as a subquery on the outer row's fields."""
    return Exists(
        Membership.objects.active_mentors(OuterRef(programme)).filter(user=OuterRef(mentor))
    )


def active_mentor_profiles(programme: Programme) -> QuerySet[MentorProfile]:
    """Profiles of people who are still mentors on the programme."""
    return MentorProfile.objects.filter(programme=programme).filter(mentor_is_active("user"))


def profile_of(mentor_id: int, programme_id: int) -> MentorProfile | None:
    """A mentor's profile on a programme, with its person and programme."""
    return (
        MentorProfile.objects.select_related("user", "programme")
        .filter(user_id=mentor_id, programme_id=programme_id)
        .first()
    )


def profiles_by_programme(user) -> dict[int, MentorProfile]:
    """A mentor's own profiles with their expertise, by programme id."""
    return {
        profile.programme_id: profile
        for profile in MentorProfile.objects.filter(user=user).prefetch_related("expertise")
    }


# --- Slots --------------------------------------------------------------------------


def bookable_slots(programme: Programme, *, now: datetime.datetime) -> QuerySet[Slot]:
    """Slots a fellow could book now: far enough ahead, free, with a mentor who is still a
    mentor on the programme and not full that month."""
    rules = rules_for(programme)
    taken = Booking.objects.filter(slot=OuterRef("pk"), status__in=ACTIVE)
    same_month = (
        Booking.objects.filter(
            slot__mentor=OuterRef("mentor"), slot__programme=OuterRef("programme")
        )
        .exclude(status=Status.CANCELLED)
        .annotate(booking_month=TruncMonth("starts_at", tzinfo=LONDON))
        .filter(booking_month=OuterRef("month"))
    )
    limit = MentorProfile.objects.filter(
        user=OuterRef("mentor"), programme=OuterRef("programme")
    ).values("monthly_limit")[:1]
    return (
        Slot.objects.filter(
            programme=programme,
            cancelled_at__isnull=True,
            starts_at__gte=now + datetime.timedelta(hours=rules.min_notice_hours),
        )
        .filter(mentor_is_active())
        .exclude(Exists(taken))
        .annotate(month=TruncMonth("starts_at", tzinfo=LONDON))
        .annotate(
            month_bookings=count_of(same_month, "slot__mentor"),
            month_limit=Subquery(limit, output_field=IntegerField()),
        )
        .filter(month_bookings__lt=F("month_limit"))
    )


def free_slots_of(profile: MentorProfile, *, now: datetime.datetime, weeks: int = 8):
    horizon = now + datetime.timedelta(weeks=weeks)
    return (
        bookable_slots(profile.programme, now=now)
        .filter(mentor_id=profile.user_id, starts_at__lt=horizon)
        .order_by("starts_at")
    )


def is_booked(slot: Slot) -> bool:
    return Booking.objects.filter(slot=slot, status__in=ACTIVE).exists()


def booking_of(slot: Slot) -> Booking | None:
    """The slot's booking still to be held, if any."""
    return booking_queryset().filter(slot=slot, status=Status.BOOKED).first()


def is_bookable(slot: Slot, *, now: datetime.datetime) -> bool:
    return bookable_slots(slot.programme, now=now).filter(pk=slot.pk).exists()


def slots_of_mentor(user, *, now: datetime.datetime) -> QuerySet[Slot]:
    """A mentor's own slots from today on, each with its active booking if any."""
    active = Booking.objects.filter(slot=OuterRef("pk"), status__in=ACTIVE)
    return (
        Slot.objects.filter(
            mentor=user,
            programme_id__in=roles_of(user).mentor_programmes,
            cancelled_at__isnull=True,
            ends_at__gte=now,
        )
        .select_related("programme")
        .annotate(
            booking_id=Subquery(active.values("pk")[:1]),
            booked_by=Subquery(active.values("fellow__name")[:1]),
        )
        .order_by("starts_at")
    )


# --- The directory ------------------------------------------------------------------


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


# --- Bookings -----------------------------------------------------------------------


def booking_queryset() -> QuerySet[Booking]:
    return Booking.objects.select_related(
        "slot", "slot__mentor", "slot__programme", "fellow", "cohort", "cancelled_by"
    )


def bookings_as_fellow(user) -> QuerySet[Booking]:
    return booking_queryset().filter(fellow=user, cohort_id__in=roles_of(user).fellow_cohorts)


def bookings_as_mentor(user) -> QuerySet[Booking]:
    return booking_queryset().filter(
        slot__mentor=user, slot__programme_id__in=roles_of(user).mentor_programmes
    )


def upcoming(bookings: QuerySet[Booking], *, now: datetime.datetime) -> QuerySet[Booking]:
    return bookings.filter(status=Status.BOOKED, ends_at__gte=now).order_by("starts_at")


def past(bookings: QuerySet[Booking], *, now: datetime.datetime, limit: int = 30):
    return bookings.filter(Q(ends_at__lt=now) | Q(status=Status.CANCELLED)).order_by("-starts_at")[
        :limit
    ]


def home_upcoming(user, *, as_mentor: bool, limit: int = 3) -> list[Booking]:
    """The next few sessions for the home page, in one query."""
    mine = bookings_as_mentor(user) if as_mentor else bookings_as_fellow(user)
    return list(upcoming(mine, now=timezone.now())[:limit])


def upcoming_bookings_of(membership: Membership, *, now: datetime.datetime) -> QuerySet[Booking]:
    """Sessions still to come of a mentor on a programme, or of a fellow in a cohort."""
    bookings = Booking.objects.filter(status=Status.BOOKED, starts_at__gt=now)
    if membership.role == Role.MENTOR:
        return bookings.filter(
            slot__mentor_id=membership.user_id, slot__programme_id=membership.programme_id
        )
    if membership.role == Role.FELLOW:
        return bookings.filter(fellow_id=membership.user_id, cohort_id=membership.cohort_id)
    return bookings.none()


def still_in_role(booking: Booking) -> set[str]:
    """ "fellow" and/or "mentor": which sides of a booking still hold their role."""
    return set(
        Membership.objects.filter(
            Q(role=Role.FELLOW, user_id=booking.fellow_id, cohort_id=booking.cohort_id)
            | Q(
                role=Role.MENTOR,
                user_id=booking.slot.mentor_id,
                programme_id=booking.slot.programme_id,
                cohort__isnull=True,
            ),
            is_active=True,
        ).values_list("role", flat=True)
    )


def project_of(booking: Booking) -> Project | None:
    """The booking fellow's project in that cohort: what the mentor may read of it."""
    return (
        Project.objects.filter(fellow_id=booking.fellow_id, cohort_id=booking.cohort_id)
        .only("title", "summary")
        .first()
    )


def mentor_totals(user, *, now: datetime.datetime) -> dict:
    """A mentor's own totals across their programmes, in one query."""
    bookings = Booking.objects.filter(
        slot__mentor=user, slot__programme_id__in=roles_of(user).mentor_programmes
    )
    return bookings.aggregate(
        held=Count("pk", filter=Q(status=Status.HELD)),
        no_shows=Count("pk", filter=Q(status=Status.NO_SHOW)),
        upcoming=Count("pk", filter=Q(status=Status.BOOKED, starts_at__gte=now)),
        to_record=Count("pk", filter=Q(status=Status.BOOKED, starts_at__lt=now)),
        ratings=Count("fellow_rating"),
        mean_rating=Avg("fellow_rating"),
    )


def bookings_in_month(*, mentor, programme_id: int, start, end) -> int:
    return (
        Booking.objects.filter(
            slot__mentor=mentor,
            slot__programme_id=programme_id,
            starts_at__gte=start,
            starts_at__lt=end,
        )
        .exclude(status=Status.CANCELLED)
        .count()
    )


def calendar_events_for(user) -> list[CalendarEvent]:
    """The person's active mentoring bookings, as a fellow or as the mentor, for a feed."""
    roles = roles_of(user)
    since = timezone.now() - datetime.timedelta(days=90)
    bookings = (
        booking_queryset()
        .filter(status__in=ACTIVE, ends_at__gte=since)
        .filter(
            Q(fellow=user, cohort_id__in=roles.fellow_cohorts)
            | Q(slot__mentor=user, slot__programme_id__in=roles.mentor_programmes)
        )
        .order_by("starts_at")
    )
    return [booking_event(booking, for_user=user) for booking in bookings]


def booking_event(booking: Booking, *, for_user=None, cancelled: bool = False) -> CalendarEvent:
    """A booking as a calendar event. The agenda stays out: calendars get shared."""
    mentor, fellow = booking.slot.mentor, booking.fellow
    other = fellow if for_user is not None and for_user.pk == mentor.pk else mentor
    where = booking.slot.online_link or booking.slot.location
    path = reverse("mentoring:booking_detail", args=[booking.pk])
    return CalendarEvent(
        uid=uid_for("booking", booking.pk),
        start=booking.starts_at,
        end=booking.ends_at,
        summary=f"Mentoring: {mentor.name} and {fellow.name}"
        if for_user is None
        else f"Mentoring with {other.name}",
        sequence=booking.sequence,
        location=where,
        description=f"Micro-mentoring session booked through Pioneer. {settings.SITE_URL}{path}",
        url=f"{settings.SITE_URL}{path}",
        cancelled=cancelled,
        attendee_emails=(fellow.email, mentor.email),
    )


# --- Waitlist -----------------------------------------------------------------------


def waiting_entry(*, mentor, fellow, programme, now) -> WaitlistEntry | None:
    return WaitlistEntry.objects.filter(
        mentor=mentor,
        fellow=fellow,
        programme=programme,
        notified_at__isnull=True,
        expires_at__gt=now,
    ).first()


def next_in_line(*, mentor_id: int, programme_id: int, now) -> QuerySet[WaitlistEntry]:
    """Fellows still waiting for this mentor and not yet offered a place, first come first."""
    return WaitlistEntry.objects.filter(
        mentor_id=mentor_id,
        programme_id=programme_id,
        offered_at__isnull=True,
        notified_at__isnull=True,
        expires_at__gt=now,
    ).order_by("created", "pk")


def waitlist_offers() -> QuerySet[WaitlistEntry]:
    """Entries offered a place whose email has not gone yet."""
    return WaitlistEntry.objects.filter(offered_at__isnull=False, notified_at__isnull=True)


# --- Emails that are due ------------------------------------------------------------

# Each email about a booking: the fields that claim the fellow's and the mentor's copy.
EMAIL_CLAIMS = {
    "confirmation": ("confirmation_sent_at", "confirmation_mentor_sent_at"),
    "cancellation": ("cancellation_sent_at", "cancellation_mentor_sent_at"),
    "reminder_24h": ("reminder_24h_sent_at", "reminder_24h_mentor_sent_at"),
    "reminder_1h": ("reminder_1h_sent_at", "reminder_1h_mentor_sent_at"),
    "feedback": ("feedback_requested_at", "feedback_mentor_requested_at"),
}

REMINDERS = {
    # kind: (how long before the start it is due, when it is too late)
    "24h": (datetime.timedelta(hours=24), datetime.timedelta(hours=1)),
    "1h": (datetime.timedelta(hours=1), datetime.timedelta(0)),
}


def _unsent(email: str) -> Q:
    """A copy of `email` has not been sent yet, to the fellow or to the mentor."""
    fellow, mentor = EMAIL_CLAIMS[email]
    return Q(**{f"{fellow}__isnull": True}) | Q(**{f"{mentor}__isnull": True})


def reminders_due(kind: str, *, now: datetime.datetime) -> QuerySet[Booking]:
    before, too_late = REMINDERS[kind]
    return Booking.objects.filter(
        _unsent(f"reminder_{kind}"),
        status=Status.BOOKED,
        starts_at__lte=now + before,
        starts_at__gt=now + too_late,
    )


def feedback_due(*, now: datetime.datetime) -> QuerySet[Booking]:
    return Booking.objects.filter(
        _unsent("feedback"),
        status__in=ACTIVE,
        ends_at__lte=now,
        ends_at__gt=now - FEEDBACK_WINDOW,
    )


def unsent_confirmations(*, now: datetime.datetime) -> QuerySet[Booking]:
    return Booking.objects.filter(
        _unsent("confirmation"),
        status=Status.BOOKED,
        created__lt=now - datetime.timedelta(minutes=15),
        starts_at__gt=now,
    )


def unsent_waitlist_offers(*, now: datetime.datetime) -> QuerySet[WaitlistEntry]:
    """Offers whose email task never ran (say, the broker was down)."""
    return waitlist_offers().filter(
        offered_at__lt=now - datetime.timedelta(minutes=15), expires_at__gt=now
    )


def unsent_cancellations(*, now: datetime.datetime) -> QuerySet[Booking]:
    return Booking.objects.filter(
        _unsent("cancellation"),
        status=Status.CANCELLED,
        cancelled_at__lt=now - datetime.timedelta(minutes=15),
        starts_at__gt=now,
    )


# --- The adviser's view -------------------------------------------------------------


def uptake_by_fellow(programme: Programme, cohort=None) -> QuerySet[Membership]:
    """Each fellow with their bookings by status, counted in SQL."""
    fellows = Membership.objects.active_fellows(cohort).filter(programme=programme)
    mine = Booking.objects.filter(fellow=OuterRef("user"), cohort=OuterRef("cohort"))
    return (
        fellows.select_related("user", "cohort")
        .annotate(
            booked=count_of(mine.filter(status=Status.BOOKED), "fellow"),
            held=count_of(mine.filter(status=Status.HELD), "fellow"),
            no_shows=count_of(mine.filter(status=Status.NO_SHOW), "fellow"),
            cancelled=count_of(mine.filter(status=Status.CANCELLED), "fellow"),
            mentors_met=Coalesce(
                Subquery(
                    mine.filter(status=Status.HELD)
                    .order_by()
                    .values("fellow")
                    .annotate(n=Count("slot__mentor", distinct=True))
                    .values("n"),
                    output_field=IntegerField(),
                ),
                Value(0),
            ),
        )
        .order_by("cohort__name", "user__name")
    )


def fellows_not_booked(programme: Programme, cohort=None) -> QuerySet[Membership]:
    any_booking = Booking.objects.filter(fellow=OuterRef("user"), cohort=OuterRef("cohort"))
    fellows = Membership.objects.active_fellows(cohort).filter(programme=programme)
    return (
        fellows.exclude(Exists(any_booking))
        .select_related("user", "cohort")
        .order_by("cohort__name", "user__name")
    )


def uptake_by_mentor(
    programme: Programme, cohort=None, *, now: datetime.datetime
) -> list[Membership]:
    """Each active mentor with slots offered, unused slots, bookings by status and mean
    rating: two queries grouped by mentor, however many slots and bookings lie behind."""
    used = Booking.objects.filter(slot=OuterRef("pk")).exclude(status=Status.CANCELLED)
    slots = (
        Slot.objects.filter(programme=programme, cancelled_at__isnull=True)
        .annotate(in_use=Exists(used))
        .values("mentor_id")
        .annotate(offered=Count("pk"), unused=Count("pk", filter=Q(ends_at__lt=now, in_use=False)))
        .order_by()
    )
    bookings = Booking.objects.filter(slot__programme=programme)
    if cohort is not None:
        bookings = bookings.filter(cohort=cohort)
    booked = (
        bookings.values("slot__mentor_id")
        .annotate(
            booked=Count("pk", filter=Q(status=Status.BOOKED)),
            held=Count("pk", filter=Q(status=Status.HELD)),
            no_shows=Count("pk", filter=Q(status=Status.NO_SHOW)),
            ratings=Count("fellow_rating"),
            mean_rating=Avg("fellow_rating"),
        )
        .order_by()
    )
    counts = {row.pop("mentor_id"): row for row in slots}
    for row in booked:
        counts.setdefault(row.pop("slot__mentor_id"), {}).update(row)
    mentors = list(
        Membership.objects.active_mentors(programme).select_related("user").order_by("user__name")
    )
    none = {"offered": 0, "unused": 0, "booked": 0, "held": 0, "no_shows": 0, "ratings": 0}
    for mentor in mentors:
        for name, value in (none | {"mean_rating": None} | counts.get(mentor.user_id, {})).items():
            setattr(mentor, name, value)
    return mentors

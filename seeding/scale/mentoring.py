"""Mentoring at national scale, inserted in bulk for `seed_scale`.

Every mentor gets a profile and a weekly pattern of 30-minute slots (one to five a
week, London time) over the past two years and the next eight weeks; a few mentors
offer nothing. Mentors' popularity is skewed, so a few are booked solid and many
rarely. `ctx.n(50_000)` bookings are spread over the slots by that popularity,
made by fellows of the programme whose cohort was running on the day, so most fall
in the cohorts running now. Past sessions were held (most with feedback), missed or
cancelled; future ones are booked or cancelled. Each slot is booked once, a fellow
is never in two sessions at once, and no fellow holds more upcoming bookings than
the rules allow. Popular mentors have a waitlist.
"""

import datetime
import math

from django.utils import timezone

from cohorts.models import Theme
from core.clock import LONDON
from mentoring.models import Booking, MentoringRules, MentorProfile, Slot, WaitlistEntry
from seeding.demo.mentoring import AGENDAS, NOTES, PLACES, TAKEAWAYS
from seeding.scale.accounts import ScaleContext, insert_rows, reserve_ids

PAST_WEEKS = 104
FUTURE_WEEKS = 8
SLOT_MINUTES = 30
# A slot starts on a weekday at one of these London times (a 30-minute grid, so two
# slots overlap only when they start at the same moment).
TIMES = [datetime.time(hour, minute) for hour in range(9, 17) for minute in (0, 30)]
JOB_TITLES = [
    "Chief Clinical Information Officer",
    "Chief Nursing Information Officer",
    "Chief Information Officer",
    "Director of Digital Transformation",
    "Head of Service Design",
    "Head of Population Health Analytics",
    "Consultant and Clinical Safety Officer",
    "Programme Director, Virtual Wards",
    "Deputy Director of Strategy",
    "Head of Information Governance",
]
BIO_OPENINGS = [
    "Clinician by background, now leading digital change across an integrated care system.",
    "Twenty years in NHS operations and strategy, the last eight in digital.",
    "I lead a team of designers, analysts and engineers in a large acute trust.",
    "Nurse turned digital leader; I have taken several pilots to trust-wide scale.",
    "I came to the NHS from the charity sector and have led digital services for a decade.",
]
BIO_OFFERS = [
    "Happy to talk about winning over sceptical colleagues and keeping a project moving.",
    "Bring your business case or benefits plan and we will make it fundable.",
    "Ask me about user research with people services usually miss.",
    "I can help with suppliers, procurement and contracts.",
    "Ask me about clinical safety, hazard logs and getting sign-off.",
    "I enjoy helping fellows plan how to measure what their project changed.",
]
MENTOR_CANCEL_NOTE = "Sorry, I have been called into an urgent meeting."


def london(day: datetime.date, time: datetime.time, offsets: dict) -> datetime.datetime:
    """The UTC instant of a London time between 9:00 and 17:00 (never in a clock change)."""
    offset = offsets.get(day)
    if offset is None:
        noon = datetime.datetime.combine(day, datetime.time(12), tzinfo=LONDON)
        offset = offsets[day] = noon.utcoffset()
    return datetime.datetime.combine(day, time, tzinfo=datetime.UTC) - offset


def seed(ctx: ScaleContext) -> None:
    now = timezone.now()
    today = timezone.localdate()
    rng = ctx.rng
    MentoringRules.objects.bulk_create(MentoringRules(programme=p) for p in ctx.programmes)
    max_active = MentoringRules._meta.get_field("max_active_bookings").default

    # Popularity: a long tail (log-normal), and a weekly pattern that grows with it.
    popularity, pattern = {}, {}
    for programme in ctx.programmes:
        for mentor_id in ctx.mentors.get(programme.pk, []):
            weight = rng.lognormvariate(0, 1.0)
            popularity[mentor_id] = weight
            size = 0 if rng.random() < 0.08 else min(5, 2 + int(weight))
            pattern[mentor_id] = [(rng.randrange(5), time) for time in rng.sample(TIMES, size)]
            pattern[mentor_id] = list(dict.fromkeys(pattern[mentor_id]))  # no repeats
    _profiles(ctx, pattern)

    # Slots: (mentor, programme, starts_at), each week of the pattern, a few weeks off.
    monday = today - datetime.timedelta(days=today.weekday())
    first_week = monday - datetime.timedelta(weeks=PAST_WEEKS)
    offsets: dict = {}
    slots = []
    for programme in ctx.programmes:
        for mentor_id in ctx.mentors.get(programme.pk, []):
            for week in range(PAST_WEEKS + FUTURE_WEEKS):
                if rng.random() < 0.15:  # leave, conferences, clinics
                    continue
                week_start = first_week + datetime.timedelta(weeks=week)
                for weekday, time in pattern[mentor_id]:
                    starts_at = london(week_start + datetime.timedelta(days=weekday), time, offsets)
                    if now < starts_at < now + datetime.timedelta(hours=24):
                        continue  # inside the minimum notice: the mentor would not add it now
                    slots.append((mentor_id, programme.pk, starts_at))
    ids = reserve_ids(Slot, len(slots))

    bookings, cancelled_slots = _bookings(ctx, slots, ids, popularity, now, max_active)
    length = datetime.timedelta(minutes=SLOT_MINUTES)
    insert_rows(
        Slot,
        [
            "id",
            "mentor_id",
            "programme_id",
            "starts_at",
            "ends_at",
            "location",
            "online_link",
            "cancelled_at",
            "created",
        ],
        (
            (
                slot_id,
                mentor_id,
                programme_id,
                starts_at,
                starts_at + length,
                "" if slot_id % 3 else PLACES[slot_id % len(PLACES)],
                f"https://teams.example.org/l/meetup-join/pioneer-{slot_id}" if slot_id % 3 else "",
                cancelled_slots.get(slot_id),
                min(now, starts_at - datetime.timedelta(days=14)),
            )
            for slot_id, (mentor_id, programme_id, starts_at) in zip(ids, slots, strict=True)
        ),
    )
    insert_rows(Booking, BOOKING_FIELDS, bookings)
    _waitlist(ctx, popularity, now)


def _profiles(ctx: ScaleContext, pattern: dict) -> None:
    rng = ctx.rng
    profiles = []
    for programme in ctx.programmes:
        for mentor_id in ctx.mentors.get(programme.pk, []):
            bio = f"{rng.choice(BIO_OPENINGS)} {rng.choice(BIO_OFFERS)}"
            profiles.append(
                MentorProfile(
                    user_id=mentor_id,
                    programme=programme,
                    organisation=ctx.organisation.get(mentor_id, ""),
                    job_title=rng.choice(JOB_TITLES),
                    bio=bio,
                    # Never below what the weekly pattern offers in a month.
                    monthly_limit=min(40, max(4, 5 * len(pattern[mentor_id]))),
                )
            )
    profiles = MentorProfile.objects.bulk_create(profiles, batch_size=1000)
    themes: dict[int, list[int]] = {}
    for theme_id, programme_id in Theme.objects.filter(programme__in=ctx.programmes).values_list(
        "pk", "programme_id"
    ):
        themes.setdefault(programme_id, []).append(theme_id)
    through = MentorProfile.expertise.through
    rows = []
    for profile in profiles:
        choices = themes.get(profile.programme_id, [])
        for theme_id in rng.sample(choices, min(len(choices), rng.randint(1, 3))):
            rows.append((profile.pk, theme_id))
    if rows:
        insert_rows(through, ["mentorprofile_id", "theme_id"], rows)


BOOKING_FIELDS = [
    "slot_id", "fellow_id", "cohort_id", "starts_at", "ends_at", "agenda", "status", "sequence",
    "cancelled_at", "cancelled_by_id", "confirmation_sent_at", "confirmation_mentor_sent_at",
    "cancellation_sent_at", "cancellation_mentor_sent_at", "reminder_24h_sent_at",
    "reminder_24h_mentor_sent_at", "reminder_1h_sent_at", "reminder_1h_mentor_sent_at",
    "feedback_requested_at", "feedback_mentor_requested_at", "mentor_note", "fellow_rating",
    "fellow_takeaway", "feedback_shared", "created", "updated",
]  # fmt: skip


def _bookings(ctx, slots, ids, popularity, now, max_active):
    """Choose `ctx.n(50_000)` slots by popularity and a fellow for each. Returns the
    booking rows and {slot id: cancelled at} for slots the mentor cancelled."""
    rng = ctx.rng
    # Who could book on a day: fellows of the programme's cohorts running then (from
    # their third week), weighted so some fellows book often and some never.
    cohorts_of: dict[int, list] = {}
    for cohort in ctx.cohorts:
        fellows = ctx.fellows.get(cohort.pk, [])
        if not fellows:
            continue
        weights = [0.0 if rng.random() < 0.1 else rng.expovariate(1.0) for _ in fellows]
        cumulative, total = [], 0.0
        for weight in weights:
            total += weight
            cumulative.append(total)
        if total:
            cohorts_of.setdefault(cohort.programme_id, []).append((cohort, fellows, cumulative))

    def eligible(programme_id, day):
        return [
            entry
            for entry in cohorts_of.get(programme_id, [])
            if entry[0].starts_on + datetime.timedelta(days=14) <= day <= entry[0].ends_on
        ]

    # Weighted sampling without replacement (Efraimidis and Spirakis): the highest keys.
    # Future slots are less often taken yet; a day with more fellows fills more slots.
    candidates = []
    open_days: dict = {}
    for index, (mentor_id, programme_id, starts_at) in enumerate(slots):
        day = starts_at.date()
        key = (programme_id, day)
        if key not in open_days:
            open_days[key] = eligible(programme_id, day)
        if not open_days[key]:
            continue
        weight = popularity[mentor_id] * len(open_days[key]) * (0.3 if starts_at > now else 1)
        candidates.append((rng.random() ** (1 / weight), index))
    candidates.sort(reverse=True)

    target = ctx.n(50_000)
    busy: set = set()  # (fellow, starts_at) of active bookings
    upcoming: dict[int, int] = {}
    rows, cancelled_slots = [], {}
    length = datetime.timedelta(minutes=SLOT_MINUTES)
    for _, index in candidates:
        if len(rows) == target:
            break
        mentor_id, programme_id, starts_at = slots[index]
        entries = open_days[(programme_id, starts_at.date())]
        future = starts_at > now
        for _attempt in range(6):
            cohort, fellows, cumulative = rng.choice(entries)
            fellow_id = rng.choices(fellows, cum_weights=cumulative)[0]
            if (fellow_id, starts_at) in busy:
                continue
            if future and upcoming.get(fellow_id, 0) >= max_active:
                continue
            break
        else:
            continue
        slot_id = ids[index]
        row = _booking(rng, len(rows), slot_id, fellow_id, mentor_id, cohort.pk, starts_at,
                       starts_at + length, now)  # fmt: skip
        if row[6] in Booking.ACTIVE:
            busy.add((fellow_id, starts_at))
            if future:
                upcoming[fellow_id] = upcoming.get(fellow_id, 0) + 1
        elif row[9] == mentor_id:
            cancelled_slots[slot_id] = row[8]
        rows.append(row)
    return rows, cancelled_slots


def _booking(rng, n, slot_id, fellow_id, mentor_id, cohort_id, starts_at, ends_at, now):
    """One booking row in BOOKING_FIELDS order, its status and emails fitting its time."""
    future = starts_at > now
    booked_on = starts_at - datetime.timedelta(days=rng.randint(2, 20), hours=rng.randint(0, 9))
    booked_on = min(booked_on, now - datetime.timedelta(minutes=5))
    roll = rng.random()
    if roll < (0.07 if future else 0.12):
        status = Booking.Status.CANCELLED
    elif not future and roll < 0.16:
        status = Booking.Status.NO_SHOW
    else:
        status = Booking.Status.BOOKED if future else Booking.Status.HELD
    confirmed = booked_on + datetime.timedelta(minutes=1)
    cancelled_at = cancelled_by = cancel_sent = None
    sequence = 0
    if status == Booking.Status.CANCELLED:
        cancelled_at = booked_on + (starts_at - booked_on) * rng.uniform(0.2, 0.9)
        cancelled_by = mentor_id if rng.random() < 0.25 else fellow_id
        cancel_sent = cancelled_at + datetime.timedelta(minutes=1)
        sequence = 1

    def sent(before: datetime.timedelta):
        moment = starts_at - before
        if moment > now or (cancelled_at and moment > cancelled_at):
            return None
        return moment

    day_before, hour_before = sent(datetime.timedelta(hours=24)), sent(datetime.timedelta(hours=1))
    asked = ends_at + datetime.timedelta(minutes=5) if status == Booking.Status.HELD else None
    held = status == Booking.Status.HELD
    feedback = held and rng.random() < 0.8
    note = ""
    if held and rng.random() < 0.5:
        note = NOTES[n % len(NOTES)]
    elif status == Booking.Status.CANCELLED and cancelled_by == mentor_id:
        note = MENTOR_CANCEL_NOTE
    updated = (
        max(m for m in (confirmed, cancelled_at, asked, day_before) if m)
        if not future
        else (cancelled_at or confirmed)
    )
    return (
        slot_id, fellow_id, cohort_id, starts_at, ends_at, AGENDAS[n % len(AGENDAS)], status,
        sequence, cancelled_at, cancelled_by, confirmed, confirmed, cancel_sent, cancel_sent,
        day_before, day_before, hour_before, hour_before, asked, asked, note,
        rng.choices((5, 4, 3, 2), weights=(45, 35, 15, 5))[0] if feedback else None,
        TAKEAWAYS[(n * 7) % len(TAKEAWAYS)] if feedback else "",
        feedback and n % 3 != 0,  # two in three fellows share their feedback with the mentor
        booked_on, min(updated, now),
    )  # fmt: skip


def _waitlist(ctx: ScaleContext, popularity: dict, now: datetime.datetime) -> None:
    """Fellows of running cohorts waiting for the most popular mentors; some were offered
    a slot already."""
    rng = ctx.rng
    entries = []
    for programme in ctx.programmes:
        mentors = sorted(ctx.mentors.get(programme.pk, []), key=popularity.get, reverse=True)
        popular = mentors[: max(1, math.ceil(len(mentors) / 10))]
        running = [c for c in ctx.running if c.programme_id == programme.pk]
        fellows = [fellow_id for c in running for fellow_id in ctx.fellows[c.pk]]
        if not fellows:
            continue
        for mentor_id in popular:
            for fellow_id in rng.sample(fellows, min(len(fellows), rng.randint(2, 12))):
                created = now - datetime.timedelta(days=rng.uniform(0, 25))
                offered = rng.random() < 0.3
                offered_at = created + (now - created) * rng.random() if offered else None
                entries.append(
                    (mentor_id, fellow_id, programme.pk, created, offered_at, offered_at,
                     created + datetime.timedelta(days=30))
                )  # fmt: skip
    fields = ["mentor_id", "fellow_id", "programme_id", "created", "offered_at", "notified_at",
              "expires_at"]  # fmt: skip
    insert_rows(WaitlistEntry, fields, entries)

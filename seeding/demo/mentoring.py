"""Demo mentoring: profiles for the six mentors, a month of slots ahead, past sessions with
feedback in both cohorts, a couple of no-shows, a waitlist and upcoming bookings for
fellow@example.org and mentor@example.org. Idempotent: sessions are made once."""

import datetime

from django.utils import timezone

from core.clock import london_to_utc
from mentoring.models import Booking, MentorProfile, Slot, WaitlistEntry
from seeding.demo.cohorts import programme_themes

# By mentor, in the order of accounts.demo: (expertise, bio)
PROFILES = [
    (
        ["Clinical safety", "Leading change", "Interoperability"],
        "A&E consultant turned CCIO. Led our trust's electronic patient record go-live and "
        "its clinical safety case; happy to talk about winning over sceptical clinicians.",
    ),
    (
        ["Business cases", "Procurement", "Leading change"],
        "Twenty years in NHS strategy. I have written (and had rejected) more business cases "
        "than I can count; bring yours and we will make it fundable.",
    ),
    (
        ["User-centred design", "Health inequalities"],
        "Service designer. I help teams do research with patients and staff who are usually "
        "left out, and turn it into services people can use.",
    ),
    (
        ["Interoperability", "Procurement", "AI and automation"],
        "CIO of a large acute trust. Integration, suppliers, contracts and what really "
        "happens when you put AI into a clinical pathway.",
    ),
    (
        ["Remote monitoring", "Leading change", "Clinical safety"],
        "Nurse by background; I set up virtual wards across two trusts. Ask me about "
        "workforce, safety and scaling a pilot.",
    ),
    (
        ["Data and analytics", "AI and automation", "Health inequalities"],
        "I run a population health analytics team. Dashboards, data quality, and using "
        "data to find the people services miss.",
    ),
]

PLACES = ["Bush House, Strand, room 4.03", "Somerset House, New Wing, meeting room 2"]
AGENDAS = [
    "Getting consultant buy-in for moving clinic letters to the EPR.",
    "How to frame the benefits in my business case for the finance committee.",
    "Designing user research with patients who do not use the app.",
    "Choosing between two suppliers for our remote monitoring pilot.",
    "How to measure whether our virtual ward is reducing readmissions.",
    "Clinical safety sign-off for an AI triage tool: where to start.",
    "Handling resistance from a senior colleague to my project.",
    "Using our population health data to target the right patients.",
]
TAKEAWAYS = [
    "A clearer benefits chain and who to test it with before the committee.",
    "Start with three friendly clinicians and let them bring the rest.",
    "Map the stakeholders first; I had missed the pharmacy team entirely.",
    "Ask the supplier for their DCB0129 safety case before we go further.",
    "Use readmissions within 30 days as the primary measure, not bed days.",
    "Book a follow-up with the information governance lead this month.",
]
NOTES = [
    "Good session. Suggested the NHS service standard and a discovery sprint.",
    "Shared our business case template; follow up in a month.",
    "Introduced them to our CSO for the hazard log.",
]


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return london_to_utc(day, datetime.time(hour, minute))


def _weekday_on_or_after(day: datetime.date) -> datetime.date:
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


def _slot(mentor, programme, starts_at, minutes, index) -> Slot:
    online = index % 2 == 0
    return Slot(
        mentor=mentor,
        programme=programme,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(minutes=minutes),
        location="" if online else PLACES[index % len(PLACES)],
        online_link=f"https://teams.example.org/l/meetup-join/pioneer-{index}" if online else "",
    )


def seed(world) -> None:
    programme = world.programme
    themes = programme_themes(programme)
    for mentor, (expertise, bio) in zip(world.mentors, PROFILES, strict=True):
        membership = mentor.memberships.filter(programme=programme, cohort__isnull=True).first()
        profile, created = MentorProfile.objects.get_or_create(
            user=mentor,
            programme=programme,
            defaults={
                "organisation": membership.organisation if membership else "",
                "job_title": membership.job_title if membership else "",
                "bio": bio,
                "monthly_limit": 6,
            },
        )
        if created:
            profile.expertise.set([themes[name] for name in expertise])
    if Slot.objects.filter(programme=programme).exists():
        return
    _seed_sessions(world)


def _seed_sessions(world) -> None:
    programme = world.programme
    today = timezone.localdate()
    now = timezone.now()
    mentors = world.mentors
    running, completed = world.fellows_of(world.running), world.fellows_of(world.completed)

    # A month of future slots: each mentor on two weekdays, two 30-minute slots in a row;
    # the sixth mentor offers only two slots, both taken, so fellows join her waitlist.
    future: list[Slot] = []
    for m, mentor in enumerate(mentors):
        days = [d for d in range(2, 30) if (today + datetime.timedelta(days=d)).weekday() in
                ((m % 5), (m + 2) % 5)]  # fmt: skip
        if m == 5:
            days = days[:1]
        for d in days:
            day = today + datetime.timedelta(days=d)
            for n in range(2):
                start = _at(day, 9 + m, 30 * n) if m < 5 else _at(day, 16, 30 * n)
                future.append(_slot(mentor, programme, start, 30, len(future)))

    # Past slots, one per session: spread over each cohort's months so far.
    past_sessions = []  # (slot, fellow, cohort, status)
    used_days: set[tuple] = set()
    index = 0
    # Over its year each fellow of the completed cohort met one to five different mentors;
    # so far each of the running cohort has met one or two.
    for cohort, fellows, count, step in (
        (world.completed, completed, 5, 1),
        (world.running, running, 2, 2),
    ):
        first_day = cohort.starts_on + datetime.timedelta(days=21)
        last_day = min(cohort.ends_on, today - datetime.timedelta(days=2))
        span = max((last_day - first_day).days, 1)
        for f, fellow in enumerate(fellows[:20]):  # the last four have not booked
            for k in range(1 + (f % count)):
                mentor_index = (f + k * step) % len(mentors)
                offset = (f * 11 + k * 37) % span
                day = _weekday_on_or_after(first_day + datetime.timedelta(days=offset))
                while {(mentor_index, day), (fellow.pk, day)} & used_days or day > last_day:
                    day = _weekday_on_or_after(day - datetime.timedelta(days=3))
                used_days |= {(mentor_index, day), (fellow.pk, day)}
                slot = _slot(mentors[mentor_index], programme, _at(day, 13), 30, index)
                status = Booking.Status.NO_SHOW if index in (7, 29) else Booking.Status.HELD
                past_sessions.append((slot, fellow, cohort, status))
                index += 1
    unused = [
        _slot(mentor, programme, _at(_weekday_on_or_after(today - datetime.timedelta(days=9)),
                                     15 + m % 3), 30, m)
        for m, mentor in enumerate(mentors)
    ]  # fmt: skip
    Slot.objects.bulk_create(future + [slot for slot, *_ in past_sessions] + unused)

    bookings = []
    for n, (slot, fellow, cohort, status) in enumerate(past_sessions):
        held = status == Booking.Status.HELD
        confirmed = slot.starts_at - datetime.timedelta(days=3)
        reminded = slot.starts_at - datetime.timedelta(hours=24)
        reminded_again = slot.starts_at - datetime.timedelta(hours=1)
        asked = slot.ends_at + datetime.timedelta(minutes=5)
        bookings.append(
            Booking(
                slot=slot,
                fellow=fellow,
                cohort=cohort,
                starts_at=slot.starts_at,
                ends_at=slot.ends_at,
                agenda=AGENDAS[n % len(AGENDAS)],
                status=status,
                confirmation_sent_at=confirmed,
                confirmation_mentor_sent_at=confirmed,
                reminder_24h_sent_at=reminded,
                reminder_24h_mentor_sent_at=reminded,
                reminder_1h_sent_at=reminded_again,
                reminder_1h_mentor_sent_at=reminded_again,
                feedback_requested_at=asked,
                feedback_mentor_requested_at=asked,
                mentor_note=NOTES[n % len(NOTES)] if held and n % 2 == 0 else "",
                fellow_rating=(5, 4, 5, 3, 4)[n % 5] if held and n % 4 != 3 else None,
                fellow_takeaway=TAKEAWAYS[n % len(TAKEAWAYS)] if held and n % 4 != 3 else "",
            )
        )

    def upcoming(slot, fellow, agenda):
        return Booking(
            slot=slot,
            fellow=fellow,
            cohort=world.running,
            starts_at=slot.starts_at,
            ends_at=slot.ends_at,
            agenda=agenda,
            confirmation_sent_at=now,
            confirmation_mentor_sent_at=now,
        )

    def first_free(mentor_index, after=0):
        slots = [s for s in future if s.mentor == mentors[mentor_index]]
        return slots[after]

    # fellow@example.org: sessions with the third and sixth mentors; mentor@example.org:
    # sessions with fellow2@ and another fellow. The sixth mentor is then fully booked, so
    # the demo always has a waitlist to find and join (tests/mentoring/test_demo_waitlist.py).
    bookings += [
        upcoming(first_free(2), running[0], AGENDAS[2]),
        upcoming(first_free(5), running[0], AGENDAS[7]),
        upcoming(first_free(5, 1), running[6], AGENDAS[4]),
        upcoming(first_free(0), running[1], AGENDAS[0]),
        upcoming(first_free(0, 3), running[5], AGENDAS[6]),
    ]
    Booking.objects.bulk_create(bookings)
    WaitlistEntry.objects.get_or_create(
        mentor=mentors[5],
        fellow=running[1],
        programme=programme,
        notified_at=None,
        defaults={"expires_at": now + datetime.timedelta(days=30)},
    )

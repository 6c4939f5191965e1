"""Demo recruitment: an open round for the next cohort with about 30 applications in every
state (draft, submitted, under review, shortlisted, interview booked, offered, waiting list,
not offered), two reviewers with their assignments, interview slots, and
applicant@example.org, shortlisted and asked to book an interview. Idempotent: the round is
made once."""

import datetime

from django.utils import timezone

from accounts.models import Cohort, Role
from core.clock import london_to_utc
from recruitment.models import (
    Application,
    ApplicationForm,
    Criterion,
    DecisionRecord,
    InterviewBooking,
    InterviewInvitation,
    InterviewScore,
    InterviewSlot,
    Question,
    Round,
    UnsuccessfulEmail,
)
from seeding.demo import recruitment_records as records
from seeding.demo.accounts import FIRST, LAST, grant, person

Kind = Question.Kind
Decision = Application.Decision

QUESTIONS = [
    (Kind.SHORT, "Your organisation", True, None, []),
    (Kind.LONG, "What do you hope to achieve through the fellowship?", False, 250, []),
    (Kind.LONG, "Describe the digital change you will lead during the fellowship", False, 400, []),
    (Kind.SINGLE, "Your profession", False, None, ["Nursing", "Medicine", "Digital", "Other"]),
    (Kind.YES_NO, "Will you have a day a month of protected time?", False, None, []),
]
CRITERIA = [("Ambition for change", 3), ("Readiness of the project", 2), ("Leadership", 2)]
# (state, how many), in the order they are made; applicant@example.org is the first shortlisted.
STATES = [
    ("draft", 4),
    ("submitted", 5),
    ("reviewing", 5),
    ("shortlisted", 4),
    ("booked", 4),
    ("offered", 2),
    ("accepted", 1),
    ("declined_offer", 1),
    ("waiting_list", 3),
    ("not_offered", 3),
]
DECISIONS = {
    "shortlisted": Decision.SHORTLISTED,
    "booked": Decision.SHORTLISTED,
    "offered": Decision.OFFERED,
    "accepted": Decision.OFFERED,
    "declined_offer": Decision.OFFERED,
    "waiting_list": Decision.WAITING_LIST,
    "not_offered": Decision.DECLINED,
}
REVIEWERS = [("reviewer@example.org", "Harriet Okonjo"), ("reviewer2@example.org", "Callum Reid")]


def seed(world) -> None:
    cohort = _next_cohort(world)
    if Round.objects.filter(cohort=cohort).exists():
        return
    adviser = world.advisers[0]
    reviewers = []
    for email, name in REVIEWERS:
        reviewer = person(email, name)
        grant(reviewer, world.programme, Role.REVIEWER, cohort, organisation="NHS England")
        reviewers.append(reviewer)
    now = timezone.now()
    round = _round(world, cohort, now)
    slots = _slots(round, now)
    index = 0
    for state, count in STATES:
        for _ in range(count):
            _application(round, state, index, reviewers, adviser, slots, now)
            index += 1


def _next_cohort(world) -> Cohort:
    existing = world.programme.cohorts.filter(status=Cohort.Status.RECRUITING).first()
    if existing:
        return existing
    starts = world.running.ends_on + datetime.timedelta(days=1)
    ends = starts.replace(year=starts.year + 1) - datetime.timedelta(days=1)
    return Cohort.objects.create(
        programme=world.programme,
        name=f"Cohort 3 ({starts:%Y}-{ends:%y})",
        starts_on=starts,
        ends_on=ends,
        status=Cohort.Status.RECRUITING,
    )


def _round(world, cohort, now) -> Round:
    form, _ = ApplicationForm.objects.get_or_create(
        programme=world.programme, name="Fellowship application", version=1
    )
    form.frozen = True
    form.save(update_fields=["frozen"])
    for order, (kind, text, hidden, limit, choices) in enumerate(QUESTIONS):
        Question.objects.get_or_create(
            form=form,
            order=order,
            defaults={
                "kind": kind,
                "text": text,
                "hidden_from_reviewers": hidden,
                "word_limit": limit,
                "choices": choices,
            },
        )
    round = Round.objects.create(
        cohort=cohort,
        title=f"Applications for {cohort.name}",
        opens_at=now - datetime.timedelta(days=21),
        closes_at=now + datetime.timedelta(days=14),
        eligibility=(
            "Open to anyone working in NHS or social care in England who will lead a digital "
            "change during the year, with their line manager's support and a day a month of "
            "protected time."
        ),
        places=12,
        blind=True,
        form=form,
    )
    for order, (name, weight) in enumerate(CRITERIA):
        Criterion.objects.create(round=round, order=order, name=name, weight=weight)
    return round


def _slots(round, now) -> list[InterviewSlot]:
    """Twelve 45-minute interviews over three weekdays from a week ahead, UK time."""
    day = timezone.localdate() + datetime.timedelta(days=7)
    days = []
    while len(days) < 3:
        if day.weekday() < 5:
            days.append(day)
        day += datetime.timedelta(days=1)
    slots = []
    for day in days:
        for hour, minute in [(9, 30), (10, 30), (11, 30), (14, 0)]:
            starts_at = london_to_utc(day, datetime.time(hour, minute))
            slots.append(
                InterviewSlot.objects.create(
                    round=round,
                    starts_at=starts_at,
                    ends_at=starts_at + datetime.timedelta(minutes=45),
                    place="Room 3.2, 10 South Colonnade, London E14",
                )
            )
    return slots


def _applicant(index: int, state: str):
    if state == "shortlisted" and index == _first_of("shortlisted"):
        return person("applicant@example.org", "Morgan Achebe")
    n = 48 + index
    name = f"{FIRST[n % len(FIRST)]} {LAST[(n * 11) % len(LAST)]}"
    return person(f"applicant.{index + 1:02d}@example.org", name)


def _first_of(wanted: str) -> int:
    index = 0
    for state, count in STATES:
        if state == wanted:
            return index
        index += count
    raise ValueError(wanted)


def _application(round, state, index, reviewers, adviser, slots, now) -> None:
    applicant = _applicant(index, state)
    submitted = state != "draft"
    decision = DECISIONS.get(state, "")
    application = Application.objects.create(
        round=round,
        applicant=applicant,
        status=Application.Status.SUBMITTED if submitted else Application.Status.DRAFT,
        submitted_at=now - datetime.timedelta(days=20 - index % 15) if submitted else None,
        decision=decision,
        decision_reason="Agreed at the moderation panel." if decision else "",
        decided_at=now - datetime.timedelta(days=3, minutes=-index) if decision else None,
        decided_by=adviser if decision else None,
    )
    if decision:
        DecisionRecord.objects.create(
            application=application,
            decision=decision,
            reason=application.decision_reason,
            decided_by=adviser,
            decided_at=application.decided_at,
        )
    records.answers(application, index, complete=submitted)
    if not submitted:
        return
    records.support(application, index, now)
    records.equality(application, index)
    if state != "submitted":
        records.reviews(application, reviewers, adviser, index, both=state != "reviewing", now=now)
    if state in ("shortlisted", "booked"):
        InterviewInvitation.objects.create(application=application, sent_at=now)
    if state == "booked":
        booking = InterviewBooking.objects.create(
            slot=slots[index - _first_of("booked")], application=application, invite_sent_at=now
        )
        InterviewScore.objects.create(
            application=booking.application, by=adviser, score=3 + index % 3, notes=records.HOPES[0]
        )
    if state in ("offered", "accepted", "declined_offer"):
        records.offer(application, state, now)
    if state == "not_offered" and index == _first_of("not_offered"):
        UnsuccessfulEmail.objects.create(
            application=application,
            feedback="The panel liked your project; say more about how you will measure it.",
            subject="Your application to Digital Pioneer Fellowship",
            body="Thank you for applying. We are sorry we cannot offer you a place this time.",
            queued_at=now,
            sent_at=now,
        )

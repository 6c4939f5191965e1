"""A recruitment round at national scale, for `seed_scale` and `make bench`.

At scale 1.0: the first programme recruits its next cohort from 2,000 applications with a
panel of 20 reviewers. Every application has two reviewers; most reviews are in, so the
ranking table has real means and spreads to work out. Equality monitoring is filled in for
most applicants, so the EDI summary counts something.
"""

import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from accounts.models import Cohort, Membership, Role, User
from recruitment.models import (
    Answer,
    Application,
    ApplicationForm,
    Criterion,
    DecisionRecord,
    EqualityResponse,
    Question,
    Review,
    ReviewAssignment,
    Round,
    Score,
    SupportRequest,
)
from recruitment.selectors.equality import QUESTIONS as EQUALITY
from seeding.demo.accounts import FIRST, LAST, ORGANISATIONS
from seeding.scale.accounts import BATCH, PASSWORD, ScaleContext

ROUND_TITLE = "Applications for the next cohort"
QUESTIONS = [
    ("Your full name", Question.Kind.SHORT, True),
    ("Your organisation", Question.Kind.SHORT, True),
    ("What problem would your project solve?", Question.Kind.LONG, False),
    ("Why now, and why you?", Question.Kind.LONG, False),
    ("How would you share what you learn?", Question.Kind.LONG, False),
]
CRITERIA = [("Motivation", 2), ("The project", 3), ("Leadership potential", 1)]
DECISIONS = [
    Application.Decision.SHORTLISTED,
    Application.Decision.DECLINED,
    Application.Decision.WAITING_LIST,
    Application.Decision.OFFERED,
]


def _people(prefix: str, count: int, password: str) -> list[User]:
    users = User.objects.bulk_create(
        (
            User(
                email=f"{prefix}.{i:05d}@scale.example.org",
                name=f"{FIRST[(i * 3) % len(FIRST)]} {LAST[(i * 11) % len(LAST)]}",
                password=password,
            )
            for i in range(count)
        ),
        batch_size=BATCH,
    )
    EmailAddress.objects.bulk_create(
        (EmailAddress(user=u, email=u.email, primary=True, verified=True) for u in users),
        batch_size=BATCH,
    )
    return users


def seed(ctx: ScaleContext) -> None:
    rng = ctx.rng
    now = timezone.now()
    programme = ctx.programmes[0]
    start = max(c.starts_on for c in ctx.cohorts if c.programme_id == programme.pk)
    start = start.replace(year=start.year + 1)
    cohort = Cohort.objects.create(
        programme=programme,
        name=f"Next cohort ({start:%Y}-{(start.year + 1) % 100:02d})",
        starts_on=start,
        ends_on=start.replace(year=start.year + 1) - datetime.timedelta(days=1),
        status=Cohort.Status.RECRUITING,
    )
    form = ApplicationForm.objects.create(programme=programme, name="Application", frozen=True)
    questions = Question.objects.bulk_create(
        Question(
            form=form,
            order=order,
            kind=kind,
            text=text,
            word_limit=300 if kind == Question.Kind.LONG else None,
            hidden_from_reviewers=hidden,
        )
        for order, (text, kind, hidden) in enumerate(QUESTIONS)
    )
    round_ = Round.objects.create(
        cohort=cohort,
        title=ROUND_TITLE,
        opens_at=now - datetime.timedelta(days=42),
        closes_at=now - datetime.timedelta(days=7),
        eligibility="Open to NHS staff in England with a digital transformation project.",
        places=30,
        blind=True,
        form=form,
    )
    criteria = Criterion.objects.bulk_create(
        Criterion(round=round_, order=order, name=name, weight=weight)
        for order, (name, weight) in enumerate(CRITERIA)
    )

    password = make_password(PASSWORD)
    reviewers = _people("reviewer", max(3, ctx.n(20)), password)
    Membership.objects.bulk_create(
        Membership(
            user=user,
            programme=programme,
            cohort=cohort,
            role=Role.REVIEWER,
            organisation=ORGANISATIONS[i % len(ORGANISATIONS)][0],
            job_title="Panel member",
        )
        for i, user in enumerate(reviewers)
    )
    applicants = _people("applicant", ctx.n(2000), password)
    applications = Application.objects.bulk_create(
        (
            Application(
                round=round_,
                applicant=user,
                status=Application.Status.SUBMITTED if i % 20 else Application.Status.DRAFT,
                submitted_at=None if i % 20 == 0 else now - datetime.timedelta(days=8 + i % 30),
            )
            for i, user in enumerate(applicants)
        ),
        batch_size=BATCH,
    )
    submitted = [a for a in applications if a.status == Application.Status.SUBMITTED]

    organisations = {}
    answers = []
    for application in applications:
        organisation = ORGANISATIONS[rng.randrange(len(ORGANISATIONS))][0]
        organisations[application.pk] = organisation
        texts = [
            application.applicant.name,
            organisation,
            "Outpatient letters take three weeks to reach patients.",
            "I lead the team that would change it, and the board is behind it.",
            "Show and tells in the trust, and the fellowship's showcase.",
        ]
        answers += [
            Answer(application=application, question=q, text=t)
            for q, t in zip(questions, texts, strict=True)
        ]
    Answer.objects.bulk_create(answers, batch_size=BATCH)
    statuses = [SupportRequest.Status.CONFIRMED] * 6 + [
        SupportRequest.Status.WAITING,
        SupportRequest.Status.DECLINED,
    ]
    SupportRequest.objects.bulk_create(
        (
            SupportRequest(
                application=application,
                manager_email=f"manager.{application.pk}@scale.example.org",
                token_hash=f"scale{application.pk:059d}",
                status=statuses[i % len(statuses)],
                sent_at=application.submitted_at,
            )
            for i, application in enumerate(submitted)
        ),
        batch_size=BATCH,
    )
    EqualityResponse.objects.bulk_create(
        (
            EqualityResponse(
                application=application,
                **{
                    field: options[rng.randrange(len(options))][0] for field, _, options in EQUALITY
                },
            )
            for i, application in enumerate(submitted)
            if i % 10
        ),
        batch_size=BATCH,
    )

    # Two reviewers each, round the panel, skipping a reviewer from the applicant's
    # organisation; four in five reviews are in.
    reviewer_orgs = {
        m.user_id: m.organisation
        for m in Membership.objects.filter(cohort=cohort, role=Role.REVIEWER)
    }
    panel = [user.pk for user in reviewers]
    assignments = []
    turn = 0
    for application in submitted:
        chosen = []
        while len(chosen) < 2:
            reviewer_id = panel[turn % len(panel)]
            turn += 1
            if reviewer_orgs[reviewer_id] != organisations[application.pk] and (
                reviewer_id not in chosen
            ):
                chosen.append(reviewer_id)
        assignments += [
            ReviewAssignment(application=application, reviewer_id=reviewer_id)
            for reviewer_id in chosen
        ]
    assignments = ReviewAssignment.objects.bulk_create(assignments, batch_size=BATCH)
    reviews = Review.objects.bulk_create(
        (
            Review(
                assignment=assignment,
                status=Review.Status.SUBMITTED if i % 5 else Review.Status.DRAFT,
                submitted_at=now - datetime.timedelta(days=rng.randint(1, 6)) if i % 5 else None,
            )
            for i, assignment in enumerate(assignments)
            if i % 9  # a few not started
        ),
        batch_size=BATCH,
    )
    Score.objects.bulk_create(
        (
            Score(
                review=review,
                criterion=criterion,
                score=rng.choice((2, 3, 3, 4, 4, 5)),
                comment="Clear problem; the plan needs more detail.",
            )
            for review in reviews
            for criterion in criteria
        ),
        batch_size=BATCH,
    )
    adviser_id = ctx.advisers[programme.pk][0]
    decided = submitted[: len(submitted) // 4]
    for i, application in enumerate(decided):
        application.decision = DECISIONS[i % len(DECISIONS)]
        application.decision_reason = "Panel moderation"
        application.decided_at = now - datetime.timedelta(days=1)
        application.decided_by_id = adviser_id
    Application.objects.bulk_update(
        decided, ["decision", "decision_reason", "decided_at", "decided_by"], batch_size=BATCH
    )
    DecisionRecord.objects.bulk_create(
        (
            DecisionRecord(
                application=application,
                decision=application.decision,
                reason=application.decision_reason,
                decided_by_id=adviser_id,
                decided_at=application.decided_at,
            )
            for application in decided
        ),
        batch_size=BATCH,
    )

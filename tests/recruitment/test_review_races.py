"""Review writes at the same moment, each on its own connection (PostgreSQL only): a review
submitted twice at once, two advisers suggesting assignments at once, one reviewer assigned
twice at once. One wins; the other gets a message, never a server error."""

from collections import Counter

import pytest

from recruitment.factories import CriterionFactory, RoundFactory, SubmittedApplicationFactory
from recruitment.models import Review, ReviewAssignment, Score
from recruitment.services.assignments import (
    ALREADY_ASSIGNED,
    assignment_create,
    assignments_suggest,
)
from recruitment.services.reviews import ALREADY_SUBMITTED, Mark, review_save
from tests.concurrency import race
from tests.recruitment.panel import make_reviewer

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_review_submitted_twice_at_once_is_submitted_once(postgresql):
    round_ = RoundFactory()
    criteria = [CriterionFactory(round=round_) for _ in range(2)]
    reviewer = make_reviewer(round_.cohort)
    assignment = ReviewAssignment.objects.create(
        application=SubmittedApplicationFactory(round=round_), reviewer=reviewer
    )
    jobs = [
        lambda score=score: review_save(
            assignment=assignment,
            marks={criterion.pk: Mark(score, "") for criterion in criteria},
            submit=True,
        )
        for score in (2, 5)
    ]

    outcomes = Counter(race(jobs))

    assert outcomes == {"done": 1, ALREADY_SUBMITTED: 1}
    review = Review.objects.get(assignment=assignment)
    assert review.status == Review.Status.SUBMITTED
    assert len(set(Score.objects.filter(review=review).values_list("score", flat=True))) == 1


def test_two_advisers_suggesting_at_once_give_each_application_two_reviewers(postgresql):
    round_ = RoundFactory()
    for n in range(4):
        make_reviewer(round_.cohort, organisation=f"Trust {n}")
    applications = [SubmittedApplicationFactory(round=round_) for _ in range(10)]
    jobs = [lambda: assignments_suggest(round_=round_, by=None) for _ in range(2)]

    outcomes = Counter(race(jobs))

    assert outcomes == {"done": 2}
    per_application = Counter(ReviewAssignment.objects.values_list("application_id", flat=True))
    assert per_application == dict.fromkeys((a.pk for a in applications), 2)


def test_one_reviewer_assigned_twice_at_once_is_assigned_once(postgresql):
    round_ = RoundFactory()
    reviewer = make_reviewer(round_.cohort)
    application = SubmittedApplicationFactory(round=round_)
    jobs = [
        lambda: assignment_create(application=application, reviewer=reviewer, by=None)
        for _ in range(2)
    ]

    outcomes = Counter(race(jobs))

    assert outcomes == {"done": 1, ALREADY_ASSIGNED: 1}
    assert ReviewAssignment.objects.filter(application=application).count() == 1

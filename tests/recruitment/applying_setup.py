"""Data the applying tests share: a round of the world's programme with a question of each
kind, the owner's draft and another applicant's (the world's other fellow) submitted one."""

import datetime

from django.utils import timezone

from accounts.factories import CohortFactory
from accounts.models import Cohort
from recruitment.factories import (
    ApplicationFactory,
    QuestionFactory,
    RoundFactory,
    SubmittedApplicationFactory,
)
from recruitment.models import Question

Kind = Question.Kind


def open_round(world, **changes):
    cohort = CohortFactory(
        programme=world.programme, name="Cohort 3", status=Cohort.Status.RECRUITING
    )
    round_ = RoundFactory(cohort=cohort, title="Cohort 3 applications", **changes)
    QuestionFactory(form=round_.form, kind=Kind.LONG, text="Why do you want to join?", word_limit=5)
    QuestionFactory(form=round_.form, kind=Kind.SHORT, text="Your organisation", required=False)
    QuestionFactory(
        form=round_.form, kind=Kind.SINGLE, text="Your band", choices=["Band 7", "Band 8a"]
    )
    QuestionFactory(
        form=round_.form,
        kind=Kind.MULTIPLE,
        text="Areas of interest",
        choices=["Data", "Design", "Leadership"],
        required=False,
    )
    QuestionFactory(form=round_.form, kind=Kind.YES_NO, text="Do you manage a team?")
    return round_


def questions(round_) -> dict[str, Question]:
    return {question.text: question for question in round_.form.questions.all()}


def answers_data(round_, **by_text) -> dict:
    """POST data for the application form: sensible answers unless given by question text."""
    given = {
        "Why do you want to join?": "To fix our referrals",
        "Your organisation": "Leeds Teaching Hospitals",
        "Your band": "Band 7",
        "Areas of interest": ["Data", "Design"],
        "Do you manage a team?": "yes",
    } | by_text
    return {f"q_{q.pk}": given[text] for text, q in questions(round_).items() if text in given}


def owners_draft(world, round_=None):
    round_ = round_ or open_round(world)
    return ApplicationFactory(round=round_, applicant=world.owner)


def others_submitted(world, round_):
    return SubmittedApplicationFactory(round=round_, applicant=world.fellow)


def close(round_, *, hours_ago: int = 1) -> None:
    round_.closes_at = timezone.now() - datetime.timedelta(hours=hours_ago)
    round_.opens_at = round_.closes_at - datetime.timedelta(days=28)
    round_.save()

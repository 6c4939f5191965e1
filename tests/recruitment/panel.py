"""A round under review in the matrix world: two reviewers on the cohort's panel, an
applicant, and an application assigned to one reviewer."""

from dataclasses import dataclass

from accounts.factories import MembershipFactory, UserFactory
from accounts.models import Role, User
from recruitment.factories import (
    AnswerFactory,
    CriterionFactory,
    QuestionFactory,
    RoundFactory,
    SubmittedApplicationFactory,
)
from recruitment.models import Application, Criterion, ReviewAssignment, Round
from tests.matrix import World, outcomes


@dataclass
class Panel:
    round: Round
    criteria: list[Criterion]
    application: Application
    assignment: ReviewAssignment
    reviewer: User
    other_reviewer: User
    applicant: User


def make_reviewer(cohort, organisation: str = "Leeds Teaching Hospitals", **kwargs) -> User:
    return MembershipFactory(
        cohort=cohort, role=Role.REVIEWER, organisation=organisation, **kwargs
    ).user


def build_panel(world: World) -> Panel:
    """Also puts the reviewers and the applicant on `world`, so `assert_matrix` can ask as
    them (roles "reviewer", "other_reviewer", "applicant")."""
    round_ = RoundFactory(cohort=world.cohort, title="Cohort 2 applications", blind=True)
    criteria = [
        CriterionFactory(round=round_, name="Motivation", weight=2, order=1),
        CriterionFactory(round=round_, name="Project", weight=1, order=2),
    ]
    reviewer = make_reviewer(world.cohort, user__name="Hana Ito")
    other_reviewer = make_reviewer(
        world.cohort, organisation="Royal Devon University Healthcare", user__name="Ian Shaw"
    )
    applicant = UserFactory(name="Jo Applicant")
    application = SubmittedApplicationFactory(round=round_, applicant=applicant)
    seen = QuestionFactory(form=round_.form, text="What would you change?", order=2)
    hidden = QuestionFactory(
        form=round_.form, text="Your full name", order=1, kind="short", hidden_from_reviewers=True
    )
    AnswerFactory(application=application, question=seen, text="Discharge letters on time.")
    AnswerFactory(application=application, question=hidden, text="Jo Applicant")
    assignment = ReviewAssignment.objects.create(application=application, reviewer=reviewer)
    world.reviewer, world.other_reviewer, world.applicant = reviewer, other_reviewer, applicant
    return Panel(round_, criteria, application, assignment, reviewer, other_reviewer, applicant)


def panel_outcomes(**cells):
    """Every role, the panel's included, refused as an outsider (404) unless named."""
    return outcomes(reviewer=404, other_reviewer=404, applicant=404) | cells


def advisers_only(ok=200):
    return panel_outcomes(adviser=ok)

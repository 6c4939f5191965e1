"""Who may review what: the round's reviewers, their load, and their conflicts."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, QuerySet

from accounts.models import Membership, Role, User
from core.db import count_of
from recruitment.models import (
    Answer,
    Application,
    ConflictDeclaration,
    Review,
    ReviewAssignment,
    Round,
)

# Every submitted application is read by at least this many reviewers.
REVIEWERS_PER_APPLICATION = 2


def _organisation(name: str) -> str:
    return " ".join(name.split()).casefold()


def round_reviewers(round_: Round) -> QuerySet[Membership]:
    """The active reviewer memberships of the round's cohort, by name."""
    return (
        Membership.objects.filter(cohort_id=round_.cohort_id, role=Role.REVIEWER, is_active=True)
        .select_related("user")
        .order_by("user__name", "pk")
    )


def submitted_applications(round_: Round) -> QuerySet[Application]:
    return Application.objects.filter(round=round_, status=Application.Status.SUBMITTED)


def assignment_overview(round_: Round) -> QuerySet[Application]:
    """Each submitted application with how many reviewers it has and how many have
    submitted; the reviewers themselves are loaded for one page by `reviewers_of`."""
    return (
        submitted_applications(round_)
        .select_related("applicant")
        .annotate(
            assigned=count_of(
                ReviewAssignment.objects.filter(application=OuterRef("pk")), "application"
            ),
            reviewed=count_of(
                Review.objects.filter(
                    assignment__application=OuterRef("pk"), status=Review.Status.SUBMITTED
                ),
                "assignment__application",
            ),
        )
        .order_by("pk")
    )


def reviewers_of(applications) -> dict[int, list[ReviewAssignment]]:
    """The assignments of a page of applications, in one query."""
    found: dict[int, list[ReviewAssignment]] = defaultdict(list)
    assignments = (
        ReviewAssignment.objects.filter(application__in=[a.pk for a in applications])
        .select_related("reviewer", "review")
        .order_by("reviewer__name", "pk")
    )
    for assignment in assignments:
        found[assignment.application_id].append(assignment)
    return found


def load_of(round_: Round) -> dict[int, int]:
    """How many of the round's applications each reviewer is assigned, by user id."""
    rows = (
        ReviewAssignment.objects.filter(application__round=round_)
        .order_by()
        .values("reviewer_id")
        .annotate(n=Count("pk"))
        .values_list("reviewer_id", "n")
    )
    return defaultdict(int, rows)


@dataclass
class Conflicts:
    """Who may not review whom in a round: declared conflicts with an application, and
    reviewers who share an organisation (their own or one they declared) with an applicant."""

    applications: set[tuple[int, int]] = field(default_factory=set)  # (reviewer, application)
    reviewer_organisations: dict[int, set[str]] = field(default_factory=dict)
    applicant_organisations: dict[int, set[str]] = field(default_factory=dict)

    def between(self, reviewer_id: int, application_id: int) -> bool:
        if (reviewer_id, application_id) in self.applications:
            return True
        theirs = self.reviewer_organisations.get(reviewer_id, set())
        return bool(theirs & self.applicant_organisations.get(application_id, set()))


def conflicts_in(round_: Round, reviewers: list[Membership], application_ids=None) -> Conflicts:
    """Load the round's conflicts in four queries, whatever its size."""
    reviewer_ids = [membership.user_id for membership in reviewers]
    conflicts = Conflicts()
    for membership in reviewers:
        mine = conflicts.reviewer_organisations.setdefault(membership.user_id, set())
        if membership.organisation.strip():
            mine.add(_organisation(membership.organisation))
    declared = ConflictDeclaration.objects.filter(reviewer_id__in=reviewer_ids).values_list(
        "reviewer_id", "application_id", "organisation"
    )
    for reviewer_id, application_id, organisation in declared:
        if application_id is not None:
            conflicts.applications.add((reviewer_id, application_id))
        else:
            conflicts.reviewer_organisations[reviewer_id].add(_organisation(organisation))

    applications = submitted_applications(round_)
    if application_ids is not None:
        applications = applications.filter(pk__in=application_ids)
    applicants = dict(applications.values_list("pk", "applicant_id"))
    by_applicant: dict[int, set[str]] = defaultdict(set)
    memberships = Membership.objects.filter(user_id__in=applicants.values()).exclude(
        organisation=""
    )
    for user_id, organisation in memberships.values_list("user_id", "organisation"):
        by_applicant[user_id].add(_organisation(organisation))
    for application_id, applicant_id in applicants.items():
        conflicts.applicant_organisations[application_id] = set(by_applicant[applicant_id])
    # The applicant's own answer to a question about their organisation.
    answers = Answer.objects.filter(
        application_id__in=applicants, question__text__icontains="organisation"
    ).exclude(text="")
    for application_id, text in answers.values_list("application_id", "text"):
        conflicts.applicant_organisations[application_id].add(_organisation(text))
    return conflicts


def free_reviewers(application: Application) -> list[User]:
    """The round's reviewers who could take `application`: not already on it, no conflict,
    the least loaded first."""
    round_ = application.round
    reviewers = list(round_reviewers(round_))
    conflicts = conflicts_in(round_, reviewers, application_ids=[application.pk])
    taken = set(
        ReviewAssignment.objects.filter(application=application).values_list(
            "reviewer_id", flat=True
        )
    )
    load = load_of(round_)
    free = [
        membership.user
        for membership in reviewers
        if membership.user_id not in taken
        and not conflicts.between(membership.user_id, application.pk)
    ]
    return sorted(free, key=lambda user: (load[user.pk], user.name, user.pk))


def needing_reviewers(round_: Round) -> int:
    """How many submitted applications have fewer reviewers than they need."""
    return assignment_overview(round_).filter(assigned__lt=REVIEWERS_PER_APPLICATION).count()

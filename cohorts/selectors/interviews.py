"""Intake interviews: each fellow's, the overview, what a cohort wants, and themes."""

from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from accounts.models import Cohort, Membership, Role, User
from accounts.roles import roles_of
from cohorts.models import DevelopmentGoal, IntakeInterview, IntakePrefill, Theme
from cohorts.selectors.cohorts import cohort_fellows
from core.db import count_of


def interview_of(user, cohort: Cohort) -> IntakeInterview | None:
    return IntakeInterview.objects.filter(fellow=user, cohort=cohort).first()


def prefilled_hopes(user, cohort: Cohort) -> str:
    """What the fellow wrote when applying, to start their intake interview's hopes."""
    prefill = IntakePrefill.objects.filter(fellow=user, cohort=cohort).first()
    return prefill.hopes if prefill else ""


def interviews_of(user) -> dict[int, int]:
    """The person's own interview id in each cohort where they are a fellow."""
    return dict(
        IntakeInterview.objects.filter(
            fellow=user, cohort_id__in=roles_of(user).fellow_cohorts
        ).values_list("cohort_id", "pk")
    )


def interviewers_for(cohort: Cohort, interview: IntakeInterview | None = None) -> QuerySet[User]:
    """Who may be recorded as the interviewer: the programme's active advisers, and
    whoever an existing interview already names."""
    named = interview.interviewer_id if interview is not None else None
    return (
        User.objects.filter(
            Q(
                memberships__programme_id=cohort.programme_id,
                memberships__role=Role.ADVISER,
                memberships__cohort__isnull=True,
                memberships__is_active=True,
            )
            | Q(pk=named)
        )
        .distinct()
        .order_by("name")
    )


def programme_themes(programme_id: int) -> QuerySet[Theme]:
    return Theme.objects.filter(programme_id=programme_id).order_by("name")


def interview_overview(cohort: Cohort) -> QuerySet[Membership]:
    """Every active fellow with their interview's id, date, interviewer and motivation."""
    interview = IntakeInterview.objects.filter(cohort=cohort, fellow_id=OuterRef("user_id"))
    return cohort_fellows(cohort).annotate(
        interview_id=Subquery(interview.values("pk")[:1]),
        held_on=Subquery(interview.values("held_on")[:1]),
        interviewer_name=Subquery(interview.values("interviewer__name")[:1]),
        motivation=Subquery(interview.values("motivation")[:1]),
        goal_count=count_of(
            DevelopmentGoal.objects.filter(
                interview__cohort=cohort, interview__fellow_id=OuterRef("user_id")
            ),
            "interview",
        ),
    )


DOMAINS = (
    ("skilled", "Skilled"),
    ("connected", "Connected"),
    ("inspired", "Inspired"),
)
SCALE = range(1, 6)


@dataclass
class CohortWants:
    """What a cohort's intake interviews say it wants, for its active fellows."""

    themes: list[Theme]
    interviewed: int
    own_accord: int
    sent: int
    # (domain label, [fellows starting at 1, ..., at 5])
    spread: list[tuple[str, list[int]]] = field(default_factory=list)
    not_interviewed: list[Membership] = field(default_factory=list)

    @property
    def fellows(self) -> int:
        return self.interviewed + len(self.not_interviewed)

    def share(self, count: int) -> int:
        """A percentage of the interviewed fellows, rounded."""
        return round(100 * count / self.interviewed) if self.interviewed else 0

    @property
    def own_accord_share(self) -> int:
        return self.share(self.own_accord)

    @property
    def sent_share(self) -> int:
        return self.share(self.sent)


def cohort_wants(cohort: Cohort) -> CohortWants:
    """Theme counts, self-nominated against sent, the spread of starting points and
    who has not been interviewed: three queries whatever the cohort's size."""
    active = Membership.objects.active_fellows(cohort)
    active_ids = active.values("user_id")
    interviews = IntakeInterview.objects.filter(cohort=cohort, fellow_id__in=active_ids)
    in_cohort = Q(goals__interview__cohort=cohort, goals__interview__fellow_id__in=active_ids)
    themes = list(
        Theme.objects.filter(programme_id=cohort.programme_id)
        .annotate(
            goal_count=Count("goals", filter=in_cohort, distinct=True),
            fellow_count=Count("goals__interview__fellow", filter=in_cohort, distinct=True),
        )
        .order_by("-goal_count", "name")
    )
    sums = {
        f"{domain}_{point}": Count("pk", filter=Q(**{f"starting_{domain}": point}))
        for domain, _ in DOMAINS
        for point in SCALE
    }
    totals = interviews.aggregate(
        interviewed=Count("pk"),
        own_accord=Count("pk", filter=Q(motivation=IntakeInterview.Motivation.OWN_ACCORD)),
        sent=Count("pk", filter=Q(motivation=IntakeInterview.Motivation.SENT)),
        **sums,
    )
    not_interviewed = list(
        active.exclude(user_id__in=interviews.values("fellow_id"))
        .select_related("user")
        .order_by("user__name", "pk")
    )
    return CohortWants(
        themes=themes,
        interviewed=totals["interviewed"],
        own_accord=totals["own_accord"],
        sent=totals["sent"],
        spread=[
            (label, [totals[f"{domain}_{point}"] for point in SCALE]) for domain, label in DOMAINS
        ],
        not_interviewed=not_interviewed,
    )


def themes_with_use(programme) -> QuerySet[Theme]:
    """The programme's themes with how many agreed goals carry each."""
    return Theme.objects.filter(programme=programme).annotate(goal_count=Count("goals"))

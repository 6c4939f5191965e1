"""A cohort's intake interviews, one row an agreed goal with its themes."""

from django.db.models import Prefetch

from accounts.models import Cohort
from cohorts.models import DevelopmentGoal, IntakeInterview
from cohorts.selectors.cohorts import cohort_fellows

HEADER = [
    "Fellow",
    "Email",
    "Organisation",
    "Interviewed on",
    "Interviewer",
    "Came",
    "Starting point: Skilled",
    "Starting point: Connected",
    "Starting point: Inspired",
    "Hopes",
    "Goal",
    "Themes",
]


def interviews_table(cohort: Cohort):
    fellows = cohort_fellows(cohort)
    goals = DevelopmentGoal.objects.prefetch_related("themes")
    interviews = {
        interview.fellow_id: interview
        for interview in IntakeInterview.objects.filter(
            cohort=cohort, fellow_id__in=fellows.values("user_id")
        )
        .select_related("interviewer")
        .prefetch_related(Prefetch("goals", queryset=goals))
    }

    def rows():
        for membership in fellows.iterator(chunk_size=500):
            person = [membership.user.name, membership.user.email, membership.organisation]
            interview = interviews.get(membership.user_id)
            if interview is None:
                yield [*person, "Not yet", *[""] * 8]
                continue
            about = [
                interview.held_on.isoformat(),
                interview.interviewer.name if interview.interviewer else "",
                interview.get_motivation_display(),
                interview.starting_skilled,
                interview.starting_connected,
                interview.starting_inspired,
                interview.hopes,
            ]
            for goal in interview.goals.all() or [None]:
                if goal is None:
                    yield [*person, *about, "", ""]
                else:
                    themes = "; ".join(theme.name for theme in goal.themes.all())
                    yield [*person, *about, goal.text, themes]

    return HEADER, rows()

"""Every cohort page runs the same number of queries with 5 fellows as with 60."""

import pytest
from django.urls import reverse

from accounts.factories import CohortFactory, make_facilitator, make_fellow
from cohorts.factories import (
    IntakeInterviewFactory,
    LearningSetFactory,
    MeetingFactory,
    SessionFactory,
    ThemeFactory,
    place,
)
from cohorts.models import Attendance, DevelopmentGoal

pytestmark = pytest.mark.django_db


def grow(cohort, learning_set, themes, count: int) -> None:
    """Add `count` fellows: every other one in the set, each interviewed with a
    tagged goal, and with attendance at every session they were expected at."""
    sessions = list(cohort.sessions.all())
    for n in range(count):
        fellow = make_fellow(cohort)
        in_set = n % 2 == 0
        if in_set:
            place(learning_set, fellow)
        interview = IntakeInterviewFactory(cohort=cohort, fellow=fellow)
        goal = DevelopmentGoal.objects.create(interview=interview, text="Lead change")
        goal.themes.set(themes)
        Attendance.objects.bulk_create(
            Attendance(session=session, fellow=fellow, status=Attendance.Status.PRESENT)
            for session in sessions
            if in_set or session.learning_set_id is None
        )


# Queries: session, user and roles, the object of the URL, then the page's own few.
PAGES = [
    ("cohorts:detail", "cohort", 7),
    ("cohorts:attendance_summary", "cohort", 6),
    ("cohorts:wants", "cohort", 7),
    ("cohorts:timetable", "cohort", 5),
    ("cohorts:learning_sets", "cohort", 6),
    ("cohorts:learning_set_split", "cohort", 7),
    ("cohorts:interviews", "cohort", 5),
    ("cohorts:learning_set_detail", "set", 6),
    ("cohorts:attendance_take", "session", 6),
    ("cohorts:list", None, 6),
    ("cohorts:my_timetable", None, 4),
]


@pytest.mark.parametrize(("page", "target", "ceiling"), PAGES)
def test_page_runs_the_same_queries_at_5_and_60_fellows(
    client, world, page, target, ceiling, django_assert_max_num_queries, django_assert_num_queries
):
    cohort = CohortFactory(programme=world.programme, name="Cohort 9")
    learning_set = LearningSetFactory(cohort=cohort, facilitator=make_facilitator(cohort))
    make_facilitator(cohort)
    themes = [ThemeFactory(programme=world.programme) for _ in range(3)]
    teaching_day = SessionFactory(cohort=cohort)
    SessionFactory.create_batch(2, cohort=cohort)
    MeetingFactory(cohort=cohort, learning_set=learning_set)
    grow(cohort, learning_set, themes, 5)
    args = {"cohort": [cohort.pk], "set": [learning_set.pk], "session": [teaching_day.pk]}
    url = reverse(page, args=args.get(target))
    client.force_login(world.adviser)
    with django_assert_max_num_queries(ceiling) as small:
        client.get(url)

    grow(cohort, learning_set, themes, 55)

    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200


def invite_list(world, lines: int) -> str:
    """`lines` addresses: every fifth already a fellow of the cohort, the rest new."""
    people = []
    for n in range(lines):
        if n % 5 == 0:
            people.append(make_fellow(world.cohort, user__email=f"member{lines}.{n}@nhs.net").email)
        else:
            people.append(f"Person {n} <new{lines}.{n}@nhs.net>")
    return "\n".join(people)


@pytest.mark.parametrize("action", ["preview", "confirm"])
def test_bulk_invitations_run_the_same_queries_for_5_and_100_lines(
    client, world, action, django_assert_max_num_queries, django_assert_num_queries
):
    url = reverse("cohorts:bulk_invite", args=[world.cohort.pk])
    client.force_login(world.adviser)

    def post(lines: int):
        data = {"role": "fellow", "emails": invite_list(world, lines), "action": "preview"}
        if action == "confirm":
            payload = client.post(url, data).context["form"].payload_text
            data = {"role": "fellow", "payload": payload, "action": "confirm"}
        return data

    small = post(5)
    with django_assert_max_num_queries(12) as counted:  # 1 records the invitations (audit)
        client.post(url, small)
    queries = len(counted.captured_queries)  # now: the next request clears the log
    large = post(100)
    with django_assert_num_queries(queries):
        response = client.post(url, large)

    plan = response.context["plan"]
    assert len(plan) == 100
    expected = "Invited" if action == "confirm" else "Will be invited"
    assert sum(item.status == expected for item in plan) == 80

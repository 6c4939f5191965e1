"""CSV downloads of the cohort tables advisers work from."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from accounts.factories import make_facilitator, make_fellow
from accounts.models import Role
from cohorts.factories import IntakeInterviewFactory, LearningSetFactory, ThemeFactory, place
from cohorts.models import DevelopmentGoal
from tests.matrix import adviser_only, adviser_writes, assert_matrix

pytestmark = pytest.mark.django_db

COHORT_EXPORTS = ["cohorts:people_csv", "cohorts:learning_sets_csv", "cohorts:interviews_csv"]


def table(response) -> list[list[str]]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def label(role) -> str:
    return Role(role).label


def cohort_csv(name, cohort):
    return reverse(name, args=[cohort.pk])


def programme_csv(programme):
    return reverse("cohorts:programme_people_csv", args=[programme.pk])


@pytest.mark.parametrize("name", COHORT_EXPORTS)
def test_cohort_csv_matrix(world, name):
    assert_matrix(world, cohort_csv(name, world.cohort), adviser_writes())


def test_programme_people_csv_matrix(world):
    assert_matrix(world, programme_csv(world.programme), adviser_only())


def test_learning_sets_csv_lists_each_set_its_facilitator_and_fellows(client, world, learning_set):
    empty = LearningSetFactory(cohort=world.cohort, name="Avon")
    client.force_login(world.adviser)

    rows = table(client.get(cohort_csv("cohorts:learning_sets_csv", world.cohort)))

    facilitator = world.facilitator
    assert rows[0] == [
        "Learning set", "Facilitator", "Facilitator email",
        "Fellow", "Email", "Job title", "Organisation",
    ]  # fmt: skip
    assert rows[1:] == [
        ["Thames", facilitator.name, facilitator.email, world.owner.name, world.owner.email,
         *cells(world.owner, world.cohort)],
        ["Not in a set", "", "", world.fellow.name, world.fellow.email,
         *cells(world.fellow, world.cohort)],
        [empty.name, "", "", "", "", "", ""],
    ]  # fmt: skip


def cells(user, cohort) -> list[str]:
    membership = user.memberships.get(cohort=cohort)
    return [membership.job_title, membership.organisation]


def test_interviews_csv_gives_a_row_per_goal_with_its_themes(client, world):
    data, change = (ThemeFactory(programme=world.programme, name=n) for n in ("Data", "Change"))
    interview = IntakeInterviewFactory(
        cohort=world.cohort, fellow=world.owner, interviewer=world.adviser
    )
    first = DevelopmentGoal.objects.create(interview=interview, text="Lead change", position=0)
    first.themes.set([data, change])
    DevelopmentGoal.objects.create(interview=interview, text="=SUM(A1)", position=1)
    client.force_login(world.adviser)

    rows = table(client.get(cohort_csv("cohorts:interviews_csv", world.cohort)))

    held = (world.cohort.starts_on - datetime.timedelta(days=14)).isoformat()
    about = [
        held,
        world.adviser.name,
        "Applied of their own accord",
        "3",
        "2",
        "4",
        interview.hopes,
    ]
    owner = [world.owner.name, world.owner.email, cells(world.owner, world.cohort)[1]]
    fellow = [world.fellow.name, world.fellow.email, cells(world.fellow, world.cohort)[1]]
    assert rows[0][-2:] == ["Goal", "Themes"]
    assert rows[1:] == [
        [*owner, *about, "Lead change", "Change; Data"],
        [*owner, *about, "'=SUM(A1)", ""],
        [*fellow, "Not yet", "", "", "", "", "", "", "", ""],
    ]


def test_people_csv_lists_the_cohorts_people_by_role(client, world, learning_set):
    client.force_login(world.adviser)

    rows = table(client.get(cohort_csv("cohorts:people_csv", world.cohort)))

    assert rows[0] == ["Role", "Name", "Email", "Job title", "Organisation", "Learning set"]
    assert [(row[0], row[1], row[5]) for row in rows[1:]] == [
        (label(Role.FELLOW), world.owner.name, "Thames"),
        (label(Role.FELLOW), world.fellow.name, ""),
        (label(Role.FACILITATOR), world.facilitator.name, ""),
        (label(Role.MENTOR), world.mentor.name, ""),
        (label(Role.ADVISER), world.adviser.name, ""),
    ]


def test_programme_people_csv_lists_every_cohort_and_the_programme_roles(client, world):
    client.force_login(world.adviser)

    rows = table(client.get(programme_csv(world.programme)))

    assert rows[0] == ["Cohort", "Role", "Name", "Email", "Job title", "Organisation"]
    assert [(row[0], row[1], row[2]) for row in rows[1:]] == [
        ("Whole programme", label(Role.MENTOR), world.mentor.name),
        ("Whole programme", label(Role.ADVISER), world.adviser.name),
        (world.cohort.name, label(Role.FELLOW), world.owner.name),
        (world.cohort.name, label(Role.FELLOW), world.fellow.name),
        (world.cohort.name, label(Role.FACILITATOR), world.facilitator.name),
    ]
    assert world.other_cohort_fellow.email not in str(rows)


def test_each_adviser_page_links_its_csv(client, world):
    client.force_login(world.adviser)
    pages = {
        "cohorts:detail": "cohorts:people_csv",
        "cohorts:learning_sets": "cohorts:learning_sets_csv",
        "cohorts:interviews": "cohorts:interviews_csv",
    }

    for page, export in pages.items():
        assert cohort_csv(export, world.cohort) in client.get(cohort_csv(page, world.cohort)).text
    assert programme_csv(world.programme) in client.get(reverse("cohorts:list")).text


def test_a_fellow_is_not_offered_the_people_csv(client, world):
    client.force_login(world.owner)

    page = client.get(cohort_csv("cohorts:detail", world.cohort))

    assert cohort_csv("cohorts:people_csv", world.cohort) not in page.text


def grow(world, size: int) -> None:
    themes = [ThemeFactory(programme=world.programme) for _ in range(2)]
    learning_set = LearningSetFactory(
        cohort=world.cohort, facilitator=make_facilitator(world.cohort)
    )
    for _ in range(size):
        fellow = make_fellow(world.cohort)
        place(learning_set, fellow)
        interview = IntakeInterviewFactory(cohort=world.cohort, fellow=fellow)
        goal = DevelopmentGoal.objects.create(interview=interview, text="Lead change")
        goal.themes.set(themes)


@pytest.mark.parametrize("name", [*COHORT_EXPORTS, "cohorts:programme_people_csv"])
def test_export_runs_the_same_queries_at_2_and_40_sizes(
    client, world, name, django_assert_max_num_queries, django_assert_num_queries
):
    target = world.programme if name == "cohorts:programme_people_csv" else world.cohort
    url = reverse(name, args=[target.pk])
    client.force_login(world.adviser)
    grow(world, 2)
    with django_assert_max_num_queries(10) as small:
        few = table(client.get(url))

    grow(world, 38)

    with django_assert_num_queries(len(small.captured_queries)):
        many = table(client.get(url))
    assert len(many) - len(few) >= 38  # every new fellow is in the file

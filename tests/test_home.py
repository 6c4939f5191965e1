import pytest
from django.urls import reverse

from accounts.factories import (
    CohortFactory,
    ProgrammeFactory,
    UserFactory,
    make_adviser,
    make_facilitator,
    make_fellow,
    make_mentor,
)
from cohorts.models import LearningSet, LearningSetMember

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(reverse("home"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_adviser_sees_programmes_and_cohorts_with_member_counts(client, world):
    make_fellow(world.cohort)
    client.force_login(world.adviser)

    response = client.get(reverse("home"))

    assert world.programme.name in response.text
    assert world.cohort.name in response.text
    cohort = response.context["advised_programmes"][0].cohorts.all()[0]
    assert cohort.fellow_count == 3  # owner, fellow and the one made here
    assert world.other_programme.name not in response.text


def test_fellow_sees_their_cohort_only(client, world):
    client.force_login(world.owner)

    response = client.get(reverse("home"))

    assert world.cohort.name in response.text
    assert world.other_cohort.name not in response.text
    assert "Programmes you advise" not in response.text


def test_mentor_sees_their_programmes(client, world):
    client.force_login(world.mentor)

    response = client.get(reverse("home"))

    assert "Programmes you mentor on" in response.text
    assert world.programme.name in response.text


def test_facilitator_sees_their_sets(client, world):
    learning_set = LearningSet.objects.create(
        cohort=world.cohort, name="Thames", facilitator=world.facilitator
    )
    LearningSetMember.objects.create(
        learning_set=learning_set, cohort=world.cohort, fellow=world.owner
    )
    client.force_login(world.facilitator)

    response = client.get(reverse("home"))

    assert "Thames" in response.text
    assert "1 fellow" in response.text


def test_person_without_a_role_is_told_how_to_get_one(client):
    client.force_login(UserFactory())

    response = client.get(reverse("home"))

    assert "do not have a role" in response.text


def test_deactivated_fellow_loses_access(client, world):
    world.owner.memberships.update(is_active=False)
    client.force_login(world.owner)

    home = client.get(reverse("home"))
    cohort = client.get(reverse("cohorts:detail", args=[world.cohort.pk]))

    assert world.cohort.name not in home.text
    assert cohort.status_code == 404


def grow(size: int):
    """A programme of `size` cohorts, each with `size` fellows and a set, for every role."""
    programme = ProgrammeFactory()
    adviser = make_adviser(programme)
    mentor = make_mentor(programme)
    facilitator = UserFactory()
    fellow = None
    for _ in range(size):
        cohort = CohortFactory(programme=programme)
        make_facilitator(cohort, user=facilitator)
        learning_set = LearningSet.objects.create(
            cohort=cohort, name="Set", facilitator=facilitator
        )
        for _ in range(size):
            fellow = make_fellow(cohort)
            LearningSetMember.objects.create(
                learning_set=learning_set, cohort=cohort, fellow=fellow
            )
    return {"adviser": adviser, "mentor": mentor, "facilitator": facilitator, "fellow": fellow}


@pytest.mark.parametrize("role", ["adviser", "fellow", "mentor", "facilitator"])
def test_home_page_queries_do_not_grow_with_data(
    client, role, django_assert_max_num_queries, django_assert_num_queries
):
    # Queries: session, user, roles, navigation, then each app's section of the page.
    small = grow(1)[role]
    client.force_login(small)
    with django_assert_max_num_queries(12) as small_run:
        client.get(reverse("home"))

    large = grow(6)[role]
    client.force_login(large)
    with django_assert_num_queries(len(small_run.captured_queries)):
        response = client.get(reverse("home"))
    assert response.status_code == 200

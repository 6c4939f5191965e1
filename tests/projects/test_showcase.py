import pytest
from django.urls import reverse
from django.utils.html import escape

from accounts.models import Cohort
from projects.factories import ImpactStatementFactory, ProjectFactory
from projects.models import ImpactStatement, ShowcasePlace
from tests.projects.data import IMPACT

pytestmark = pytest.mark.django_db


def impact_url(project, kind="showcase"):
    return reverse("projects:impact_edit", args=[project.pk, kind])


def test_fellow_writes_and_then_changes_their_showcase_impact_statement(client, world, project):
    client.force_login(world.owner)

    client.post(impact_url(project), IMPACT)
    response = client.post(impact_url(project), IMPACT | {"will_it_last": "Funded for 3 years."})

    statement = ImpactStatement.objects.get()
    assert response["Location"] == reverse("projects:detail", args=[project.pk])
    assert (statement.kind, statement.what_changed, statement.will_it_last) == (
        "showcase",
        IMPACT["what_changed"],
        "Funded for 3 years.",
    )


def test_impact_statement_with_missing_parts_is_refused(client, world, project):
    client.force_login(world.owner)

    response = client.post(impact_url(project), IMPACT | {"for_whom": "", "how_measured": " "})

    assert response.context["form"].errors == {
        "for_whom": ["Say who it changed things for"],
        "how_measured": ["Say how it was measured"],
    }
    assert not ImpactStatement.objects.exists()


def test_follow_up_statement_waits_until_the_cohort_has_ended(client, world, project):
    client.force_login(world.owner)

    early = client.post(impact_url(project, "follow_up"), IMPACT)
    Cohort.objects.filter(pk=world.cohort.pk).update(status=Cohort.Status.COMPLETED)
    later = client.post(impact_url(project, "follow_up"), IMPACT)

    assert early.status_code == 403
    assert "once Cohort 2 has ended" in early.text
    assert later.status_code == 302
    assert ImpactStatement.objects.get().kind == "follow_up"


def test_unknown_kind_of_impact_statement_is_not_found(client, world, project):
    client.force_login(world.owner)

    response = client.get(impact_url(project, "midpoint"))

    assert response.status_code == 404


def order_url(world):
    return reverse("projects:showcase_order", args=[world.cohort.pk])


def test_adviser_sets_the_running_order_and_gaps_close_up(client, world, project):
    second = ProjectFactory(cohort=world.cohort, fellow=world.fellow)
    absent = ProjectFactory(cohort=world.cohort)
    client.force_login(world.adviser)

    response = client.post(
        order_url(world),
        {f"position_{project.pk}": "3", f"position_{second.pk}": "1", f"position_{absent.pk}": ""},
    )

    assert response["Location"] == reverse("projects:showcase", args=[world.cohort.pk])
    assert list(ShowcasePlace.objects.values_list("position", "project")) == [
        (1, second.pk),
        (2, project.pk),
    ]


def test_two_fellows_in_the_same_place_is_refused_and_the_order_kept(client, world, project):
    second = ProjectFactory(cohort=world.cohort, fellow=world.fellow)
    ShowcasePlace.objects.create(cohort=world.cohort, project=project, position=1)
    client.force_login(world.adviser)

    response = client.post(
        order_url(world), {f"position_{project.pk}": "2", f"position_{second.pk}": "2"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        f"position_{second.pk}": [f"Position 2 is already given to {project.fellow.name}"]
    }
    assert list(ShowcasePlace.objects.values_list("position", "project")) == [(1, project.pk)]


def test_nonsense_positions_are_refused(client, world, project):
    client.force_login(world.adviser)

    response = client.post(order_url(world), {f"position_{project.pk}": "first"})

    assert response.context["form"].errors == {f"position_{project.pk}": ["Enter a whole number"]}


def test_showcase_shows_each_impact_statement_to_advisers_and_only_their_own_to_fellows(
    client, world, project
):
    peer = ProjectFactory(cohort=world.cohort, fellow=world.fellow)
    ImpactStatementFactory(project=project, what_changed="Owner's ward changed")
    ImpactStatementFactory(project=peer, what_changed="Peer's ward changed")
    ShowcasePlace.objects.create(cohort=world.cohort, project=peer, position=1)
    ShowcasePlace.objects.create(cohort=world.cohort, project=project, position=2)
    url = reverse("projects:showcase", args=[world.cohort.pk])

    client.force_login(world.adviser)
    adviser_view = client.get(url).text
    client.force_login(world.owner)
    fellow_view = client.get(url).text

    assert adviser_view.index(peer.title) < adviser_view.index(escape(project.title))
    assert "Owner&#x27;s ward changed" in adviser_view
    assert "Peer&#x27;s ward changed" in adviser_view
    assert peer.title in fellow_view
    assert "Owner&#x27;s ward changed" in fellow_view
    assert "Peer&#x27;s ward changed" not in fellow_view
    assert "Set the running order" not in fellow_view


def test_printable_programme_lists_the_running_order_with_showcase_impact(client, world, project):
    ImpactStatementFactory(project=project)
    ShowcasePlace.objects.create(cohort=world.cohort, project=project, position=1)
    client.force_login(world.adviser)

    response = client.get(reverse("projects:showcase_print", args=[world.cohort.pk]))

    assert escape(f"1. {project.title}") in response.text
    assert ImpactStatementFactory.what_changed in response.text
    assert "js/print.js" in response.text

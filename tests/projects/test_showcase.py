import datetime

import pytest
from django.urls import reverse
from django.utils.html import escape

from accounts.models import Cohort
from cohorts.models import Session
from core.clock import london_to_utc
from projects.factories import ImpactStatementFactory, ProjectFactory
from projects.models import ImpactStatement, ShowcasePlace, ShowcaseSchedule
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


# The running order's timing, valid unless a test changes it.
TIMING = {"starts_at": "10:00", "slot_minutes": "15"}


def test_adviser_sets_the_running_order_and_gaps_close_up(client, world, project):
    second = ProjectFactory(cohort=world.cohort, fellow=world.fellow)
    absent = ProjectFactory(cohort=world.cohort)
    client.force_login(world.adviser)

    response = client.post(
        order_url(world),
        TIMING
        | {
            f"position_{project.pk}": "3",
            f"position_{second.pk}": "1",
            f"position_{absent.pk}": "",
        },
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
        order_url(world), TIMING | {f"position_{project.pk}": "2", f"position_{second.pk}": "2"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        f"position_{second.pk}": [f"Position 2 is already given to {project.fellow.name}"]
    }
    assert list(ShowcasePlace.objects.values_list("position", "project")) == [(1, project.pk)]


def test_nonsense_positions_are_refused(client, world, project):
    client.force_login(world.adviser)

    response = client.post(order_url(world), TIMING | {f"position_{project.pk}": "first"})

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


def showcase_session(world, **changes):
    fields = {
        "cohort": world.cohort,
        "kind": Session.Kind.SHOWCASE,
        "title": "Showcase",
        "starts_at": london_to_utc(datetime.date(2027, 6, 17), datetime.time(9, 30)),
        "ends_at": london_to_utc(datetime.date(2027, 6, 17), datetime.time(16, 0)),
        "location": "Wellcome Collection, London",
    }
    return Session.objects.create(**fields | changes)


def test_printout_shows_the_date_venue_and_each_fellows_slot(client, world, project):
    showcase_session(world)
    second = ProjectFactory(cohort=world.cohort, fellow=world.fellow, title="Second project")
    client.force_login(world.adviser)
    client.post(
        order_url(world),
        {"starts_at": "13:30", "slot_minutes": "20"}
        | {f"position_{project.pk}": "1", f"position_{second.pk}": "2"},
    )

    response = client.get(reverse("projects:showcase_print", args=[world.cohort.pk]))

    assert ShowcaseSchedule.objects.get().slot_minutes == 20
    assert "Thursday 17 June 2027" in response.text
    assert "Wellcome Collection, London" in response.text
    assert "From 13:30, 20 minutes each" in response.text
    assert f"13:30 to 13:50</span> 1. {escape(project.title)}" in response.text
    assert "13:50 to 14:10</span> 2. Second project" in response.text


def test_printout_without_a_showcase_session_says_to_be_confirmed(client, world, project):
    ShowcasePlace.objects.create(cohort=world.cohort, project=project, position=1)
    client.force_login(world.adviser)

    response = client.get(reverse("projects:showcase_print", args=[world.cohort.pk]))

    assert response.text.count("To be confirmed") == 2
    assert "pioneer-print__time" not in response.text  # no slot times until a schedule is set


def test_running_order_form_starts_from_the_showcase_sessions_start(client, world, project):
    showcase_session(world)
    client.force_login(world.adviser)

    response = client.get(order_url(world))

    form = response.context["form"]
    assert (form["starts_at"].value(), form["slot_minutes"].value()) == (
        datetime.time(9, 30),
        15,
    )


@pytest.mark.parametrize(
    ("timing", "errors"),
    [
        (
            {"starts_at": "", "slot_minutes": "15"},
            {"starts_at": ["Enter the time the first fellow starts"]},
        ),
        (
            {"starts_at": "25:00", "slot_minutes": "15"},
            {"starts_at": ["Enter a start time such as 10:00"]},
        ),
        (
            {"starts_at": "10:00", "slot_minutes": ""},
            {"slot_minutes": ["Enter how many minutes each fellow has"]},
        ),
        (
            {"starts_at": "10:00", "slot_minutes": "2"},
            {"slot_minutes": ["Enter a slot length of 5 minutes or more"]},
        ),
        (
            {"starts_at": "10:00", "slot_minutes": "121"},
            {"slot_minutes": ["Enter a slot length of 120 minutes or less"]},
        ),
        (
            {"starts_at": "10:00", "slot_minutes": "ten"},
            {"slot_minutes": ["Enter the slot length as a whole number of minutes"]},
        ),
        (
            {"starts_at": "23:00", "slot_minutes": "45"},
            {
                "slot_minutes": [
                    "The running order would end after midnight: start earlier or shorten the slots"
                ]
            },
        ),
    ],
)
def test_bad_timing_is_refused_and_the_order_kept(client, world, project, timing, errors):
    second = ProjectFactory(cohort=world.cohort, fellow=world.fellow)
    ShowcasePlace.objects.create(cohort=world.cohort, project=project, position=1)
    client.force_login(world.adviser)

    response = client.post(
        order_url(world), timing | {f"position_{project.pk}": "2", f"position_{second.pk}": "1"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors == errors
    assert "There is a problem" in response.text
    assert list(ShowcasePlace.objects.values_list("position", "project")) == [(1, project.pk)]
    assert not ShowcaseSchedule.objects.exists()

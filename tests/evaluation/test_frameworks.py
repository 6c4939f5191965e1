"""Frameworks: the default exists everywhere; advisers copy and edit; answers freeze a version."""

import pytest
from django.urls import reverse

from evaluation.defaults import DEFAULT_FRAMEWORK_NAME
from evaluation.factories import WaveFactory, make_framework
from evaluation.models import Domain, Framework, Indicator
from tests.evaluation.conftest import answer_everything
from tests.matrix import adviser_only, assert_matrix

pytestmark = pytest.mark.django_db

# Any programme's advisers: the default framework is everyone's.
ADVISERS = adviser_only() | {"other_adviser": 200}


def default_framework():
    return Framework.objects.get(programme=None, name=DEFAULT_FRAMEWORK_NAME)


def test_the_migration_creates_the_default_framework():
    framework = default_framework()

    domains = {d.key: d for d in framework.domains.all()}
    assert list(domains) == ["skilled", "connected", "inspired", "impactful"]
    assert domains["impactful"].is_outcome
    kinds = {
        key: sorted(set(domain.indicators.values_list("kind", flat=True)))
        for key, domain in domains.items()
    }
    assert kinds["connected"] == ["derived", "self_assessment"]
    assert "adviser_rating" in kinds["skilled"]
    assert framework.domains.get(key="inspired").indicators.count() == 5
    derived = set(
        Indicator.objects.filter(domain__framework=framework, kind="derived").values_list(
            "derived_key", flat=True
        )
    )
    assert derived == {
        "mentors_met",
        "learning_set_attendance",
        "sessions_attended",
        "network_ties",
        "organisations_reached",
    }


def test_framework_pages_matrix(world):
    default = default_framework()
    ours = make_framework(programme=world.programme)

    assert_matrix(world, reverse("evaluation:frameworks"), ADVISERS | _refused(403))
    assert_matrix(world, reverse("evaluation:framework", args=[default.pk]), ADVISERS)
    assert_matrix(world, reverse("evaluation:framework", args=[ours.pk]), adviser_only())


def _refused(status):
    return dict.fromkeys(
        ("owner", "fellow", "other_cohort_fellow", "mentor", "facilitator"), status
    )


def test_the_framework_list_counts_only_the_advisers_own_waves(client, world):
    default = default_framework()
    WaveFactory(cohort=world.cohort, framework=default)
    WaveFactory(cohort=world.other_cohort, framework=default)
    WaveFactory(cohort=world.other_cohort, framework=default, kind="midpoint")
    client.force_login(world.adviser)

    page = client.get(reverse("evaluation:frameworks"))

    counts = {framework.pk: framework.wave_count for framework in page.context["frameworks"]}
    assert counts == {default.pk: 1}


def test_evaluation_index_matrix_and_only_own_cohorts(client, world, wave):
    assert_matrix(world, reverse("evaluation:index"), ADVISERS | _refused(403))
    client.force_login(world.other_adviser)

    page = client.get(reverse("evaluation:index"))

    assert list(page.context["cohorts"]) == [world.other_cohort]


def test_adviser_copies_the_default_framework_to_their_programme(client, world):
    default = default_framework()
    url = reverse("evaluation:framework_copy", args=[default.pk])
    data = {"name": "Our framework", "programme": world.programme.pk}

    assert_matrix(world, url, ADVISERS)
    assert_matrix(world, url, adviser_only(302) | {"other_adviser": 200}, method="post", data=data)
    client.force_login(world.adviser)
    client.post(url, data)

    copy = Framework.objects.get(name="Our framework")
    assert (copy.programme, copy.version, copy.parent, copy.frozen) == (
        world.programme,
        1,
        default,
        False,
    )
    assert (
        Indicator.objects.filter(domain__framework=copy).count()
        == Indicator.objects.filter(domain__framework=default).count()
    )


def test_a_copy_needs_a_new_name(client, world):
    make_framework(programme=world.programme, name="Ours")
    client.force_login(world.adviser)

    page = client.post(
        reverse("evaluation:framework_copy", args=[default_framework().pk]),
        {"name": "ours", "programme": world.programme.pk},
    )

    assert "already has a framework called “ours”" in page.text
    assert Framework.objects.filter(programme=world.programme).count() == 1


def edit_url(indicator):
    return reverse("evaluation:indicator_edit", args=[indicator.pk])


def test_editing_items_matrix(world):
    ours = make_framework(programme=world.programme)
    indicator = Indicator.objects.filter(domain__framework=ours).first()
    default_item = Indicator.objects.filter(domain__framework=default_framework()).first()
    domain = Domain.objects.get(framework=ours, key="skilled")
    data = {"statement": "I can lead change.", "weight": "2"}
    new = {"statement": "New", "weight": "1", "kind": "self_assessment"}

    assert_matrix(world, edit_url(indicator), adviser_only())
    assert_matrix(world, edit_url(indicator), adviser_only(302), method="post", data=data)
    assert_matrix(world, edit_url(default_item), ADVISERS | {"adviser": 403, "other_adviser": 403})
    new_url = reverse("evaluation:indicator_new", args=[domain.pk])
    assert_matrix(world, new_url, adviser_only())
    assert_matrix(world, new_url, adviser_only(302), method="post", data=new)
    delete_url = reverse("evaluation:indicator_delete", args=[indicator.pk])
    assert_matrix(world, delete_url, adviser_only(302), method="post")


def test_editing_an_unused_framework_changes_it_in_place(client, world):
    ours = make_framework(programme=world.programme)
    indicator = Indicator.objects.filter(domain__framework=ours).first()
    client.force_login(world.adviser)

    client.post(edit_url(indicator), {"statement": "I can lead change.", "weight": "2.5"})

    indicator.refresh_from_db()
    assert (indicator.statement, str(indicator.weight)) == ("I can lead change.", "2.50")
    assert Framework.objects.filter(programme=world.programme).count() == 1


def test_editing_a_framework_with_answers_makes_a_new_version(client, world):
    ours = make_framework(programme=world.programme, name="Ours")
    wave = WaveFactory(cohort=world.cohort, framework=ours)
    answer_everything(wave, world.owner)
    indicator = Indicator.objects.filter(domain__framework=ours).first()
    client.force_login(world.adviser)

    response = client.post(edit_url(indicator), {"statement": "Changed.", "weight": "1"})

    ours.refresh_from_db()
    newer = Framework.objects.get(name="Ours", version=2)
    assert ours.frozen
    assert newer.parent == ours
    assert response["Location"] == reverse("evaluation:framework", args=[newer.pk])
    assert Indicator.objects.get(pk=indicator.pk).statement != "Changed."
    assert Indicator.objects.filter(domain__framework=newer, statement="Changed.").exists()
    wave.refresh_from_db()
    assert wave.framework == ours  # the wave keeps the version it used


def test_an_old_version_cannot_be_edited(client, world):
    ours = make_framework(programme=world.programme, name="Ours")
    ours.frozen = True
    ours.save()
    indicator = Indicator.objects.filter(domain__framework=ours).first()
    client.force_login(world.adviser)
    client.post(edit_url(indicator), {"statement": "Version 2.", "weight": "1"})

    page = client.post(edit_url(indicator), {"statement": "Again.", "weight": "1"})

    assert "This is an old version of the framework" in page.text
    assert Framework.objects.filter(name="Ours").count() == 2


def test_a_weight_of_zero_for_every_item_of_a_domain_is_refused(client, world):
    ours = make_framework(programme=world.programme, items={"skilled": 2})
    first, second = Indicator.objects.filter(domain__framework=ours, domain__key="skilled")
    first.weight = 0
    first.save()
    client.force_login(world.adviser)

    page = client.post(edit_url(second), {"statement": second.statement, "weight": "0"})

    assert page.status_code == 200
    assert "Skilled needs at least one indicator with a weight above zero" in page.text
    second.refresh_from_db()
    assert second.weight == 1


def test_removing_the_last_weighted_item_is_refused(client, world):
    ours = make_framework(programme=world.programme, items={"skilled": 1})
    only = Indicator.objects.get(domain__framework=ours, domain__key="skilled")
    client.force_login(world.adviser)

    response = client.post(reverse("evaluation:indicator_delete", args=[only.pk]), follow=True)

    assert "Skilled needs at least one indicator with a weight above zero" in response.text
    assert Indicator.objects.filter(pk=only.pk).exists()


def test_a_derived_item_needs_a_measure(client, world):
    ours = make_framework(programme=world.programme)
    domain = Domain.objects.get(framework=ours, key="connected")
    client.force_login(world.adviser)
    url = reverse("evaluation:indicator_new", args=[domain.pk])

    refused = client.post(url, {"statement": "Ties", "kind": "derived", "weight": "1"})
    added = client.post(
        url, {"statement": "Ties", "kind": "derived", "derived_key": "network_ties", "weight": "1"}
    )

    assert "Choose the measure this item comes from." in refused.text
    assert added.status_code == 302
    assert Indicator.objects.get(statement="Ties").derived_key == "network_ties"


def test_a_copys_name_is_one_line(client, world):
    client.force_login(world.adviser)

    page = client.post(
        reverse("evaluation:framework_copy", args=[default_framework().pk]),
        {"name": "Ours\nand theirs", "programme": world.programme.pk},
    )

    assert "Use letters, numbers and punctuation only, on one line" in page.text
    assert not Framework.objects.filter(programme=world.programme).exists()

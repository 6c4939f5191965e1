"""Stamps (core.changes) move with every write a cached page could show, and pages served
from the cache are never older than the last write."""

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from accounts.factories import CohortFactory, ProgrammeFactory, make_adviser, make_fellow
from accounts.models import Membership, Role
from accounts.services import membership_deactivate
from core.changes import Places, compact, record, stamp, watched_models
from core.models import Change
from core.tasks import changes_compact
from evaluation.models import Wave
from evaluation.services.scores import scores_compute
from mentoring.factories import BookingFactory, SlotFactory, days_ahead, make_mentor_profile
from mentoring.models import Slot
from mentoring.services.slots import slot_series_remove
from tests.evaluation.conftest import answered_cohort, bulk_answers

pytestmark = pytest.mark.django_db

# Rows no cached page shows: Django's permission tables and the browsers a person used.
NOT_SHOWN = {"accounts.User_groups", "accounts.User_user_permissions", "accounts.KnownBrowser"}


def main(response) -> str:
    """The page's main content (the header's sign-out form has a token per response)."""
    return response.text.split('id="maincontent"', 1)[1].split("</main>", 1)[0]


def test_every_model_a_cached_page_can_show_is_watched():
    watched = {model._meta.label for model in watched_models()}
    for app in ("accounts", "cohorts", "projects", "mentoring", "evaluation", "recruitment"):
        for model in apps.get_app_config(app).get_models(include_auto_created=True):
            assert model._meta.label in watched | NOT_SHOWN, model._meta.label


def test_compacting_folds_rows_and_keeps_every_stamp():
    programme, other = ProgrammeFactory(), ProgrammeFactory()
    cohort = CohortFactory(programme=programme)
    for _ in range(3):
        record(Places(programmes={programme.pk}, cohorts={(programme.pk, cohort.pk)}))
        record(Places(programmes={other.pk}, users={7}))
    before = [stamp(programme=programme.pk), stamp(programme=programme.pk, cohort=cohort.pk)]
    before.append(stamp(programme=other.pk))
    rows = Change.objects.count()

    removed = compact()

    after = [stamp(programme=programme.pk), stamp(programme=programme.pk, cohort=cohort.pk)]
    after.append(stamp(programme=other.pk))
    assert after == before
    assert removed > 0
    assert Change.objects.count() == rows - removed


def test_a_cohort_stamp_moves_with_its_programme_but_not_a_neighbour():
    programme = ProgrammeFactory()
    cohort, neighbour = CohortFactory(programme=programme), CohortFactory(programme=programme)
    mine = stamp(programme=programme.pk, cohort=cohort.pk)

    make_fellow(neighbour)
    assert stamp(programme=programme.pk, cohort=cohort.pk) == mine
    make_fellow(cohort)
    assert stamp(programme=programme.pk, cohort=cohort.pk) != mine


# The mentoring uptake page, cached under its programme's stamp: each write path,
# signals and bulk updates alike, makes the next view compute the tables again.


def _uptake_world():
    programme = ProgrammeFactory()
    cohort = CohortFactory(programme=programme)
    fellow = make_fellow(cohort)
    profile = make_mentor_profile(programme=programme)
    return programme, cohort, fellow, profile.user


def _book(programme, cohort, fellow, mentor):
    slot = SlotFactory(mentor=mentor, programme=programme, starts_at=days_ahead(-3))
    BookingFactory(slot=slot, fellow=fellow, cohort=cohort, status="held")


def _new_slot_series(programme, cohort, fellow, mentor):
    first = SlotFactory(mentor=mentor, programme=programme, starts_at=days_ahead(2))
    Slot.objects.filter(pk=first.pk).update(series=first.pk)  # arranging data only
    first.refresh_from_db()
    BookingFactory(slot=first, fellow=fellow, cohort=cohort)
    return lambda: slot_series_remove(slot=first, by=mentor, now=timezone.now())


def _mentor_leaves(programme, cohort, fellow, mentor):
    membership = Membership.objects.get(user=mentor, programme=programme, role=Role.MENTOR)
    membership_deactivate(membership=membership)


def _fellow_renamed(programme, cohort, fellow, mentor):
    fellow.name = "Renamed O'Fellow"
    fellow.save()


@pytest.mark.parametrize(
    "write",
    [_book, _mentor_leaves, _fellow_renamed, "series"],
    ids=["booking saved", "mentor leaves", "fellow renamed", "series removed (bulk)"],
)
def test_uptake_is_computed_again_after_every_kind_of_write(client, write):
    programme, cohort, fellow, mentor = _uptake_world()
    remove_series = (
        _new_slot_series(programme, cohort, fellow, mentor) if write == "series" else None
    )
    client.force_login(make_adviser(programme))
    url = reverse("mentoring:uptake", args=[programme.pk])
    first = client.get(url)
    cached = client.get(url)
    assert "mentors" in first.context
    assert cached.context is None  # a cache hit: no template rendered
    assert main(cached) == main(first)

    if remove_series:
        remove_series()
    else:
        write(programme, cohort, fellow, mentor)
    fresh = client.get(url)

    assert fresh.context is not None  # computed again, from the new data
    assert main(fresh) != main(first)


def test_the_report_shows_new_scores_and_answers_at_once(client):
    adviser, cohort = answered_cohort(3)
    client.force_login(adviser)
    url = reverse("evaluation:report", args=[cohort.pk])
    first = client.get(url)
    assert client.get(url).context is None  # served from the cache

    wave = cohort.evaluation_waves.get(kind=Wave.Kind.END)
    bulk_answers(wave, [make_fellow(cohort)], lambda i, _: 5)  # signals: the wave and fellow
    scores_compute(wave=wave)  # a bulk upsert, recorded by the service
    fresh = client.get(url)

    assert fresh.context is not None
    assert main(fresh) != main(first)


def test_an_adviser_whose_role_ends_is_refused_at_once(client):
    programme = ProgrammeFactory()
    adviser = make_adviser(programme)
    client.force_login(adviser)
    url = reverse("mentoring:uptake", args=[programme.pk])
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200  # roles now come from the cache

    membership_deactivate(membership=Membership.objects.get(user=adviser, role=Role.ADVISER))

    assert client.get(url).status_code in (403, 404)


def test_the_nightly_task_compacts_the_rows():
    programme = ProgrammeFactory()
    for _ in range(4):
        record(Places(programmes={programme.pk}))
    before = stamp(programme=programme.pk)

    changes_compact.delay()

    assert stamp(programme=programme.pk) == before
    assert Change.objects.filter(programme_id=programme.pk).count() == 1


def test_a_write_to_a_programme_and_one_cohort_moves_every_cohort_of_the_programme():
    programme = ProgrammeFactory()
    cohort, other = CohortFactory(programme=programme), CohortFactory(programme=programme)
    before = stamp(programme=programme.pk, cohort=other.pk)

    # An adviser of the programme who is also a fellow of one cohort is renamed.
    record(Places(programmes={programme.pk}, cohorts={(programme.pk, cohort.pk)}))

    assert stamp(programme=programme.pk, cohort=other.pk) != before


def test_a_booking_moves_its_cohorts_stamp_and_its_programmes_but_not_a_neighbours():
    programme = ProgrammeFactory()
    cohort, neighbour = CohortFactory(programme=programme), CohortFactory(programme=programme)
    fellow = make_fellow(cohort)
    mentor = make_mentor_profile(programme=programme).user
    slot = SlotFactory(mentor=mentor, programme=programme)
    before = [
        stamp(programme=programme.pk, cohort=cohort.pk),
        stamp(programme=programme.pk),
        stamp(programme=programme.pk, cohort=neighbour.pk),
    ]

    BookingFactory(slot=slot, fellow=fellow, cohort=cohort)

    mine, programme_wide, neighbours = before
    assert stamp(programme=programme.pk, cohort=cohort.pk) != mine
    assert stamp(programme=programme.pk) != programme_wide
    assert stamp(programme=programme.pk, cohort=neighbour.pk) == neighbours

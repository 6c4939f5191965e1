"""Advisers add waves, see who has answered and rate fellows; fellows are invited and
reminded once."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.factories import make_fellow
from evaluation import tasks
from evaluation.factories import WaveFactory, make_framework
from evaluation.models import AdviserRating, Indicator, Response, Score, Wave
from tests.evaluation.conftest import answer_everything, closed_wave
from tests.matrix import WRONG_METHOD, adviser_only, assert_matrix

pytestmark = pytest.mark.django_db


def new_wave_data(framework, **changes):
    today = timezone.localdate()
    data = {
        "kind": "midpoint",
        "framework": framework.pk,
        "opens_on": today.isoformat(),
        "closes_on": (today + datetime.timedelta(days=21)).isoformat(),
    }
    return data | changes


def test_adding_a_wave_matrix(world, framework):
    url = reverse("evaluation:wave_new", args=[world.cohort.pk])

    assert_matrix(world, url, adviser_only())
    assert_matrix(world, url, adviser_only(302), method="post", data=new_wave_data(framework))


def test_adviser_adds_a_wave_with_the_default_framework(client, world):
    default = Wave._meta.get_field("framework").related_model.objects.get(programme=None)
    client.force_login(world.adviser)

    response = client.post(
        reverse("evaluation:wave_new", args=[world.cohort.pk]), new_wave_data(default)
    )

    wave = Wave.objects.get()
    assert response["Location"] == reverse("evaluation:wave", args=[wave.pk])
    assert (wave.cohort, wave.kind, wave.framework) == (world.cohort, "midpoint", default)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kind": "baseline"}, "Cohort 2 already has a baseline wave."),
        (
            {"opens_on": "2026-05-10", "closes_on": "2026-05-01"},
            "The closing date must be on or after the opening date.",
        ),
        ({"opens_on": "not a date"}, "Enter a valid date."),
        ({"kind": "weekly"}, "Select a valid choice. weekly is not one of the available choices."),
    ],
)
def test_a_bad_wave_is_refused_with_a_message(client, world, wave, changes, message):
    client.force_login(world.adviser)

    page = client.post(
        reverse("evaluation:wave_new", args=[world.cohort.pk]),
        new_wave_data(wave.framework, **changes),
    )

    assert page.status_code == 200
    assert message in page.text
    assert Wave.objects.count() == 1


def test_another_programmes_framework_cannot_be_chosen(client, world, wave):
    theirs = make_framework(programme=world.other_programme)
    client.force_login(world.adviser)

    page = client.post(
        reverse("evaluation:wave_new", args=[world.cohort.pk]), new_wave_data(theirs)
    )

    assert "Select a valid choice" in page.text
    assert Wave.objects.count() == 1


def test_wave_page_matrix_and_status_of_each_fellow(client, world, wave):
    answer_everything(wave, world.owner)
    answer_everything(wave, world.fellow, submit=False)
    url = reverse("evaluation:wave", args=[wave.pk])

    assert_matrix(world, url, adviser_only())
    client.force_login(world.adviser)
    page = client.get(url)

    states = {m.user: (bool(m.submitted_at), m.has_draft) for m in page.context["fellows"]}
    assert states == {world.owner: (True, True), world.fellow: (False, True)}
    assert page.context["answered"] == 1


def test_changing_wave_dates_matrix_and_refusal(client, world, wave):
    url = reverse("evaluation:wave_edit", args=[wave.pk])
    good = {"opens_on": "2026-03-01", "closes_on": "2026-03-31"}

    assert_matrix(world, url, adviser_only())
    assert_matrix(world, url, adviser_only(302), method="post", data=good)
    client.force_login(world.adviser)
    page = client.post(url, {"opens_on": "2026-03-31", "closes_on": "2026-03-01"})

    assert "The closing date must be on or after the opening date." in page.text
    wave.refresh_from_db()
    assert wave.closes_on >= wave.opens_on


def test_recompute_matrix_and_it_picks_up_new_evidence(
    client, world, wave, django_capture_on_commit_callbacks
):
    answer_everything(wave, world.owner)
    url = reverse("evaluation:wave_recompute", args=[wave.pk])
    Score.objects.update(value=1.0)

    assert_matrix(world, url, WRONG_METHOD)
    assert_matrix(world, url, adviser_only(302), method="post")
    client.force_login(world.adviser)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)

    assert set(Score.objects.values_list("value", flat=True)) == {75.0}


def ratings_url(wave, fellow):
    return reverse("evaluation:ratings", args=[wave.pk, fellow.pk])


def test_ratings_matrix_including_a_fellow_of_another_cohort(world, wave):
    rated = Indicator.objects.get(domain__framework=wave.framework, kind="adviser_rating")

    assert_matrix(world, ratings_url(wave, world.owner), adviser_only())
    assert_matrix(
        world,
        ratings_url(wave, world.owner),
        adviser_only(302),
        method="post",
        data={f"rating_{rated.pk}": "4"},
    )
    assert_matrix(world, ratings_url(wave, world.other_cohort_fellow), adviser_only(404))


def test_adviser_rates_a_fellow_and_can_remove_the_rating(client, world, wave):
    rated = Indicator.objects.get(domain__framework=wave.framework, kind="adviser_rating")
    client.force_login(world.adviser)

    client.post(ratings_url(wave, world.owner), {f"rating_{rated.pk}": "4"})
    assert AdviserRating.objects.get().value == 4

    client.post(ratings_url(wave, world.owner), {f"rating_{rated.pk}": ""})
    assert not AdviserRating.objects.exists()


def test_a_rating_outside_the_scale_is_refused(client, world, wave):
    rated = Indicator.objects.get(domain__framework=wave.framework, kind="adviser_rating")
    client.force_login(world.adviser)

    page = client.post(ratings_url(wave, world.owner), {f"rating_{rated.pk}": "9"})

    assert "Choose a number from 1 to 5" in page.text
    assert not AdviserRating.objects.exists()


# Invitations and reminders.


def test_fellows_are_invited_once_when_a_wave_opens(
    world, wave, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        tasks.invite_to_open_waves()
    with django_capture_on_commit_callbacks(execute=True):
        tasks.invite_to_open_waves()

    assert sorted(m.to[0] for m in mail.outbox) == sorted([world.owner.email, world.fellow.email])
    assert "self-assessment for Cohort 2 is open" in mail.outbox[0].subject
    assert reverse("evaluation:answer", args=[wave.pk]) in mail.outbox[0].body
    assert Response.objects.filter(invited_at__isnull=False).count() == 2
    wave.refresh_from_db()
    assert wave.invitations_sent_at is not None


def test_a_fellow_who_joins_while_the_wave_is_open_is_invited_too(
    world, wave, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        tasks.invite_to_open_waves()
    late = make_fellow(world.cohort)

    with django_capture_on_commit_callbacks(execute=True):
        tasks.invite_to_open_waves()

    assert [m.to for m in mail.outbox[2:]] == [[late.email]]


def test_a_closed_wave_sends_no_invitations(world, framework, django_capture_on_commit_callbacks):
    closed_wave(world.cohort, framework)

    with django_capture_on_commit_callbacks(execute=True):
        tasks.invite_to_open_waves()

    assert mail.outbox == []


def test_non_responders_are_reminded_once_in_the_last_week(
    world, framework, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    wave = WaveFactory(
        cohort=world.cohort,
        framework=framework,
        opens_on=today,
        closes_on=today + datetime.timedelta(days=14),
    )
    with django_capture_on_commit_callbacks(execute=True):
        tasks.invite_to_open_waves()
    answer_everything(wave, world.owner)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        tasks.remind_non_responders()  # day 0: too early
    assert mail.outbox == []

    with time_machine.travel(timezone.now() + datetime.timedelta(days=8), tick=False):
        for _ in range(2):
            with django_capture_on_commit_callbacks(execute=True):
                tasks.remind_non_responders()

    assert [m.to for m in mail.outbox] == [[world.fellow.email]]
    assert "Reminder" in mail.outbox[0].subject
    assert Response.objects.get(fellow=world.fellow).reminder_sent_at is not None


def test_a_failed_send_can_be_retried(world, wave, django_capture_on_commit_callbacks, settings):
    response = Response.objects.create(wave=wave, fellow=world.owner)
    settings.MAILERS = {"default": {"BACKEND": "tests.evaluation.test_waves.BrokenBackend"}}

    with pytest.raises(OSError, match="connection refused"):
        tasks.send_wave_invitation.apply(args=[response.pk], throw=True, retries=60)

    response.refresh_from_db()
    assert response.invited_at is None  # the claim is released for the retry


class BrokenBackend:
    """An SMTP server that is down (outside the system under test)."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("connection refused")


@pytest.mark.parametrize(
    "dates",
    [
        {"opens_on": "0001-01-01", "closes_on": "2026-05-01"},
        {"opens_on": "2026-05-01", "closes_on": "9999-12-31"},
    ],
)
def test_wave_dates_far_from_the_cohort_are_refused(client, world, wave, dates):
    client.force_login(world.adviser)
    message = (
        "Choose a date between 1 April 2025 and 30 March 2029, from a year before Cohort 2 "
        "starts to two years after it ends"
    )

    new = client.post(
        reverse("evaluation:wave_new", args=[world.cohort.pk]),
        new_wave_data(wave.framework, **dates),
    )
    edit = client.post(reverse("evaluation:wave_edit", args=[wave.pk]), dates)

    assert (new.status_code, edit.status_code) == (200, 200)
    assert message in new.text
    assert message in edit.text
    assert Wave.objects.count() == 1
    assert Wave.objects.get() == wave

"""Erasure: an adviser asks, a second adviser of the programme confirms (a superuser
erases at once); the person is anonymised everywhere, their account closed, their
sessions still to come cancelled with the usual emails, and nothing is sent to them again."""

import pytest
from django.core import mail
from django.test import Client, TestCase
from django.urls import reverse

from accounts.factories import PASSWORD, CohortFactory, UserFactory, make_adviser, make_fellow
from accounts.models import Membership, User
from audit.models import Action, Event
from core.mail import send_templated_email
from mentoring.models import Booking, Slot
from privacy.models import Erasure
from tests.matrix import LOGIN, WRONG_METHOD, adviser_only, assert_matrix, outcomes
from tests.privacy.conftest import give_everything

pytestmark = pytest.mark.django_db


def erasures_url(world) -> str:
    return reverse("privacy:erasures", args=[world.programme.pk])


def ask(client, adviser, person, programme):
    client.force_login(adviser)
    url = reverse("privacy:erasures", args=[programme.pk])
    return client.post(url, {"person": person.pk, "understood": "on"})


def confirm(client, adviser, erasure):
    client.force_login(adviser)
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("privacy:erasure_confirm", args=[erasure.pk]), follow=True)


def test_only_the_programmes_advisers_see_the_erasure_page(world):
    assert_matrix(world, erasures_url, adviser_only())


def test_only_the_programmes_advisers_ask_for_an_erasure(world):
    assert_matrix(
        world,
        erasures_url,
        adviser_only(302),
        method="post",
        data=lambda w: {"person": w.fellow.pk, "understood": "on"},
    )


def test_a_second_adviser_confirms_and_the_one_who_asked_cannot(world):
    second = make_adviser(world.programme, user__name="Second Adviser")
    erasure = Erasure.objects.create(
        person=world.fellow, programme=world.programme, requested_by=second
    )
    url = reverse("privacy:erasure_confirm", args=[erasure.pk])

    assert_matrix(world, url, adviser_only(302), method="post")
    assert_matrix(world, url, WRONG_METHOD | {"anonymous": 405})
    client = Client()
    client.force_login(second)
    assert client.post(url).status_code == 403
    assert User.objects.get(pk=world.fellow.pk).name == "Daniel Okafor"


def test_withdrawing_is_for_the_programmes_advisers(world):
    erasure = Erasure.objects.create(
        person=world.fellow, programme=world.programme, requested_by=world.adviser
    )
    url = reverse("privacy:erasure_withdraw", args=[erasure.pk])

    assert_matrix(world, url, adviser_only(302), method="post")


def test_asking_erases_nothing_until_another_adviser_confirms(client, world):
    response = ask(client, world.adviser, world.owner, world.programme)

    assert response.status_code == 302
    owner = User.objects.get(pk=world.owner.pk)
    assert (owner.name, owner.is_active) == ("Chloe Evans", True)
    page = client.get(erasures_url(world)).content.decode()
    assert "Chloe Evans" in page
    assert "Confirm erasure" not in page  # not for the adviser who asked


def test_once_confirmed_the_person_is_anonymised_and_signed_out(client, world):
    everything = give_everything(world)
    signed_in = Client()
    signed_in.force_login(world.owner)
    ask(client, world.adviser, world.owner, world.programme)
    second = make_adviser(world.programme)

    response = confirm(client, second, Erasure.objects.get())

    label = f"Former fellow {world.owner.pk}"
    assert f"They are now {label}" in response.content.decode()
    owner = User.objects.get(pk=world.owner.pk)
    assert owner.name == label
    assert owner.email == f"former-{owner.pk}@erased.invalid"
    assert not owner.is_active
    assert not owner.has_usable_password()
    # Roles end; the place in the cohort stays so its reports keep their numbers.
    assert list(Membership.objects.filter(user=owner, is_active=True).values_list("role")) == [
        ("fellow",)
    ]
    assert signed_in.get(reverse("privacy:index"))["Location"].startswith("/accounts/login/")
    assert not Client().login(email="chloe@example.org", password=PASSWORD)
    assert everything.person.intake_interviews.get().hopes == ""
    # The trail says who erased whom, keeping no name.
    confirmed = Event.objects.filter(object_type="privacy.erasure", action=Action.UPDATE).get()
    assert confirmed.actor == second
    assert list(confirmed.subjects.values_list("person", flat=True)) == [owner.pk]
    renamed = Event.objects.filter(object_type="accounts.user", object_id=str(owner.pk)).last()
    assert renamed.changes["name"] == renamed.changes["email"] == "changed"


def test_their_sessions_still_to_come_are_cancelled_and_the_other_side_told(client, world):
    everything = give_everything(world)
    ask(client, world.adviser, world.owner, world.programme)
    mail.outbox.clear()
    # The owner also mentors on the other programme: a superuser erases them at once.
    superuser = UserFactory(is_superuser=True, is_staff=True)
    Erasure.objects.all().delete()
    client.force_login(superuser)

    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(erasures_url(world), {"person": world.owner.pk, "understood": "on"})

    as_fellow = Booking.objects.get(pk=everything.fellow_booking.pk)
    as_mentor = Booking.objects.get(pk=everything.mentor_slot_booking.pk)
    assert as_fellow.status == as_mentor.status == Booking.Status.CANCELLED
    assert as_fellow.agenda == ""
    told = sorted(address for message in mail.outbox for address in message.to)
    assert told == sorted([world.mentor.email, as_mentor.fellow.email])
    assert not Slot.objects.filter(mentor=world.owner, cancelled_at__isnull=True).exists()


def test_nothing_is_ever_sent_to_an_erased_person(client, world):
    erasure = Erasure.objects.create(
        person=world.owner, programme=world.programme, requested_by=make_adviser(world.programme)
    )
    confirm(client, world.adviser, erasure)
    mail.outbox.clear()
    owner = User.objects.get(pk=world.owner.pk)

    send_templated_email(
        to=[owner.email],
        template="privacy_export_ready",
        context={"person": owner, "export": None, "download_path": "/"},
    )

    assert mail.outbox == []


def test_someone_in_another_programme_is_left_to_a_superuser(client, world):
    both = make_fellow(world.cohort, user__name="In Two Programmes")
    make_fellow(CohortFactory(programme=world.other_programme), user=both)

    response = ask(client, world.adviser, both, world.programme)

    assert response.status_code == 200
    assert "also belongs to another programme" in response.content.decode()
    assert not Erasure.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"understood": "on"}, "This field is required"),
        ({"person": "999999", "understood": "on"}, "Select a valid choice"),
        ({"person": "adviser", "understood": "on"}, "Select a valid choice"),
        ({"person": "owner"}, "Confirm that you understand erasure cannot be undone"),
    ],
)
def test_bad_requests_say_why_and_change_nothing(client, world, data, message):
    if data.get("person") in ("adviser", "owner"):
        data = data | {"person": getattr(world, data["person"]).pk}
    client.force_login(world.adviser)

    response = client.post(erasures_url(world), data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert "<title>Error: " in response.content.decode()
    assert not Erasure.objects.exists()


def test_a_person_cannot_be_asked_for_twice(client, world):
    ask(client, world.adviser, world.owner, world.programme)

    response = ask(client, make_adviser(world.programme), world.owner, world.programme)

    assert "already waiting for confirmation" in response.content.decode()
    assert Erasure.objects.count() == 1


def test_withdrawing_keeps_the_person(client, world):
    ask(client, world.adviser, world.owner, world.programme)

    client.post(reverse("privacy:erasure_withdraw", args=[Erasure.objects.get().pk]))

    assert not Erasure.objects.exists()
    assert User.objects.get(pk=world.owner.pk).is_active


def test_the_erasure_page_runs_the_same_queries_for_2_and_12_waiting(
    client, world, django_assert_max_num_queries, django_assert_num_queries
):
    client.force_login(world.adviser)

    def wait(count):
        for _ in range(count):
            person = make_fellow(world.cohort)
            Erasure.objects.create(person=person, programme=world.programme, requested_by=None)

    wait(2)
    with django_assert_max_num_queries(15) as small:
        client.get(erasures_url(world))
    wait(10)

    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(erasures_url(world))

    assert response.content.decode().count("Confirm erasure") == 12


def test_outsiders_never_learn_an_erasure_exists(world):
    erasure = Erasure.objects.create(
        person=world.other_cohort_fellow,
        programme=world.other_programme,
        requested_by=make_adviser(world.other_programme),
    )
    url = reverse("privacy:erasure_confirm", args=[erasure.pk])

    assert_matrix(world, url, outcomes(other_adviser=302, anonymous=LOGIN), method="post")

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.factories import UserFactory
from accounts.models import Invitation, Membership, Role, User
from accounts.services import invitation_create
from tests.matrix import adviser_only, assert_matrix

pytestmark = pytest.mark.django_db


def invite_url(world):
    return reverse("invite", args=[world.programme.pk])


def link_in(message) -> str:
    return re.search(r"https?://[^/\s]+(/invitations/accept/[^/\s]+/)", message.body).group(1)


def send_invitation(client, world, django_capture_on_commit_callbacks, **fields):
    client.force_login(world.adviser)
    data = {"email": "new.fellow@nhs.net", "role": Role.FELLOW, "cohort": world.cohort.pk}
    data.update(fields)
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(invite_url(world), data)


def test_invite_page_matrix(world):
    assert_matrix(
        world,
        invite_url,
        adviser_only(),
    )


def test_adviser_invites_fellow_and_email_carries_link(
    client, world, django_capture_on_commit_callbacks
):
    response = send_invitation(client, world, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "new.fellow@nhs.net"
    assert invitation.cohort == world.cohort
    assert invitation.sent_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.fellow@nhs.net"]
    assert link_in(mail.outbox[0]).startswith("/invitations/accept/")


def test_invitee_sets_name_and_password_and_lands_home_with_membership(
    client, world, django_capture_on_commit_callbacks
):
    send_invitation(client, world, django_capture_on_commit_callbacks)
    link = link_in(mail.outbox[0])
    client.logout()

    page = client.get(link)
    response = client.post(
        link,
        {"name": "Ada Obi", "password1": "a-long-pass-phrase", "password2": "a-long-pass-phrase"},
    )

    assert page.status_code == 200
    assert "new.fellow@nhs.net" in page.text
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    user = User.objects.get(email="new.fellow@nhs.net")
    assert user.name == "Ada Obi"
    assert user.emailaddress_set.get().verified
    membership = Membership.objects.get(user=user)
    assert (membership.role, membership.cohort) == (Role.FELLOW, world.cohort)
    home = client.get(reverse("home"))
    assert world.cohort.name in home.text


def test_invitee_cannot_change_the_invited_email(client, world, django_capture_on_commit_callbacks):
    send_invitation(client, world, django_capture_on_commit_callbacks)
    link = link_in(mail.outbox[0])
    client.logout()

    client.post(
        link,
        {
            "name": "Ada Obi",
            "email": "someone.else@example.org",
            "password1": "a-long-pass-phrase",
            "password2": "a-long-pass-phrase",
        },
    )

    assert not User.objects.filter(email="someone.else@example.org").exists()
    assert User.objects.filter(email="new.fellow@nhs.net").exists()


def test_weak_or_mismatched_password_is_refused_and_nothing_is_created(
    client, world, django_capture_on_commit_callbacks
):
    send_invitation(client, world, django_capture_on_commit_callbacks)
    link = link_in(mail.outbox[0])
    client.logout()

    mismatch = client.post(
        link, {"name": "Ada", "password1": "a-long-pass-phrase", "password2": "x"}
    )
    weak = client.post(link, {"name": "Ada", "password1": "12345678", "password2": "12345678"})

    assert mismatch.status_code == 200
    assert "The passwords do not match" in mismatch.text
    assert "There is a problem" in mismatch.text
    assert weak.status_code == 200
    assert "too common" in weak.text
    assert not User.objects.filter(email="new.fellow@nhs.net").exists()


# Tab, line feed, carriage return, escape, delete, a C1 control (next line), and
# Unicode's line and paragraph separators.
BREAKS_AND_CONTROLS = ["\t", "\n", "\r", "\x1b", "\x7f", "\x85", "\u2028", "\u2029"]
# Embeddings and overrides (U+202A to U+202E), isolates (U+2066 to U+2069).
DIRECTION_CONTROLS = [chr(n) for n in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]]
ONE_LINE = "Use letters, numbers and punctuation only, on one line"
NO_DIRECTION_CONTROLS = "Remove the hidden characters that change the direction of the text"


REFUSED = [
    pytest.param(character, message, id=f"U+{ord(character):04X}")
    for characters, message in [
        (BREAKS_AND_CONTROLS, ONE_LINE),
        (DIRECTION_CONTROLS, NO_DIRECTION_CONTROLS),
    ]
    for character in characters
]


@pytest.mark.parametrize(("character", "message"), REFUSED)
def test_a_name_with_a_line_break_control_or_direction_character_is_refused(
    client, world, django_capture_on_commit_callbacks, character, message
):
    response = send_invitation(
        client, world, django_capture_on_commit_callbacks, name=f"Ada{character}Obi"
    )

    assert response.status_code == 200
    assert response.context["form"].errors["name"][0].startswith(message)
    assert message in response.text
    assert not Invitation.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize("field", ["organisation", "job_title", "profession"])
def test_an_invitees_details_are_refused_with_hidden_characters(
    client, world, django_capture_on_commit_callbacks, field
):
    response = send_invitation(
        client, world, django_capture_on_commit_callbacks, **{field: "Barts\u202eHealth"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors[field][0].startswith(NO_DIRECTION_CONTROLS)
    assert not Invitation.objects.exists()


@pytest.mark.parametrize(
    "name",
    [
        "Siân O’Brien-Nuñez",
        "Zoë Li 李",
        "محمد علي",
        "\u05e9\u05e8\u05d4\u200f Cohen",  # Hebrew, a right-to-left mark, then Latin
    ],
)
def test_names_in_any_script_are_accepted(client, world, django_capture_on_commit_callbacks, name):
    response = send_invitation(client, world, django_capture_on_commit_callbacks, name=name)

    assert response.status_code == 302
    assert Invitation.objects.get().name == name


def test_invitee_cannot_take_a_name_with_a_hidden_direction_character(
    client, world, django_capture_on_commit_callbacks
):
    send_invitation(client, world, django_capture_on_commit_callbacks)
    link = link_in(mail.outbox[0])
    client.logout()

    response = client.post(
        link,
        {
            "name": "Ada \u202eibO",
            "password1": "a-long-pass-phrase",
            "password2": "a-long-pass-phrase",
        },
    )

    assert response.status_code == 200
    assert NO_DIRECTION_CONTROLS in response.text
    assert "There is a problem" in response.text
    assert not User.objects.filter(email="new.fellow@nhs.net").exists()
    assert Invitation.objects.get().accepted_at is None


def test_used_link_gets_a_clear_page(client, world, django_capture_on_commit_callbacks):
    send_invitation(client, world, django_capture_on_commit_callbacks)
    link = link_in(mail.outbox[0])
    client.logout()
    client.post(
        link, {"name": "Ada", "password1": "a-long-pass-phrase", "password2": "a-long-pass-phrase"}
    )
    client.logout()

    response = client.get(link)

    assert response.status_code == 200
    assert "already been accepted" in response.text


def test_expired_link_gets_a_clear_page(client, world):
    invitation, token = invitation_create(
        invited_by=world.adviser,
        programme=world.programme,
        email="late@nhs.net",
        role=Role.MENTOR,
        send=False,
    )
    invitation.expires_at = timezone.now() - timedelta(minutes=1)
    invitation.save()

    response = client.get(reverse("invitation_accept", args=[token]))

    assert response.status_code == 200
    assert "has expired" in response.text


def test_forged_link_gets_a_clear_page(client):
    response = client.get(reverse("invitation_accept", args=["not-a-real-token"]))

    assert response.status_code == 200
    assert "not valid" in response.text


@pytest.mark.parametrize("token", ["%00", "abc%00def", "%C2%B2", "a" * 2000])
def test_a_link_with_odd_characters_gets_the_same_clear_page(client, db, token):
    response = client.get(f"/invitations/accept/{token}/")

    assert response.status_code == 200
    assert "not valid" in response.text


def test_withdrawn_invitation_cannot_be_used(client, world):
    invitation, token = invitation_create(
        invited_by=world.adviser,
        programme=world.programme,
        email="x@nhs.net",
        role=Role.MENTOR,
        send=False,
    )
    client.force_login(world.adviser)
    client.post(reverse("invitation_revoke", args=[invitation.pk]))
    client.logout()

    response = client.get(reverse("invitation_accept", args=[token]))

    assert "withdrawn" in response.text


def test_resend_makes_the_old_link_stop_working(client, world, django_capture_on_commit_callbacks):
    send_invitation(client, world, django_capture_on_commit_callbacks)
    old_link = link_in(mail.outbox[0])
    invitation = Invitation.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("invitation_resend", args=[invitation.pk]))
    new_link = link_in(mail.outbox[1])
    client.logout()

    assert "not valid" in client.get(old_link).text
    assert client.get(new_link).status_code == 200
    assert "Create account" in client.get(new_link).text


def test_existing_account_is_asked_to_sign_in_then_accepts(client, world):
    existing = UserFactory(email="known@nhs.net")
    _, token = invitation_create(
        invited_by=world.adviser,
        programme=world.programme,
        email="known@nhs.net",
        role=Role.MENTOR,
        send=False,
    )
    link = reverse("invitation_accept", args=[token])

    anonymous = client.get(link)
    client.force_login(existing)
    confirm = client.get(link)
    accepted = client.post(link)

    assert "Sign in to accept your invitation" in anonymous.text
    assert "Accept invitation" in confirm.text
    assert accepted.status_code == 302
    assert Membership.objects.filter(
        user=existing, programme=world.programme, role=Role.MENTOR, cohort=None
    ).exists()
    assert User.objects.filter(email="known@nhs.net").count() == 1


def test_signed_in_as_someone_else_cannot_take_the_invitation(client, world):
    invitation, token = invitation_create(
        invited_by=world.adviser,
        programme=world.programme,
        email="intended@nhs.net",
        role=Role.MENTOR,
        send=False,
    )
    client.force_login(world.fellow)

    response = client.post(reverse("invitation_accept", args=[token]))

    assert "different email address" in response.text
    assert not Membership.objects.filter(user=world.fellow, role=Role.MENTOR).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_inviting_someone_who_already_has_the_role_is_refused(client, world):
    client.force_login(world.adviser)

    response = client.post(
        invite_url(world),
        {"email": world.fellow.email, "role": Role.FELLOW, "cohort": world.cohort.pk},
    )

    assert response.status_code == 200
    assert "already has that role" in response.text
    assert not Invitation.objects.exists()


def test_fellow_invitation_needs_a_cohort(client, world):
    client.force_login(world.adviser)

    response = client.post(invite_url(world), {"email": "a@nhs.net", "role": Role.FELLOW})

    assert "Choose the cohort" in response.text
    assert not Invitation.objects.exists()


def test_cohort_of_another_programme_cannot_be_chosen(client, world):
    client.force_login(world.adviser)

    response = client.post(
        invite_url(world),
        {"email": "a@nhs.net", "role": Role.FELLOW, "cohort": world.other_cohort.pk},
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert not Invitation.objects.exists()


def test_bad_email_gets_a_message_and_nothing_is_sent(client, world):
    client.force_login(world.adviser)

    response = client.post(invite_url(world), {"email": "not an email", "role": Role.MENTOR})

    assert response.status_code == 200
    assert "Enter a valid email address" in response.text
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_withdraw_matrix(world):
    invitation, _ = invitation_create(
        invited_by=world.adviser,
        programme=world.programme,
        email="x@nhs.net",
        role=Role.MENTOR,
        send=False,
    )
    url = reverse("invitation_revoke", args=[invitation.pk])
    assert_matrix(
        world,
        url,
        adviser_only(302),
        method="post",
    )


def test_invitation_task_sends_once_when_run_twice(world):
    from accounts.tasks import send_invitation

    invitation, token = invitation_create(
        invited_by=world.adviser,
        programme=world.programme,
        email="x@nhs.net",
        role=Role.MENTOR,
        send=False,
    )

    send_invitation.delay(invitation.pk, token)
    send_invitation.delay(invitation.pk, token)

    assert len(mail.outbox) == 1


def test_invited_person_can_sign_in_afterwards(client, world, django_capture_on_commit_callbacks):
    send_invitation(client, world, django_capture_on_commit_callbacks)
    link = link_in(mail.outbox[0])
    client.logout()
    client.post(
        link, {"name": "Ada", "password1": "a-long-pass-phrase", "password2": "a-long-pass-phrase"}
    )
    client.logout()

    response = client.post(
        reverse("account_login"), {"login": "new.fellow@nhs.net", "password": "a-long-pass-phrase"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("home")

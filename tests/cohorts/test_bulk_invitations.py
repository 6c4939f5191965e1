import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Invitation, Role
from accounts.services import invitation_create
from cohorts.services.invitations import InviteLine, invitations_send
from tests.matrix import adviser_writes, assert_matrix

pytestmark = pytest.mark.django_db


def url(world):
    return reverse("cohorts:bulk_invite", args=[world.cohort.pk])


def upload(text: str | bytes, name="people.csv"):
    content = text.encode() if isinstance(text, str) else text
    return SimpleUploadedFile(name, content, content_type="text/csv")


def preview(client, world, **data):
    client.force_login(world.adviser)
    return client.post(url(world), {"role": Role.FELLOW, "action": "preview", **data})


def statuses(response) -> list[tuple[int, str, str]]:
    return [(item.line.number, item.line.email, item.status) for item in response.context["plan"]]


def test_bulk_invite_matrix(world):
    data = {"role": Role.FELLOW, "emails": "new.fellow@nhs.net", "action": "preview"}
    assert_matrix(world, url, adviser_writes())
    assert_matrix(world, url, adviser_writes(), method="post", data=data)


def test_preview_reports_every_line_and_sends_nothing(client, world):
    invitation_create(
        invited_by=world.adviser,
        programme=world.programme,
        cohort=world.cohort,
        email="waiting@nhs.net",
        role=Role.FELLOW,
        send=False,
    )
    pasted = "\n".join(
        [
            "Ada Obi <Ada.Obi@nhs.net>",
            world.owner.email,
            "not an email",
            "ada.obi@nhs.net",
            "waiting@nhs.net",
            "",
            "ben.cole@nhs.net",
        ]
    )

    response = preview(client, world, emails=pasted)

    assert statuses(response) == [
        (1, "ada.obi@nhs.net", "Will be invited"),
        (2, world.owner.email, "Already a member"),
        (3, "not an email", "Invalid"),
        (4, "ada.obi@nhs.net", "Duplicate"),
        (5, "waiting@nhs.net", "Already invited"),
        (6, "ben.cole@nhs.net", "Will be invited"),
    ]
    assert response.context["plan"][0].line.name == "Ada Obi"
    assert "Send 2 invitations" in response.text
    assert Invitation.objects.count() == 1
    assert mail.outbox == []


def test_confirm_sends_one_invitation_per_new_person_after_commit(
    client, world, django_capture_on_commit_callbacks
):
    response = preview(client, world, emails="ada.obi@nhs.net\nnot an email\nben.cole@nhs.net")
    payload = response.context["form"].payload_text

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        sent = client.post(
            url(world), {"role": Role.FELLOW, "payload": payload, "action": "confirm"}
        )

    assert sent.status_code == 200
    assert "2 invitations sent" in sent.text
    assert len(callbacks) == 2
    invitations = Invitation.objects.order_by("email")
    assert [(i.email, i.cohort, i.role) for i in invitations] == [
        ("ada.obi@nhs.net", world.cohort, Role.FELLOW),
        ("ben.cole@nhs.net", world.cohort, Role.FELLOW),
    ]
    assert sorted(message.to[0] for message in mail.outbox) == [
        "ada.obi@nhs.net",
        "ben.cole@nhs.net",
    ]


def test_lines_with_hidden_or_control_characters_are_invalid_and_not_sent(
    client, world, django_capture_on_commit_callbacks
):
    pasted = "\n".join(
        [
            "Ada \u202eibO <ada.obi@nhs.net>",
            "Ben\x1bCole <ben.cole@nhs.net>",
            "Cara Diaz <cara.diaz@nhs.net>",
        ]
    )
    response = preview(client, world, emails=pasted)
    payload = response.context["form"].payload_text
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(
            url(world), {"role": Role.FELLOW, "payload": payload, "action": "confirm"}
        )

    assert statuses(response) == [
        (1, "ada.obi@nhs.net", "Invalid"),
        (2, "ben.cole@nhs.net", "Invalid"),
        (3, "cara.diaz@nhs.net", "Will be invited"),
    ]
    assert [item.note for item in response.context["plan"][:2]] == [
        "The name has a character Pioneer cannot take. Remove the hidden characters that "
        "change the direction of the text, then type it again",
        "The name has a character Pioneer cannot take. Use letters, numbers and punctuation "
        "only, on one line",
    ]
    assert "1 invitation sent" in sent.text
    assert list(Invitation.objects.values_list("email", flat=True)) == ["cara.diaz@nhs.net"]
    assert [message.to for message in mail.outbox] == [["cara.diaz@nhs.net"]]


def test_a_csv_line_with_a_control_character_in_a_detail_is_invalid(client, world):
    csv = "email,name,organisation\nada@nhs.net,Ada Obi,Barts\x07 Health\nben@nhs.net,Ben,NHS\n"

    response = preview(client, world, csv_file=upload(csv))

    assert statuses(response) == [
        (2, "ada@nhs.net", "Invalid"),
        (3, "ben@nhs.net", "Will be invited"),
    ]
    assert response.context["plan"][0].note.startswith(
        "The organisation has a character Pioneer cannot take."
    )
    assert not Invitation.objects.exists()


def test_confirming_twice_does_not_invite_twice(client, world, django_capture_on_commit_callbacks):
    payload = preview(client, world, emails="ada.obi@nhs.net").context["form"].payload_text
    data = {"role": Role.FELLOW, "payload": payload, "action": "confirm"}

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(world), data)
        again = client.post(url(world), data)

    assert statuses(again) == [(1, "ada.obi@nhs.net", "Already invited")]
    assert Invitation.objects.count() == 1
    assert len(mail.outbox) == 1


def test_csv_lines_carry_their_details_and_roles(client, world):
    csv_text = (
        "Email,Name,Role,Organisation,Job title,Profession\n"
        "ada.obi@nhs.net,Ada Obi,Fellow,Barts Health NHS Trust,Ward Sister,Nurse\n"
        'kofi@coach.example,"Asante, Kofi",Facilitator,,,\n'
        "helen@nhs.net,Helen Ash,mentor,,CCIO,Doctor\n"
        "x@nhs.net,X,captain,,,\n"
        "y@nhs.net,Y,,,,,extra\n"
    )

    response = preview(client, world, csv_file=upload(csv_text))

    plan = response.context["plan"]
    assert [(i.line.number, i.line.role, i.status) for i in plan] == [
        (2, Role.FELLOW, "Will be invited"),
        (3, Role.FACILITATOR, "Will be invited"),
        (4, Role.MENTOR, "Will be invited"),
        (5, "", "Invalid"),
        (6, Role.FELLOW, "Invalid"),
    ]
    first = plan[0].line
    assert (first.name, first.organisation, first.job_title, first.profession) == (
        "Ada Obi",
        "Barts Health NHS Trust",
        "Ward Sister",
        "Nurse",
    )
    assert plan[1].line.name == "Asante, Kofi"
    assert plan[3].note.startswith("Unknown role")
    assert plan[4].note == "It has 7 cells but the header names 6"


def test_confirmed_csv_invites_mentors_to_the_programme(
    client, world, django_capture_on_commit_callbacks
):
    csv_text = "email,role\nhelen@nhs.net,mentor\nada.obi@nhs.net,fellow\n"
    payload = preview(client, world, csv_file=upload(csv_text)).context["form"].payload_text

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(world), {"role": Role.FELLOW, "payload": payload, "action": "confirm"})

    mentor = Invitation.objects.get(email="helen@nhs.net")
    fellow = Invitation.objects.get(email="ada.obi@nhs.net")
    assert (mentor.role, mentor.cohort, mentor.programme) == (Role.MENTOR, None, world.programme)
    assert (fellow.role, fellow.cohort) == (Role.FELLOW, world.cohort)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("name,email\n" + "\n".join(f"p{n}@nhs.net" for n in range(10_000)), "at most 500"),
        ('email,name\n"ada@nhs.net,Ada\n', "could not read line"),
        ("email,organisaton\nada@nhs.net,Barts\n", "column Pioneer does not know: ‘organisaton’"),
        ("name,job title\nAda,Nurse\n", "one of them must be ‘email’"),
        ("", "The submitted file is empty"),
        ("\n\n", "The file is empty"),
        (b"email\n\x00\x01\x02", "does not look like a CSV file"),
        (b"email\n\x81\x8d\x8f\x90\x9d@nhs.net\n", "Save it as ‘CSV UTF-8’"),
    ],
)
def test_bad_csv_gets_a_message_and_changes_nothing(client, world, content, message):
    response = preview(client, world, csv_file=upload(content))

    assert response.status_code == 200
    assert message in response.text
    assert "There is a problem" in response.text
    assert response.context["plan"] is None
    assert not Invitation.objects.exists()


def test_a_pasted_list_of_10000_lines_is_refused(client, world):
    pasted = "\n".join(f"person{n}@nhs.net" for n in range(10_000))

    response = preview(client, world, emails=pasted)

    assert "That is 10,000 addresses; Pioneer takes at most 500" in response.text
    assert not Invitation.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Paste at least one email address, or choose a CSV file"),
        ({"emails": "a@nhs.net", "csv_file": "csv"}, "Paste addresses or upload a file, not both"),
        ({"payload": "{not json"}, "The list could not be read; start again"),
        ({"emails": "Ada\x00 Obi <ada.obi@nhs.net>"}, "Null characters are not allowed"),
    ],
)
def test_bad_submission_gets_a_message(client, world, data, message):
    if data.get("csv_file"):
        data["csv_file"] = upload("email\nb@nhs.net\n")

    response = preview(client, world, **data)

    assert message in response.text
    assert not Invitation.objects.exists()


def test_a_confirmed_list_carrying_a_null_character_is_refused(client, world):
    payload = '{"source": "paste", "text": "Ada\\u0000 Obi <ada.obi@nhs.net>"}'
    client.force_login(world.adviser)

    response = client.post(
        url(world), {"role": Role.FELLOW, "payload": payload, "action": "confirm"}
    )

    assert response.status_code == 200
    assert "The list has a character Pioneer cannot read" in response.text
    assert not Invitation.objects.exists()


def test_invitations_are_all_or_nothing(world, django_capture_on_commit_callbacks):
    # The second address is too long for an invitation; the form reports such a
    # line as invalid, but the service alone must still leave nothing half-done.
    lines = [
        InviteLine(number=1, email="ada.obi@nhs.net", role=Role.FELLOW),
        InviteLine(number=2, email=("a" * 60 + ".") * 4 + "@nhs.net", role=Role.FELLOW),
    ]

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        invitations_send(cohort=world.cohort, invited_by=world.adviser, lines=lines)

    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_confirming_a_list_that_was_never_shown_only_previews_it(client, world):
    client.force_login(world.adviser)

    response = client.post(
        url(world), {"role": Role.FELLOW, "emails": "ada.obi@nhs.net", "action": "confirm"}
    )

    assert statuses(response) == [(1, "ada.obi@nhs.net", "Will be invited")]
    assert not Invitation.objects.exists()

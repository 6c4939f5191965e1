"""Nothing a person wrote is deleted by accident. In the admin, people are deactivated,
never deleted; deleting a wave, cohort, project, entry or session that holds someone's
writing is refused with Django's "cannot delete" page; what holds nobody's writing still
deletes."""

import pytest
from django.core import mail
from django.db.models import ProtectedError
from django.urls import reverse

from accounts.factories import CohortFactory, make_fellow
from accounts.models import Cohort, Membership, User
from cohorts.factories import (
    AttendanceFactory,
    IntakeInterviewFactory,
    MeetingFactory,
    SessionFactory,
)
from cohorts.models import Attendance, IntakeInterview, LearningSet, Session
from evaluation.factories import WaveFactory, make_framework
from evaluation.models import Answer, Framework, Indicator, Response, Score, Wave
from evaluation.services import answering as evaluation
from evaluation.services.waves import wave_invite
from mentoring.factories import BookingFactory, SlotFactory, days_ahead, make_mentor_profile
from mentoring.models import Booking, MentorProfile, Slot
from projects.factories import (
    CommentFactory,
    ImpactStatementFactory,
    MilestoneFactory,
    ProgressEntryFactory,
    ProjectFactory,
)
from projects.models import Comment, ImpactStatement, Milestone, ProgressEntry, Project

pytestmark = pytest.mark.django_db

REFUSED = "would require deleting the following protected related objects"


@pytest.fixture
def superuser(client):
    """A client signed in to the Django admin as a superuser."""
    user = User.objects.create_superuser(
        email="superuser@example.org", password="unused", name="Sam Okoro"
    )
    client.force_login(user)
    return client


def _url(obj, view: str) -> str:
    meta = obj._meta
    args = [] if view == "changelist" else [obj.pk]
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=args)


def delete_in_admin(client, obj):
    """Open the admin's delete page for `obj`, then confirm it, as a person would."""
    page = client.get(_url(obj, "delete"))
    return page, client.post(_url(obj, "delete"), {"post": "yes"})


def delete_selected_in_admin(client, obj):
    """Tick `obj` in its admin list, choose "Delete selected" and confirm."""
    return client.post(
        _url(obj, "changelist"),
        {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"},
    )


def answer_wave(wave, fellow) -> None:
    statements = Indicator.objects.filter(
        domain__framework=wave.framework, kind=Indicator.Kind.SELF_ASSESSMENT
    )
    evaluation.response_save(
        wave=wave, fellow=fellow, answers={item.pk: 4 for item in statements}, submit=True
    )


# Waves.


def test_the_admin_refuses_to_delete_a_wave_with_answers(superuser, world):
    wave = WaveFactory(cohort=world.cohort, framework=make_framework())
    answer_wave(wave, world.owner)
    answer_wave(wave, world.fellow)

    page, confirmed = delete_in_admin(superuser, wave)
    selected = delete_selected_in_admin(superuser, wave)

    assert REFUSED in page.text
    assert "4 for Skilled statement 1" in page.text
    assert (confirmed.status_code, selected.status_code) == (200, 200)
    assert REFUSED in selected.text
    assert Wave.objects.filter(pk=wave.pk).exists()
    assert Answer.objects.filter(response__wave=wave).count() == 32
    assert Score.objects.filter(wave=wave).count() == 8


def test_the_admin_deletes_a_wave_nobody_has_answered(superuser, world):
    wave = WaveFactory(cohort=world.cohort, framework=make_framework())
    wave_invite(wave=wave)  # the invitation makes an empty response per fellow

    page, confirmed = delete_in_admin(superuser, wave)

    assert REFUSED not in page.text
    assert confirmed.status_code == 302
    assert not Wave.objects.filter(pk=wave.pk).exists()
    assert not Response.objects.filter(wave_id=wave.pk).exists()


# Mentors: deactivated, never deleted.


@pytest.fixture
def mentor_sessions(world):
    """The world's mentor has a profile, held and rated sessions with 20 fellows, and one
    session still to come with the world's `owner`. Returns that booking."""
    make_mentor_profile(world.programme, user=world.mentor)
    for days_ago in range(1, 21):
        slot = SlotFactory(
            mentor=world.mentor, programme=world.programme, starts_at=days_ahead(-days_ago)
        )
        BookingFactory(
            slot=slot,
            fellow=make_fellow(world.cohort),
            cohort=world.cohort,
            status=Booking.Status.HELD,
            fellow_rating=1 + days_ago % 5,
            fellow_takeaway="Ask the ward sister first.",
            mentor_note="Good questions about clinical safety.",
        )
    upcoming = SlotFactory(mentor=world.mentor, programme=world.programme, starts_at=days_ahead(5))
    return BookingFactory(slot=upcoming, fellow=world.owner, cohort=world.cohort)


def feedback_given_to(mentor) -> list:
    return list(
        Booking.objects.filter(slot__mentor=mentor, status=Booking.Status.HELD)
        .order_by("pk")
        .values_list("fellow_id", "fellow_rating", "fellow_takeaway", "mentor_note")
    )


def test_a_mentors_account_cannot_be_deleted_in_the_admin(superuser, world, mentor_sessions):
    feedback = feedback_given_to(world.mentor)

    page, confirmed = delete_in_admin(superuser, world.mentor)
    selected = delete_selected_in_admin(superuser, world.mentor)
    listing = superuser.get(_url(world.mentor, "changelist"))

    assert (page.status_code, confirmed.status_code) == (403, 403)
    assert selected.status_code == 302  # "No action selected": there is no delete action
    assert 'value="delete_selected"' not in listing.text
    assert 'value="deactivate"' in listing.text
    assert User.objects.filter(pk=world.mentor.pk).exists()
    assert len(feedback) == 20
    assert feedback_given_to(world.mentor) == feedback
    assert MentorProfile.objects.filter(user=world.mentor).exists()


def test_deactivating_a_mentor_keeps_every_session_and_cancels_those_to_come(
    superuser, world, mentor_sessions, django_capture_on_commit_callbacks
):
    feedback = feedback_given_to(world.mentor)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = superuser.post(
            _url(world.mentor, "changelist"),
            {"action": "deactivate", "_selected_action": [world.mentor.pk]},
            follow=True,
        )

    world.mentor.refresh_from_db()
    mentor_sessions.refresh_from_db()
    assert "Deactivated 1 account" in response.text
    assert "1 mentoring session still to come was cancelled" in response.text
    assert world.mentor.is_active is False
    assert not Membership.objects.filter(user=world.mentor, is_active=True).exists()
    assert feedback_given_to(world.mentor) == feedback
    assert mentor_sessions.status == Booking.Status.CANCELLED
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [world.owner.email, world.mentor.email]
    )
    assert superuser.get(_url(world.mentor, "change")).status_code == 200


def test_a_deactivated_mentor_can_no_longer_sign_in(client, superuser, world, mentor_sessions):
    world.mentor.set_password("mentor-password-1")
    world.mentor.save()

    superuser.post(
        _url(world.mentor, "changelist"),
        {"action": "deactivate", "_selected_action": [world.mentor.pk]},
    )
    superuser.logout()
    signed_in = client.login(email=world.mentor.email, password="mentor-password-1")

    assert signed_in is False


def test_a_superuser_cannot_deactivate_their_own_account(superuser):
    me = User.objects.get(email="superuser@example.org")

    response = superuser.post(
        _url(me, "changelist"), {"action": "deactivate", "_selected_action": [me.pk]}, follow=True
    )

    me.refresh_from_db()
    assert me.is_active is True
    assert "You cannot deactivate your own account." in response.text


# A fellow's records.


@pytest.fixture
def fellow_records(world):
    """Everything the world's `owner` and their adviser wrote about them."""
    owner = world.owner
    project = ProjectFactory(cohort=world.cohort, fellow=owner)
    entry = ProgressEntryFactory(project=project)
    CommentFactory(entry=entry, author=world.adviser)
    ImpactStatementFactory(project=project)
    IntakeInterviewFactory(cohort=world.cohort, fellow=owner, interviewer=world.adviser)
    AttendanceFactory(session=SessionFactory(cohort=world.cohort), fellow=owner)
    answer_wave(WaveFactory(cohort=world.cohort, framework=make_framework()), owner)
    slot = SlotFactory(mentor=world.mentor, programme=world.programme, starts_at=days_ahead(-3))
    BookingFactory(slot=slot, fellow=owner, cohort=world.cohort, status="held", fellow_rating=5)
    return project


def records_of(fellow) -> dict[str, int]:
    return {
        "projects": Project.objects.filter(fellow=fellow).count(),
        "entries": ProgressEntry.objects.filter(project__fellow=fellow).count(),
        "comments": Comment.objects.filter(entry__project__fellow=fellow).count(),
        "impact statements": ImpactStatement.objects.filter(project__fellow=fellow).count(),
        "interviews": IntakeInterview.objects.filter(fellow=fellow).count(),
        "attendance": Attendance.objects.filter(fellow=fellow).count(),
        "answers": Answer.objects.filter(response__fellow=fellow).count(),
        "scores": Score.objects.filter(fellow=fellow).count(),
        "bookings": Booking.objects.filter(fellow=fellow, fellow_rating=5).count(),
    }


ALL_RECORDS = {
    "projects": 1,
    "entries": 1,
    "comments": 1,
    "impact statements": 1,
    "interviews": 1,
    "attendance": 1,
    "answers": 16,
    "scores": 4,
    "bookings": 1,
}


def test_a_fellows_account_cannot_be_deleted_in_the_admin(superuser, world, fellow_records):
    page, confirmed = delete_in_admin(superuser, world.owner)

    assert (page.status_code, confirmed.status_code) == (403, 403)
    assert records_of(world.owner) == ALL_RECORDS


def test_deleting_a_fellow_in_code_is_refused_and_keeps_their_records(world, fellow_records):
    # From a shell or a future page: the database layer refuses just the same.
    with pytest.raises(ProtectedError):
        world.owner.delete()

    assert records_of(world.owner) == ALL_RECORDS


def test_the_admin_refuses_to_delete_a_fellows_cohort_project_or_entry(
    superuser, world, fellow_records
):
    entry = fellow_records.entries.get()

    cohort_page, cohort_confirmed = delete_in_admin(superuser, world.cohort)
    project_page, project_confirmed = delete_in_admin(superuser, fellow_records)
    projects_selected = delete_selected_in_admin(superuser, fellow_records)
    entry_page, entry_confirmed = delete_in_admin(superuser, entry)

    pages = [cohort_page, project_page, projects_selected, entry_page]
    assert [REFUSED in page.text for page in pages] == [True] * 4
    assert [
        page.status_code for page in (cohort_confirmed, project_confirmed, entry_confirmed)
    ] == [200] * 3
    assert Cohort.objects.filter(pk=world.cohort.pk).exists()
    assert records_of(world.owner) == ALL_RECORDS


def test_the_admin_refuses_to_delete_a_session_with_attendance(superuser, world):
    attendance = AttendanceFactory(session=SessionFactory(cohort=world.cohort), fellow=world.owner)

    page, confirmed = delete_in_admin(superuser, attendance.session)

    assert REFUSED in page.text
    assert confirmed.status_code == 200
    assert Attendance.objects.filter(pk=attendance.pk).exists()


# What holds nobody's writing still deletes.


def test_the_admin_deletes_a_free_slot_but_not_a_booked_one(superuser, world):
    free = SlotFactory(mentor=world.mentor, programme=world.programme, starts_at=days_ahead(4))
    booked = SlotFactory(mentor=world.mentor, programme=world.programme, starts_at=days_ahead(6))
    BookingFactory(slot=booked, fellow=world.owner, cohort=world.cohort)

    _, free_deleted = delete_in_admin(superuser, free)
    booked_page, booked_confirmed = delete_in_admin(superuser, booked)

    assert free_deleted.status_code == 302
    assert REFUSED in booked_page.text
    assert booked_confirmed.status_code == 200
    assert list(Slot.objects.values_list("pk", flat=True)) == [booked.pk]
    assert Booking.objects.filter(slot=booked).exists()


def test_the_admin_deletes_a_project_nobody_has_logged_progress_on(superuser, world):
    project = ProjectFactory(cohort=world.cohort, fellow=world.owner)
    MilestoneFactory(project=project)

    _, confirmed = delete_in_admin(superuser, project)

    assert confirmed.status_code == 302
    assert not Project.objects.filter(pk=project.pk).exists()
    assert not Milestone.objects.exists()


def test_the_admin_deletes_a_cohort_whose_learning_set_met_but_nobody_wrote_anything(
    superuser, world
):
    # A set with meetings is not deleted alone; the cohort takes both with it.
    cohort = CohortFactory(programme=world.programme, name="Set up by mistake")
    meeting = MeetingFactory(cohort=cohort)

    set_page, _ = delete_in_admin(superuser, meeting.learning_set)
    _, cohort_deleted = delete_in_admin(superuser, cohort)

    assert REFUSED in set_page.text
    assert cohort_deleted.status_code == 302
    assert not Cohort.objects.filter(pk=cohort.pk).exists()
    assert not LearningSet.objects.filter(cohort_id=cohort.pk).exists()
    assert not Session.objects.filter(cohort_id=cohort.pk).exists()


# Pioneer's own pages.


def test_taking_out_an_answered_statement_is_refused_with_a_message(client, world):
    ours = make_framework(programme=world.programme)
    wave = WaveFactory(cohort=world.cohort, framework=ours)
    answer_wave(wave, world.owner)
    Framework.objects.filter(pk=ours.pk).update(frozen=False)  # unticked in the admin, say
    answered = Answer.objects.filter(response__wave=wave).first().indicator
    client.force_login(world.adviser)

    response = client.post(reverse("evaluation:indicator_delete", args=[answered.pk]), follow=True)

    assert response.status_code == 200
    assert "Fellows have answered or been rated on this statement" in response.text
    assert Indicator.objects.filter(pk=answered.pk).exists()
    assert Answer.objects.filter(response__wave=wave).count() == 16

"""Every change a person makes leaves an event: through a form and its service, in the
Django admin, and by a bulk action that sends no model signal."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from accounts.factories import UserFactory
from accounts.models import Cohort, Invitation, Membership, Role
from audit.models import Action, Event
from cohorts.factories import AttendanceFactory, SessionFactory
from cohorts.models import Attendance
from cohorts.services.learning_sets import learning_set_create
from evaluation.factories import WaveFactory, make_framework
from evaluation.models import Indicator, Response
from mentoring.services.bookings import booking_create
from mentoring.services.slots import slots_create_weekly
from projects.factories import ProgressEntryFactory, ProjectFactory
from tests.mentoring.conftest import NOW, build_mentoring
from tests.projects.data import entry_data

pytestmark = pytest.mark.django_db


def events_about(obj, action=None) -> list[Event]:
    found = Event.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
    return list(found.filter(action=action) if action else found)


def subjects(event) -> set:
    return set(event.subjects.values_list("person", flat=True))


def test_editing_an_entry_records_who_what_and_from_where_but_not_the_text(client, world):
    project = ProjectFactory(cohort=world.cohort, fellow=world.owner)
    entry = ProgressEntryFactory(project=project, author=world.owner, rag="green")
    client.force_login(world.owner)

    client.post(
        reverse("projects:entry_edit", args=[entry.pk]),
        entry_data(what_happened="Secret ward detail", rag="red", evidence=""),
        REMOTE_ADDR="10.1.2.3",
    )

    [event] = events_about(entry, Action.UPDATE)
    assert (event.actor, event.actor_label, event.programme_id) == (
        world.owner,
        "",
        world.programme.pk,
    )
    assert event.changes["rag"] == ["green", "red"]
    assert event.changes["what_happened"] == "changed"
    assert "Secret ward detail" not in str(event.changes)
    assert (event.ip, event.path) == ("10.1.2.3", f"/projects/entries/{entry.pk}/edit/")
    assert event.object_label == f"Progress entry #{entry.pk}"
    assert subjects(event) == {world.owner.pk}


def test_a_change_in_the_admin_is_recorded_with_old_and_new_values(client, world):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    cohort = world.cohort
    data = {
        "programme": cohort.programme_id,
        "name": cohort.name,
        "starts_on": cohort.starts_on.isoformat(),
        "ends_on": cohort.ends_on.isoformat(),
        "status": Cohort.Status.COMPLETED,
    }

    response = client.post(reverse("admin:accounts_cohort_change", args=[cohort.pk]), data)

    assert response.status_code == 302
    [event] = events_about(cohort, Action.UPDATE)
    assert event.actor == admin
    assert event.changes == {"status": [cohort.status, Cohort.Status.COMPLETED]}
    assert event.path == f"/admin/accounts/cohort/{cohort.pk}/change/"
    assert event.programme_id == world.programme.pk


def test_saving_without_a_change_records_nothing(world):
    world.cohort.save()

    assert events_about(world.cohort, Action.UPDATE) == []


def test_taking_the_register_records_each_fellow_old_and_new(client, world):
    session = SessionFactory(cohort=world.cohort, title="Teaching day 1")
    earlier = AttendanceFactory(session=session, fellow=world.owner, status="absent")
    client.force_login(world.adviser)

    client.post(
        reverse("cohorts:attendance_take", args=[session.pk]),
        {f"fellow_{world.owner.pk}": "present", f"fellow_{world.fellow.pk}": "apologies"},
    )

    [changed] = events_about(earlier, Action.UPDATE)
    assert changed.changes["status"] == ["absent", "present"]
    assert changed.changes["recorded_by"][1] == world.adviser.pk
    assert (changed.actor, subjects(changed)) == (world.adviser, {world.owner.pk})
    made = Attendance.objects.get(session=session, fellow=world.fellow)
    [created] = events_about(made, Action.CREATE)
    assert created.changes["status"] == [None, "apologies"]
    assert (created.actor, created.programme_id) == (world.adviser, world.programme.pk)
    assert subjects(created) == {world.fellow.pk}


def test_a_bulk_invitation_records_one_event_per_invitation(client, world):
    client.force_login(world.adviser)
    preview = client.post(
        reverse("cohorts:bulk_invite", args=[world.cohort.pk]),
        {"role": Role.FELLOW, "action": "preview", "emails": "ada@nhs.net\nben@nhs.net"},
    )

    client.post(
        reverse("cohorts:bulk_invite", args=[world.cohort.pk]),
        {"role": Role.FELLOW, "payload": preview.context["form"].payload_text, "action": "confirm"},
    )

    invitations = Invitation.objects.order_by("pk")
    assert len(invitations) == 2
    for invitation in invitations:
        [event] = events_about(invitation, Action.CREATE)
        assert (event.actor, event.programme_id) == (world.adviser, world.programme.pk)
        assert event.changes["email"] == "changed"
        assert event.changes["role"] == [None, Role.FELLOW]
    assert "ada@nhs.net" not in str(list(Event.objects.values_list("changes", "object_label")))


def test_removing_a_fellow_records_the_membership_ending(client, world):
    membership = Membership.objects.get(user=world.owner, cohort=world.cohort)
    client.force_login(world.adviser)

    client.post(reverse("membership_deactivate", args=[membership.pk]))

    [event] = events_about(membership, Action.UPDATE)
    assert event.changes["is_active"] == [True, False]
    assert (event.actor, subjects(event)) == (world.adviser, {world.owner.pk})


def test_deleting_records_the_row_and_whom_it_was_about(world):
    project = ProjectFactory(cohort=world.cohort, fellow=world.owner)
    milestone = project.milestones.create(title="Pilot", due_on="2027-01-10")
    pk = milestone.pk

    milestone.delete()

    [event] = Event.objects.filter(object_type="projects.milestone", object_id=str(pk)).filter(
        action=Action.DELETE
    )
    assert (event.actor, event.actor_label) == (None, "system")
    assert (event.programme_id, subjects(event)) == (world.programme.pk, {world.owner.pk})


@time_machine.travel(NOW, tick=True)
def test_removing_a_series_records_the_cancelled_and_the_removed_slots(client, world):
    build_mentoring(world)
    series = slots_create_weekly(
        mentor=world.mentor,
        programme=world.programme,
        first_day=datetime.date(2026, 2, 9),
        last_day=datetime.date(2026, 2, 23),
        weekdays={0},
        start=datetime.time(16, 0),
        minutes=30,
        online_link="https://teams.example.org/l/helen",
    )
    booking_create(slot=series[1], fellow=world.owner, agenda="Data")
    client.force_login(world.mentor)

    client.post(reverse("mentoring:slot_series_remove", args=[series[0].pk]))

    [cancelled] = events_about(series[1], Action.UPDATE)
    assert cancelled.changes["cancelled_at"][0] is None
    assert (cancelled.actor, subjects(cancelled)) == (world.mentor, {world.mentor.pk})
    for removed in (series[0], series[2]):
        [event] = events_about(removed, Action.DELETE)
        assert event.actor == world.mentor


def test_changing_a_self_assessment_answer_records_only_that_answer(client, world):
    wave = WaveFactory(cohort=world.cohort, framework=make_framework(adviser_rated={"skilled": 1}))
    statements = list(
        Indicator.objects.filter(domain__framework=wave.framework, kind="self_assessment")
    )
    data = {f"item_{statement.pk}": "3" for statement in statements} | {"action": "draft"}
    client.force_login(world.owner)
    client.post(reverse("evaluation:answer", args=[wave.pk]), data)

    client.post(
        reverse("evaluation:answer", args=[wave.pk]),
        data | {f"item_{statements[0].pk}": "5"},
    )

    response = Response.objects.get(wave=wave, fellow=world.owner)
    first, second = events_about(response, Action.UPDATE)[::-1]
    assert len(first.changes) == len(statements)
    assert second.changes == {f"Statement #{statements[0].pk}": [3, 5]}
    assert (second.actor, subjects(second)) == (world.owner, {world.owner.pk})
    assert second.programme_id == world.programme.pk


def test_adding_an_email_address_is_recorded_without_the_address(client, world):
    client.force_login(world.owner)

    client.post(reverse("account_email"), {"action_add": "", "email": "chloe.new@nhs.net"})

    address = world.owner.emailaddress_set.get(email="chloe.new@nhs.net")
    [event] = events_about(address, Action.CREATE)
    assert (event.actor, subjects(event)) == (world.owner, {world.owner.pk})
    assert event.changes["email"] == "changed"
    assert event.changes["verified"] == [None, False]
    assert "chloe.new" not in str(event.changes)


def test_placing_fellows_in_a_learning_set_records_each_place(world):
    learning_set = learning_set_create(
        cohort=world.cohort,
        name="Thames",
        facilitator=world.facilitator,
        fellows=[world.owner, world.fellow],
    )

    for member in learning_set.members.all():
        [event] = events_about(member, Action.CREATE)
        assert subjects(event) == {member.fellow_id}
        assert event.changes["learning_set"] == [None, learning_set.pk]

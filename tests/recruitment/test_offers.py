"""Offers: sent from the round's editable email, answered by a single-use link before a
deadline by the applicant signed in as themselves; accepting makes them a fellow and starts
their intake interview's hopes from their application; free places go to the waiting list."""

import datetime
import re

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from accounts.factories import UserFactory
from accounts.models import Membership, Role
from audit.models import Event
from cohorts.models import IntakePrefill
from recruitment import tasks
from recruitment.factories import (
    AnswerFactory,
    CriterionFactory,
    OfferFactory,
    QuestionFactory,
    SubmittedApplicationFactory,
)
from recruitment.models import (
    Application,
    EmailTemplate,
    Offer,
    Review,
    ReviewAssignment,
    Score,
)
from recruitment.services.offers import LAST_PLACE_TAKEN
from tests.matrix import LOGIN, adviser_only, assert_matrix, expect
from tests.recruitment.recruiting import build_recruiting

pytestmark = pytest.mark.django_db

Decision = Application.Decision


@pytest.fixture
def recruiting(world):
    made = build_recruiting(world, places=2)
    for application in (made.application, made.other_application):
        application.decision = Decision.OFFERED
        application.save()
    return made


def _in_a_fortnight() -> str:
    return (timezone.localdate() + datetime.timedelta(days=14)).isoformat()


def _send_offers(client, round, captured):
    with captured(execute=True):
        return client.post(
            reverse("recruitment:offers_send", args=[round.pk]),
            {"send-respond_by": _in_a_fortnight()},
        )


def _link_in(message) -> str:
    return re.search(r"https?://\S+(/recruitment/offers/[^/\s]+/)", message.body).group(1)


def _accept(client, path):
    return client.post(path, {"answer": "accept"})


# --- Sending -----------------------------------------------------------------------------


def test_offers_go_out_from_the_rounds_edited_email_once_each(
    client, world, recruiting, django_capture_on_commit_callbacks
):
    client.force_login(world.adviser)
    client.post(
        reverse("recruitment:email_template", args=[recruiting.round.pk, "offer"]),
        {
            "subject": "A place on {programme}",
            "body": "Dear {name}, join {cohort} by {respond_by}.",
        },
    )

    response = _send_offers(client, recruiting.round, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == sorted([world.owner.email, world.fellow.email])
    owner_copy = next(m for m in mail.outbox if m.to == [world.owner.email])
    assert owner_copy.subject == "A place on Digital Pioneer Fellowship"
    assert "Dear Chloe Evans, join Cohort 3 by 23:59 on" in owner_copy.body
    assert "(UK time)" in owner_copy.body
    offer = Offer.objects.get(application=recruiting.application)
    assert offer.sent_at is not None
    assert offer.token_hash not in owner_copy.body
    # A second click, or the task run again, sends nothing more.
    again = _send_offers(client, recruiting.round, django_capture_on_commit_callbacks)
    token = _link_in(owner_copy).rstrip("/").rsplit("/", 1)[1]
    tasks.send_offer(offer.pk, token)
    assert "Everyone offered a place has had their offer already." in again.text
    assert len(mail.outbox) == 2


def test_more_offers_than_free_places_are_refused(client, world, recruiting):
    recruiting.round.places = 1
    recruiting.round.save()
    client.force_login(world.adviser)

    response = client.post(
        reverse("recruitment:offers_send", args=[recruiting.round.pk]),
        {"send-respond_by": _in_a_fortnight()},
    )

    assert (
        "2 applicants are to be offered a place but only 1 of the 1 places are free"
        in response.text
    )
    assert not Offer.objects.exists()


@pytest.mark.parametrize("respond_by", ["", "yesterday", "2001-01-01", "2999-01-01"])
def test_bad_deadline_is_refused_on_the_form(client, world, recruiting, respond_by):
    client.force_login(world.adviser)

    response = client.post(
        reverse("recruitment:offers_send", args=[recruiting.round.pk]),
        {"send-respond_by": respond_by},
    )

    assert response.status_code == 200
    assert "Error: " in response.text
    assert not Offer.objects.exists()


def test_email_with_a_placeholder_pioneer_cannot_fill_is_refused(client, world, recruiting):
    client.force_login(world.adviser)

    response = client.post(
        reverse("recruitment:email_template", args=[recruiting.round.pk, "offer"]),
        {"subject": "Hello {first_name}", "body": "Dear {name}"},
    )

    assert "Pioneer cannot fill in {first_name}" in response.text
    assert not EmailTemplate.objects.exists()


# --- Answering ---------------------------------------------------------------------------


def test_accepting_makes_a_fellow_and_starts_the_intake_interview_from_the_application(
    client, world, recruiting, django_capture_on_commit_callbacks
):
    question = QuestionFactory(form=recruiting.round.form, text="What do you hope to achieve?")
    AnswerFactory(
        application=recruiting.application, question=question, text="Open a digital front door."
    )
    adviser = client
    adviser.force_login(world.adviser)
    _send_offers(adviser, recruiting.round, django_capture_on_commit_callbacks)
    path = _link_in(next(m for m in mail.outbox if m.to == [world.owner.email]))
    cohort = recruiting.round.cohort
    applicant = type(client)()
    applicant.force_login(world.owner)

    page = applicant.get(path)
    response = _accept(applicant, path)

    assert "Accept the place" in page.text
    assert response.status_code == 302
    assert Membership.objects.filter(
        user=world.owner, cohort=cohort, role=Role.FELLOW, is_active=True
    ).exists()
    assert IntakePrefill.objects.get(cohort=cohort, fellow=world.owner).hopes == (
        "What do you hope to achieve?\nOpen a digital front door."
    )
    membership = Membership.objects.get(user=world.owner, cohort=cohort, role=Role.FELLOW)
    form = adviser.get(reverse("cohorts:interview_record", args=[membership.pk]))
    assert "Open a digital front door." in form.text
    # The link is single use.
    second = _accept(applicant, path)
    assert "You have already accepted this place." in second.text
    assert Membership.objects.filter(user=world.owner, cohort=cohort).count() == 1


def test_declining_frees_the_place_and_the_link_cannot_be_used_again(client, world, recruiting):
    offer = OfferFactory(application=recruiting.application, token="decline-me")
    client.force_login(world.owner)
    path = reverse("recruitment:offer_respond", args=["decline-me"])

    client.post(path, {"answer": "decline"})
    again = _accept(client, path)

    offer.refresh_from_db()
    assert offer.status == Offer.Status.DECLINED
    assert "You have already declined this place." in again.text
    assert not Membership.objects.filter(user=world.owner, cohort=recruiting.round.cohort).exists()


def test_accepting_after_the_deadline_is_refused_and_changes_nothing(client, world, recruiting):
    offer = OfferFactory(
        application=recruiting.application,
        token="late",
        respond_by=timezone.now() + datetime.timedelta(minutes=5),
    )
    client.force_login(world.owner)
    path = reverse("recruitment:offer_respond", args=["late"])

    with time_machine.travel(offer.respond_by + datetime.timedelta(minutes=1)):
        page = client.get(path)
        response = _accept(client, path)

    assert "has passed" in page.text
    assert "Accept the place" not in page.text
    assert "The date to answer this offer has passed." in response.text
    offer.refresh_from_db()
    assert offer.status == Offer.Status.SENT
    assert not Membership.objects.filter(user=world.owner, cohort=recruiting.round.cohort).exists()


def test_accepting_when_every_place_is_taken_is_refused_clearly(client, world, recruiting):
    OfferFactory(application__round=recruiting.round, status=Offer.Status.ACCEPTED)
    OfferFactory(application__round=recruiting.round, status=Offer.Status.ACCEPTED)
    offer = OfferFactory(application=recruiting.application, token="too-many")
    client.force_login(world.owner)

    response = _accept(client, reverse("recruitment:offer_respond", args=["too-many"]))

    assert LAST_PLACE_TAKEN in response.text
    offer.refresh_from_db()
    assert offer.status == Offer.Status.SENT
    assert not Membership.objects.filter(user=world.owner, cohort=recruiting.round.cohort).exists()


def test_unknown_link_is_a_clear_404(client, world):
    client.force_login(world.owner)

    response = client.get(reverse("recruitment:offer_respond", args=["not-a-real-token"]))

    assert response.status_code == 404
    assert "This link is not valid" in response.text


def test_only_the_applicant_signed_in_as_themselves_may_answer(world, recruiting):
    OfferFactory(application=recruiting.application, token="owners-offer")
    url = reverse("recruitment:offer_respond", args=["owners-offer"])

    assert_matrix(world, url, expect(403, anonymous=LOGIN, owner=200))
    assert_matrix(
        world,
        url,
        expect(403, anonymous=LOGIN, owner=302),
        method="post",
        data={"answer": "accept"},
    )
    assert not Membership.objects.filter(cohort=recruiting.round.cohort).exists()


# --- Lapsing and the waiting list ------------------------------------------------------


def test_beat_lapses_unanswered_offers_and_is_scheduled(world, recruiting):
    late = OfferFactory(application=recruiting.application)
    on_time = OfferFactory(application=recruiting.other_application)
    Offer.objects.filter(pk=late.pk).update(respond_by=timezone.now() - datetime.timedelta(hours=1))

    assert tasks.lapse_unanswered_offers() == 1

    late.refresh_from_db()
    on_time.refresh_from_db()
    assert (late.status, on_time.status) == (Offer.Status.LAPSED, Offer.Status.SENT)
    tasks_scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "recruitment.tasks.lapse_unanswered_offers" in tasks_scheduled


def test_adviser_offers_a_freed_place_to_the_next_on_the_waiting_list_in_one_click(
    client, world, recruiting, django_capture_on_commit_callbacks
):
    OfferFactory(application=recruiting.application, status=Offer.Status.ACCEPTED)
    OfferFactory(application=recruiting.other_application, status=Offer.Status.DECLINED)
    first = SubmittedApplicationFactory(
        round=recruiting.round, decision=Decision.WAITING_LIST, decided_at=timezone.now()
    )
    second = SubmittedApplicationFactory(
        round=recruiting.round,
        decision=Decision.WAITING_LIST,
        decided_at=timezone.now() + datetime.timedelta(minutes=1),
    )
    client.force_login(world.adviser)
    page = client.get(reverse("recruitment:round_offers", args=[recruiting.round.pk]))

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("recruitment:offer_next", args=[recruiting.round.pk]),
            {"next-respond_by": _in_a_fortnight()},
        )

    assert f"Offer a place to {escape(first.applicant.name)}" in page.text
    first.refresh_from_db()
    assert first.decision == Decision.OFFERED
    assert first.offer.status == Offer.Status.SENT
    assert [m.to for m in mail.outbox] == [[first.applicant.email]]
    # Both places are now taken or held: the next click is refused, nothing changes.
    response = client.post(
        reverse("recruitment:offer_next", args=[recruiting.round.pk]),
        {"next-respond_by": _in_a_fortnight()},
    )
    assert "Every place is accepted or waiting for an answer." in response.text
    second.refresh_from_db()
    assert second.decision == Decision.WAITING_LIST


# --- Who may do what, and bounded queries ----------------------------------------------


@pytest.mark.parametrize(("name", "kind"), [("round_offers", None), ("email_template", "offer")])
def test_offer_pages_are_the_programme_advisers_only(world, recruiting, name, kind):
    args = [recruiting.round.pk] + ([kind] if kind else [])
    assert_matrix(world, reverse(f"recruitment:{name}", args=args), adviser_only())


@pytest.mark.parametrize("name", ["offers_send", "offer_next", "unsuccessful_send"])
def test_offer_actions_are_the_programme_advisers_only(world, recruiting, name):
    url = reverse(f"recruitment:{name}", args=[recruiting.round.pk])
    ok = 200 if name == "offer_next" else 302  # nobody is on the waiting list: refused
    data = {"send-respond_by": _in_a_fortnight(), "next-respond_by": _in_a_fortnight()}
    assert_matrix(world, url, adviser_only(ok), method="post", data=data)


def _offers_page_queries(client, world, recruiting, size, django_assert_max_num_queries):
    for _n in range(size):
        OfferFactory(application__round=recruiting.round)
        SubmittedApplicationFactory(round=recruiting.round, decision=Decision.WAITING_LIST)
        SubmittedApplicationFactory(round=recruiting.round, decision=Decision.DECLINED)
    client.force_login(world.adviser)
    with django_assert_max_num_queries(14) as counted:
        response = client.get(reverse("recruitment:round_offers", args=[recruiting.round.pk]))
    assert response.status_code == 200
    return len(counted.captured_queries)


def test_offers_page_runs_the_same_queries_at_two_sizes(
    client, world, recruiting, django_assert_max_num_queries
):
    few = _offers_page_queries(client, world, recruiting, 1, django_assert_max_num_queries)
    many = _offers_page_queries(client, world, recruiting, 6, django_assert_max_num_queries)
    assert few == many


def test_accepting_an_offer_is_on_the_applicants_audit_trail(client, world, recruiting):
    offer = OfferFactory(application=recruiting.application, token="audited")
    client.force_login(world.owner)

    _accept(client, reverse("recruitment:offer_respond", args=["audited"]))

    event = Event.objects.get(
        object_type="recruitment.offer", object_id=str(offer.pk), action="update"
    )
    assert event.actor == world.owner
    assert event.programme == world.programme
    assert event.changes["status"] == ["sent", "accepted"]
    assert list(event.subjects.values_list("person", flat=True)) == [world.owner.pk]


def test_the_applicant_sees_their_offer_on_their_application_once_it_is_sent(
    client, world, recruiting
):
    page = reverse("recruitment:application", args=[recruiting.application.pk])
    client.force_login(world.owner)
    before = client.get(page)
    OfferFactory(application=recruiting.application)

    after = client.get(page)

    assert "Offer of a place" not in before.text
    assert "Waiting for your answer: use the link in your offer email by" in after.text


def test_a_lapsed_offer_is_on_the_applicants_audit_trail(world, recruiting):
    offer = OfferFactory(application=recruiting.application)
    Offer.objects.filter(pk=offer.pk).update(respond_by=timezone.now())

    tasks.lapse_unanswered_offers()

    event = Event.objects.get(
        object_type="recruitment.offer", object_id=str(offer.pk), action="update"
    )
    assert event.changes["status"] == ["sent", "lapsed"]
    assert list(event.subjects.values_list("person", flat=True)) == [world.owner.pk]


# --- The waiting list in ranking order --------------------------------------------------


def _scored(round, criteria, decided_minutes, *scores):
    """A waiting-list application one reviewer scored (`scores` per criterion)."""
    application = SubmittedApplicationFactory(
        round=round,
        decision=Decision.WAITING_LIST,
        decided_at=timezone.now() + datetime.timedelta(minutes=decided_minutes),
    )
    if scores:
        assignment = ReviewAssignment.objects.create(
            application=application, reviewer=UserFactory()
        )
        review = Review.objects.create(
            assignment=assignment, status=Review.Status.SUBMITTED, submitted_at=timezone.now()
        )
        for criterion, score in zip(criteria, scores, strict=True):
            Score.objects.create(review=review, criterion=criterion, score=score, comment="ok")
    return application


def test_the_waiting_list_is_offered_in_ranking_order_ties_to_the_earlier_decision(
    client, world, recruiting, django_capture_on_commit_callbacks
):
    round = recruiting.round
    OfferFactory(application=recruiting.application, status=Offer.Status.ACCEPTED)
    OfferFactory(application=recruiting.other_application, status=Offer.Status.DECLINED)
    criteria = [
        CriterionFactory(round=round, name="Motivation", weight=2, order=1),
        CriterionFactory(round=round, name="Project", weight=1, order=2),
    ]
    # Weighted means worked by hand: (2*3 + 1*3) / 3 = 3.0; (2*5 + 1*2) / 3 = 4.0;
    # (2*4 + 1*4) / 3 = 4.0; the unscored one comes last whenever it was decided.
    unscored = _scored(round, criteria, -10)
    earliest_lowest = _scored(round, criteria, 0, 3, 3)
    later_tie = _scored(round, criteria, 2, 5, 2)
    earlier_tie = _scored(round, criteria, 1, 4, 4)
    client.force_login(world.adviser)

    page = client.get(reverse("recruitment:round_offers", args=[round.pk]))

    expected = [earlier_tie, later_tie, earliest_lowest, unscored]
    listed = re.findall(r"\((A-\d+)\)</li>", page.text)
    assert listed == [application.reference for application in expected]
    assert f"Offer a place to {escape(earlier_tie.applicant.name)}" in page.text
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("recruitment:offer_next", args=[round.pk]),
            {"next-respond_by": _in_a_fortnight()},
        )
    earlier_tie.refresh_from_db()
    later_tie.refresh_from_db()
    assert earlier_tie.decision == Decision.OFFERED
    assert later_tie.decision == Decision.WAITING_LIST
    assert [m.to for m in mail.outbox] == [[earlier_tie.applicant.email]]


# --- A freed place: the advisers and the lapsed applicant are told ----------------------


def test_a_lapsed_offer_tells_the_advisers_who_is_next_and_the_applicant_once(
    world, recruiting, django_capture_on_commit_callbacks
):
    round = recruiting.round
    criteria = [CriterionFactory(round=round, name="Motivation", weight=1, order=1)]
    _scored(round, criteria, 0, 2)
    top = _scored(round, criteria, 1, 5)
    late = OfferFactory(application=recruiting.application)
    OfferFactory(application=recruiting.other_application)
    Offer.objects.filter(pk=late.pk).update(respond_by=timezone.now() - datetime.timedelta(hours=1))

    with django_capture_on_commit_callbacks(execute=True):
        tasks.lapse_unanswered_offers()
    # The beat runs again, and a retried email task finds its row already claimed.
    with django_capture_on_commit_callbacks(execute=True):
        tasks.lapse_unanswered_offers()
    tasks.send_place_free(late.pk)
    tasks.send_offer_lapsed(late.pk)

    by_recipient = {tuple(message.to): message for message in mail.outbox}
    assert sorted(by_recipient) == sorted([(world.adviser.email,), (world.owner.email,)])
    assert len(mail.outbox) == 2
    advisers = by_recipient[(world.adviser.email,)]
    assert advisers.subject == (
        f"A place is free: offer it to {top.reference} from the waiting list"
    )
    assert world.owner.name not in advisers.body  # references only
    assert reverse("recruitment:round_offers", args=[round.pk]) in advisers.body
    applicant = by_recipient[(world.owner.email,)]
    assert applicant.subject == "Your offer of a place in Cohort 3 has lapsed"
    assert "(UK time)" in applicant.body


def test_a_declined_offer_tells_the_advisers_once_and_not_the_applicant(
    client, world, recruiting, django_capture_on_commit_callbacks
):
    offer = OfferFactory(application=recruiting.application, token="decline-me")
    top = SubmittedApplicationFactory(
        round=recruiting.round, decision=Decision.WAITING_LIST, decided_at=timezone.now()
    )
    client.force_login(world.owner)
    path = reverse("recruitment:offer_respond", args=["decline-me"])

    with django_capture_on_commit_callbacks(execute=True):
        client.post(path, {"answer": "decline"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(path, {"answer": "decline"})
    tasks.send_place_free(offer.pk)
    tasks.send_offer_lapsed(offer.pk)  # declined, not lapsed: nothing to say

    assert [message.to for message in mail.outbox] == [[world.adviser.email]]
    assert mail.outbox[0].subject == (
        f"A place is free: offer it to {top.reference} from the waiting list"
    )
    assert "was declined" in mail.outbox[0].body


def test_a_freed_place_with_nobody_waiting_still_tells_the_advisers(
    world, recruiting, django_capture_on_commit_callbacks
):
    late = OfferFactory(application=recruiting.application)
    Offer.objects.filter(pk=late.pk).update(respond_by=timezone.now() - datetime.timedelta(hours=1))

    with django_capture_on_commit_callbacks(execute=True):
        tasks.lapse_unanswered_offers()

    advisers = [message for message in mail.outbox if message.to == [world.adviser.email]]
    assert [message.subject for message in advisers] == [
        "A place is free in Applications for cohort 3"
    ]
    assert "Nobody is on the waiting list." in advisers[0].body

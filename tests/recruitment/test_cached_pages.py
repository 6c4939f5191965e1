"""Recruitment pages served from the cache (core.cached.page) under their round's stamp:
every write to a round, in bulk or one row at a time, makes the next view work the page
out again from the new data."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from accounts.services import membership_grant
from core.changes import round_stamp
from privacy.services.erasure import person_erase
from recruitment import tasks
from recruitment.factories import OfferFactory, QuestionFactory, SubmittedApplicationFactory
from recruitment.models import Answer, Offer
from recruitment.services.assignments import assignments_suggest
from recruitment.services.equality import equality_save
from recruitment.services.interviews import interview_invitations_send
from recruitment.services.questions import form_freeze
from tests.page_cache import cached, signed_in, warm
from tests.recruitment.panel import build_panel
from tests.recruitment.recruiting import build_recruiting
from tests.recruitment.test_reviewing import marks, review_url

pytestmark = pytest.mark.django_db


def test_a_submitted_review_shows_at_once_in_the_ranking_and_the_reviewers_pages(world):
    panel = build_panel(world)
    adviser, reviewer = signed_in(world.adviser), signed_in(panel.reviewer)
    ranking = reverse("recruitment:ranking", args=[panel.round.pk])
    mine, home = reverse("recruitment:my_reviews"), reverse("home")
    warm(adviser, ranking)
    warm(reviewer, mine)
    warm(reviewer, home)

    reviewer.post(review_url(panel.assignment), marks(panel, "5", "3", submit=True))

    page = adviser.get(ranking)
    assert not cached(page)
    assert "4.33" in page.text  # (5 × 2 + 3 × 1) / 3
    assert not cached(reviewer.get(mine))
    assert not cached(reviewer.get(home))


def test_a_renamed_reviewer_shows_at_once_in_the_ranking(world):
    panel = build_panel(world)
    adviser = signed_in(world.adviser)
    ranking = reverse("recruitment:ranking", args=[panel.round.pk])
    warm(adviser, ranking)

    panel.reviewer.name = "Hana Ito-Walker"
    panel.reviewer.save()

    assert not cached(adviser.get(ranking))


def test_equality_answers_show_at_once_in_the_summary(world):
    panel = build_panel(world)
    adviser = signed_in(world.adviser)
    url = reverse("recruitment:equality_summary", args=[panel.round.pk])
    warm(adviser, url)

    equality_save(application=panel.application, age="35-44")

    assert not cached(adviser.get(url))


def test_applicants_who_join_the_cohort_by_invitation_count_as_accepted_at_once(world):
    panel = build_panel(world)
    equality_save(application=panel.application, age="35-44")
    adviser = signed_in(world.adviser)
    url = reverse("recruitment:equality_summary", args=[panel.round.pk])
    warm(adviser, url)

    membership_grant(
        user=panel.applicant, programme=world.programme, cohort=world.cohort, role=Role.FELLOW
    )

    assert not cached(adviser.get(url))


# Writes that send no signal (one UPDATE or INSERT for many rows) record the round's
# change themselves.


def _freeze(world):
    panel = build_panel(world)
    return panel.round, lambda: form_freeze(form=panel.round.form)


def _suggest(world):
    panel = build_panel(world)
    SubmittedApplicationFactory(round=panel.round)
    return panel.round, lambda: assignments_suggest(round_=panel.round, by=world.adviser)


def _invite(world):
    recruiting = build_recruiting(world)
    return recruiting.round, lambda: interview_invitations_send(round=recruiting.round)


def _lapse(world):
    recruiting = build_recruiting(world)
    offer = OfferFactory(application=recruiting.application)
    Offer.objects.filter(pk=offer.pk).update(
        respond_by=timezone.now() - datetime.timedelta(hours=1)
    )
    return recruiting.round, tasks.lapse_unanswered_offers


def _erase(world):
    panel = build_panel(world)
    return panel.round, lambda: person_erase(person=panel.applicant, by=world.adviser)


@pytest.mark.parametrize(
    "arrange",
    [_freeze, _suggest, _invite, _lapse, _erase],
    ids=["form frozen", "reviewers suggested", "interview invitations", "offers lapse", "erasure"],
)
def test_a_write_in_bulk_moves_its_rounds_stamp(world, arrange):
    round_, write = arrange(world)
    before = round_stamp(round_.pk)

    write()

    assert round_stamp(round_.pk) != before


def test_an_answer_saved_with_its_application_at_hand_finds_its_round_without_a_query(world):
    panel = build_panel(world)
    before = round_stamp(panel.round.pk)
    answer = Answer(
        application=panel.application,
        question=QuestionFactory(form=panel.round.form),
        text="Fewer missed appointments.",
    )

    with CaptureQueriesContext(connection) as queries:
        answer.save()

    assert not [q for q in queries if 'FROM "recruitment_application"' in q["sql"]]
    moved = round_stamp(panel.round.pk)
    assert moved != before
    Answer.objects.get(pk=answer.pk).delete()  # on its own: the round is looked up
    assert round_stamp(panel.round.pk) != moved

"""Advisers open rounds for their programme's cohorts, with criteria and a versioned form
whose questions they edit; a form an application was submitted on never changes."""

import datetime

import pytest
from django.urls import reverse

from accounts.factories import CohortFactory, MembershipFactory
from accounts.models import Role
from audit.models import Action, Event
from recruitment.factories import (
    AnswerFactory,
    ApplicationFormFactory,
    CriterionFactory,
    QuestionFactory,
    RoundFactory,
    SubmittedApplicationFactory,
)
from recruitment.models import ApplicationForm, Criterion, Question, Round, SupportRequest
from tests.matrix import adviser_only, assert_matrix, expect
from tests.recruitment.applying_setup import open_round, owners_draft

pytestmark = pytest.mark.django_db


def round_data(world, **changes):
    cohort = CohortFactory(programme=world.programme, name="Cohort 4")
    data = {
        "cohort": cohort.pk,
        "title": "Cohort 4 applications",
        "opens_on": "2027-06-01",
        "opens_time": "09:00",
        "closes_on": "2027-06-30",
        "closes_time": "17:00",
        "eligibility": "NHS staff in England.",
        "places": "24",
        "blind": "on",
    }
    return data | changes


def question_data(**changes):
    data = {
        "kind": Question.Kind.LONG,
        "text": "What problem will you solve?",
        "help_text": "",
        "required": "on",
        "word_limit": "250",
        "choices": "",
    }
    return data | changes


def test_recruitment_index_matrix_advisers_see_their_rounds_others_go_to_their_own(world):
    assert_matrix(
        world,
        reverse("recruitment:rounds"),
        expect(302, anonymous="login", adviser=200, other_adviser=200),
    )


def test_recruitment_index_lists_only_the_advisers_programmes_rounds_with_counts(client, world):
    round_ = open_round(world)
    SubmittedApplicationFactory(round=round_)
    owners_draft(world, round_)
    elsewhere = RoundFactory(
        cohort__programme=world.other_programme, cohort__name="Away", title="Elsewhere round"
    )
    client.force_login(world.adviser)

    response = client.get(reverse("recruitment:rounds"))

    assert round_.title in response.text
    assert elsewhere.title not in response.text
    row = response.text.split(round_.title)[1].split("</tr>")[0]
    assert "Drafts </span>1" in row
    assert "Submitted </span>1" in row


@pytest.mark.parametrize("size", [1, 5])
def test_recruitment_index_runs_a_bounded_number_of_queries(
    client, world, django_assert_max_num_queries, size
):
    for n in range(size):
        SubmittedApplicationFactory(
            round=RoundFactory(cohort__programme=world.programme, cohort__name=f"Intake {n}")
        )
    client.force_login(world.adviser)

    with django_assert_max_num_queries(10):
        response = client.get(reverse("recruitment:rounds"))

    assert response.text.count("/recruitment/rounds/") == size


def test_round_create_matrix(world):
    url = reverse("recruitment:round_create", args=[world.programme.pk])
    assert_matrix(world, url, adviser_only())
    assert_matrix(world, url, adviser_only(302), method="post", data=round_data)


def test_adviser_opens_a_round_in_uk_time_with_a_new_form(client, world):
    client.force_login(world.adviser)
    data = round_data(world)

    response = client.post(reverse("recruitment:round_create", args=[world.programme.pk]), data)

    round_ = Round.objects.get(title="Cohort 4 applications")
    assert response["Location"] == reverse("recruitment:round", args=[round_.pk])
    # June is British Summer Time: 09:00 in London is 08:00 UTC.
    assert round_.opens_at == datetime.datetime(2027, 6, 1, 8, 0, tzinfo=datetime.UTC)
    assert round_.closes_at == datetime.datetime(2027, 6, 30, 16, 0, tzinfo=datetime.UTC)
    assert (round_.places, round_.blind) == (24, True)
    assert round_.form.programme == world.programme
    assert round_.form.name == "Cohort 4 applications form"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"closes_on": "2027-05-01"}, "The round must close after it opens"),
        ({"opens_on": "2027-03-28", "opens_time": "01:30"}, "the clocks go forward"),
        ({"places": "0"}, "greater than or equal to 1"),
        ({"title": ""}, "This field is required"),
        ({"opens_on": "31/31/2027"}, "Enter a valid date"),
    ],
)
def test_bad_round_input_is_refused_with_a_message(client, world, changes, message):
    client.force_login(world.adviser)

    response = client.post(
        reverse("recruitment:round_create", args=[world.programme.pk]),
        round_data(world, **changes),
    )

    assert response.status_code == 200
    assert message in response.text
    assert not Round.objects.exists()


def test_a_cohort_of_another_programme_cannot_be_chosen(client, world):
    client.force_login(world.adviser)

    response = client.post(
        reverse("recruitment:round_create", args=[world.programme.pk]),
        round_data(world, cohort=world.other_cohort.pk),
    )

    assert "Select a valid choice" in response.text
    assert not Round.objects.exists()


def test_round_pages_matrix(world):
    round_ = open_round(world)
    criterion = CriterionFactory(round=round_)
    for url in (
        reverse("recruitment:round", args=[round_.pk]),
        reverse("recruitment:round_edit", args=[round_.pk]),
        reverse("recruitment:criterion_edit", args=[criterion.pk]),
        reverse("recruitment:form", args=[round_.form_id]),
        reverse("recruitment:question_add", args=[round_.form_id]),
        reverse("recruitment:question_edit", args=[round_.form.questions.first().pk]),
    ):
        assert_matrix(world, url, adviser_only())
    criterion_data = {"name": "Leadership", "description": "", "weight": "2"}
    assert_matrix(
        world,
        reverse("recruitment:criterion_add", args=[round_.pk]),
        adviser_only(302),
        method="post",
        data=criterion_data,
    )
    assert_matrix(
        world,
        reverse("recruitment:form_copy", args=[round_.form_id]),
        adviser_only(302),
        method="post",
    )


def test_adviser_edits_a_round_and_adds_weighted_criteria(client, world):
    round_ = open_round(world)
    client.force_login(world.adviser)

    client.post(
        reverse("recruitment:round_edit", args=[round_.pk]),
        round_data(world, places="12", blind="", form=round_.form_id),
    )
    client.post(
        reverse("recruitment:criterion_add", args=[round_.pk]),
        {"name": "Potential for impact", "description": "", "weight": "3"},
    )
    response = client.post(
        reverse("recruitment:criterion_add", args=[round_.pk]),
        {"name": "Too heavy", "description": "", "weight": "11"},
    )

    round_.refresh_from_db()
    assert (round_.places, round_.blind) == (12, False)
    assert list(round_.criteria.values_list("name", "weight")) == [("Potential for impact", 3)]
    assert "less than or equal to 10" in response.text


def test_adviser_adds_each_kind_of_question(client, world):
    form = ApplicationFormFactory(programme=world.programme)
    client.force_login(world.adviser)
    url = reverse("recruitment:question_add", args=[form.pk])

    client.post(url, question_data())
    client.post(
        url,
        question_data(
            kind="short", text="Your organisation", hidden_from_reviewers="on", word_limit=""
        ),
    )
    client.post(
        url,
        question_data(kind="single", text="Your band", choices="Band 7\nBand 8a\n", word_limit=""),
    )
    client.post(
        url, question_data(kind="multiple", text="Interests", choices="Data\nDesign", required="")
    )
    client.post(
        url, question_data(kind="yes_no", text="Do you manage a team?", help_text="Directly.")
    )

    rows = list(
        form.questions.values_list(
            "kind", "required", "word_limit", "choices", "hidden_from_reviewers", "help_text"
        )
    )
    assert rows == [
        ("long", True, 250, [], False, ""),
        ("short", True, None, [], True, ""),
        ("single", True, None, ["Band 7", "Band 8a"], False, ""),
        ("multiple", False, None, ["Data", "Design"], False, ""),
        ("yes_no", True, None, [], False, "Directly."),
    ]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kind": "single", "choices": "Only one"}, "Give at least two choices"),
        ({"kind": "multiple", "choices": "Data\ndata"}, "Each choice must be different"),
        ({"word_limit": ""}, "Give long text questions a word limit"),
        ({"word_limit": "9000"}, "less than or equal to 5000"),
        ({"kind": "essay"}, "Select a valid choice"),
        ({"text": ""}, "This field is required"),
    ],
)
def test_bad_question_input_is_refused(client, world, changes, message):
    form = ApplicationFormFactory(programme=world.programme)
    client.force_login(world.adviser)

    response = client.post(
        reverse("recruitment:question_add", args=[form.pk]), question_data(**changes)
    )

    assert response.status_code == 200
    assert message in response.text
    assert not form.questions.exists()


def test_a_frozen_form_refuses_edits_and_is_copied_to_a_new_version(client, world):
    round_ = open_round(world)
    form = round_.form
    form.frozen = True
    form.save()
    question = form.questions.first()
    client.force_login(world.adviser)

    edit = client.post(reverse("recruitment:question_edit", args=[question.pk]), question_data())
    copy = client.post(reverse("recruitment:form_copy", args=[form.pk]))

    assert "Copy it to a new version" in edit.text
    question.refresh_from_db()
    assert question.text == "Why do you want to join?"
    new = ApplicationForm.objects.get(parent=form)
    assert copy["Location"] == reverse("recruitment:form", args=[new.pk])
    assert (new.version, new.frozen, new.questions.count()) == (2, False, 5)
    round_.refresh_from_db()
    assert round_.form == new
    assert form.questions.count() == 5  # the old version keeps its questions


def test_a_question_answered_in_a_draft_cannot_be_deleted(client, world):
    application = owners_draft(world)
    question = application.round.form.questions.first()
    AnswerFactory(application=application, question=question)
    client.force_login(world.adviser)

    response = client.post(reverse("recruitment:question_delete", args=[question.pk]), follow=True)

    assert "cannot be deleted. Make it optional instead." in response.text
    assert Question.objects.filter(pk=question.pk).exists()


def test_an_unanswered_question_is_deleted(client, world):
    question = QuestionFactory(form__programme=world.programme)
    client.force_login(world.adviser)

    client.post(reverse("recruitment:question_delete", args=[question.pk]))

    assert not Question.objects.filter(pk=question.pk).exists()
    assert Criterion.objects.count() == 0


def test_adviser_reorders_questions(client, world):
    round_ = open_round(world)
    first, second, *_ = round_.form.questions.all()
    client.force_login(world.adviser)

    client.post(reverse("recruitment:question_move", args=[second.pk]), {"direction": "up"})

    texts = list(round_.form.questions.values_list("text", flat=True)[:2])
    assert texts == [second.text, first.text]


def test_moving_a_question_of_a_frozen_form_is_refused(client, world):
    round_ = open_round(world)
    ApplicationForm.objects.filter(pk=round_.form_id).update(frozen=True)
    second = round_.form.questions.all()[1]
    client.force_login(world.adviser)

    response = client.post(
        reverse("recruitment:question_move", args=[second.pk]), {"direction": "up"}, follow=True
    )

    assert "Copy it to a new version" in response.text
    assert round_.form.questions.all()[1] == second


def test_question_move_matrix(world):
    round_ = open_round(world)
    url = reverse("recruitment:question_move", args=[round_.form.questions.last().pk])
    assert_matrix(world, url, adviser_only(302), method="post", data={"direction": "up"})


def test_the_audit_trail_records_a_round_moving_to_a_new_form_version(client, world):
    round_ = open_round(world)
    client.force_login(world.adviser)

    client.post(reverse("recruitment:form_copy", args=[round_.form_id]))

    round_.refresh_from_db()
    event = Event.objects.get(
        object_type="recruitment.round", object_id=str(round_.pk), action=Action.UPDATE
    )
    assert event.actor == world.adviser
    assert event.changes == {"form": [round_.form.parent_id, round_.form_id]}


def test_round_writes_matrix(world):
    round_ = open_round(world)
    criterion = CriterionFactory(round=round_)
    question = round_.form.questions.first()
    unanswered = QuestionFactory(form=round_.form)
    criterion_data = {"name": "Leadership", "description": "", "weight": "2"}
    for url, data in (
        (
            reverse("recruitment:round_edit", args=[round_.pk]),
            round_data(world, form=round_.form_id),
        ),
        (reverse("recruitment:criterion_edit", args=[criterion.pk]), criterion_data),
        (reverse("recruitment:question_add", args=[round_.form_id]), question_data()),
        (reverse("recruitment:question_edit", args=[question.pk]), question_data()),
        (reverse("recruitment:question_delete", args=[unanswered.pk]), {}),
    ):
        assert_matrix(world, url, adviser_only(302), method="post", data=data)


def test_a_reviewer_of_the_cohort_sees_no_adviser_page_nor_anyones_application(client, world):
    round_ = open_round(world)
    application = owners_draft(world, round_)
    reviewer = MembershipFactory(cohort=round_.cohort, role=Role.REVIEWER).user
    client.force_login(reviewer)

    for url in (
        reverse("recruitment:round", args=[round_.pk]),
        reverse("recruitment:equality_summary", args=[round_.pk]),
        reverse("recruitment:form", args=[round_.form_id]),
        reverse("recruitment:application", args=[application.pk]),
        reverse("recruitment:equality", args=[application.pk]),
    ):
        assert client.get(url).status_code == 404, url


def test_round_page_counts_applications_and_confirmed_support(client, world):
    round_ = open_round(world)
    confirmed = SubmittedApplicationFactory(round=round_)
    SupportRequest.objects.create(
        application=confirmed,
        manager_email="m@nhs.example",
        token_hash="a" * 64,
        status="confirmed",
    )
    SubmittedApplicationFactory(round=round_)
    owners_draft(world, round_)
    client.force_login(world.adviser)

    response = client.get(reverse("recruitment:round", args=[round_.pk]))

    assert "2 submitted (1 with their line manager" in response.text
    assert "1 in draft" in response.text

"""Equality monitoring: the applicant's optional answers, kept apart; advisers see only
counts per stage, any count below 5 shown as "fewer than 5"."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from accounts.factories import make_fellow
from recruitment.factories import SubmittedApplicationFactory
from recruitment.models import Application, EqualityResponse
from tests.matrix import adviser_only, assert_matrix
from tests.recruitment.applying_setup import close, open_round, others_submitted, owners_draft

pytestmark = pytest.mark.django_db
Decision = Application.Decision


def monitored(round_, count: int, decision: str = "", **answers):
    for _ in range(count):
        application = SubmittedApplicationFactory(round=round_, decision=decision)
        EqualityResponse.objects.create(application=application, **answers)


def row(response, question: str, label: str) -> list[str]:
    table = next(t for t in response.context["tables"] if t["question"] == question)
    return next(r["counts"] for r in table["rows"] if r["label"] == label)


def test_applicant_answers_equality_questions_optionally(client, world):
    application = owners_draft(world)
    client.force_login(world.owner)
    url = reverse("recruitment:equality", args=[application.pk])

    page = client.get(url)
    response = client.post(url, {"sex": "female", "region": "prefer_not_to_say"})

    assert page.text.count("Prefer not to say") == 7
    assert response["Location"] == reverse("recruitment:application", args=[application.pk])
    saved = EqualityResponse.objects.get(application=application)
    assert (saved.sex, saved.region, saved.ethnicity) == ("female", "prefer_not_to_say", "")


def test_an_option_not_offered_is_refused(client, world):
    application = owners_draft(world)
    client.force_login(world.owner)

    response = client.post(
        reverse("recruitment:equality", args=[application.pk]), {"sex": "unicorn"}
    )

    assert "Select a valid choice" in response.text
    assert not EqualityResponse.objects.exists()


def test_after_closing_the_answers_are_final(client, world):
    application = owners_draft(world)
    close(application.round)
    client.force_login(world.owner)

    response = client.post(reverse("recruitment:equality", args=[application.pk]), {"sex": "male"})

    assert "equality monitoring answers are final" in response.text
    assert not EqualityResponse.objects.exists()


def test_nobody_but_the_applicant_knows_their_equality_page(world):
    application = owners_draft(world)
    others_submitted(world, application.round)
    url = reverse("recruitment:equality", args=[application.pk])

    assert_matrix(world, url, adviser_only(404) | {"owner": 200})


def test_equality_summary_matrix(world):
    round_ = open_round(world)
    assert_matrix(world, reverse("recruitment:equality_summary", args=[round_.pk]), adviser_only())


def test_summary_counts_per_stage_and_hides_counts_below_five(client, world):
    round_ = open_round(world)
    monitored(round_, 7, sex="female")
    monitored(round_, 6, Decision.SHORTLISTED, sex="female")
    monitored(round_, 5, Decision.OFFERED, sex="male")
    monitored(round_, 2, Decision.DECLINED, sex="male")
    for _ in range(5):  # fellows of the cohort now: accepted
        application = SubmittedApplicationFactory(round=round_, decision=Decision.OFFERED)
        make_fellow(round_.cohort, user=application.applicant)
        EqualityResponse.objects.create(application=application, sex="prefer_not_to_say")
    SubmittedApplicationFactory(round=round_)  # no monitoring answers
    owners_draft(world, round_)  # a draft is not counted
    client.force_login(world.adviser)

    response = client.get(reverse("recruitment:equality_summary", args=[round_.pk]))

    # Applied, shortlisted, offered, accepted. In the first two stages the only small count
    # is "Not answered" (0), so the next smallest (5; the first of equals) is hidden with it.
    sex = "What is your sex?"
    assert row(response, sex, "Female") == ["13", "6", "fewer than 5", "fewer than 5"]
    assert row(response, sex, "Male") == ["7", "hidden", "5", "fewer than 5"]
    assert row(response, sex, "Prefer not to say") == ["hidden", "5", "5", "5"]
    assert row(response, sex, "Not answered") == [
        "hidden",
        "hidden",
        "fewer than 5",
        "fewer than 5",
    ]
    assert row(response, "What is your age?", "Not answered") == ["25", "16", "10", "5"]
    assert response.context["without"] == "fewer than 5"


def column(response, question: str, stage: int) -> dict[str, str]:
    table = next(t for t in response.context["tables"] if t["question"] == question)
    return {r["label"]: r["counts"][stage] for r in table["rows"]}


def test_a_single_small_count_is_not_left_to_be_worked_out_from_the_total(client, world):
    """Disability, applied: Yes 2, No 9, Prefer not 6, Not answered 7 = 24 submitted, the
    round page's total. Hiding only Yes would leave 24 - 9 - 6 - 7 = 2."""
    round_ = open_round(world)
    monitored(round_, 2, disability="yes")
    monitored(round_, 9, disability="no")
    monitored(round_, 6, disability="prefer_not_to_say")
    monitored(round_, 7)
    client.force_login(world.adviser)

    round_page = client.get(reverse("recruitment:round", args=[round_.pk]))
    response = client.get(reverse("recruitment:equality_summary", args=[round_.pk]))

    assert "24 submitted" in round_page.text
    disability = "Do you consider yourself to have a disability or long-term health condition?"
    assert column(response, disability, 0) == {
        "Yes": "hidden",
        "No": "9",
        "Prefer not to say": "hidden",  # the next smallest
        "Not answered": "7",
    }
    # What is shown leaves 24 - 9 - 7 = 8 for two cells: 2 and 6 cannot be told from 3 and 5.
    assert "2" not in column(response, disability, 0).values()
    # Two or more small counts already hide each other: nothing more is hidden.
    sex = column(response, "What is your sex?", 0)
    assert sex == {
        "Female": "fewer than 5",
        "Male": "fewer than 5",
        "Prefer not to say": "fewer than 5",
        "Not answered": "24",
    }


def test_summary_names_nobody(client, world):
    round_ = open_round(world)
    monitored(round_, 5, sex="female")
    client.force_login(world.adviser)

    response = client.get(reverse("recruitment:equality_summary", args=[round_.pk]))

    for application in Application.objects.select_related("applicant"):
        assert escape(application.applicant.name) not in response.text
        assert application.reference not in response.text


@pytest.mark.parametrize("size", [5, 20])
def test_summary_runs_a_bounded_number_of_queries(
    client, world, django_assert_max_num_queries, size
):
    round_ = open_round(world)
    monitored(round_, size, Decision.SHORTLISTED, sex="male", region="london")
    client.force_login(world.adviser)

    with django_assert_max_num_queries(16):
        response = client.get(reverse("recruitment:equality_summary", args=[round_.pk]))

    assert row(response, "Which NHS region do you work in?", "London")[0] == str(size)

"""Retention: a programme keeps people's data for its retention years after their last
cohort ends; advisers are told 30 days before, then the person is anonymised. The dry run
(`manage.py retention_report` and the page) lists who is due and changes nothing."""

import datetime
import io

import pytest
import time_machine
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import TestCase
from django.urls import reverse

from accounts.factories import CohortFactory, make_fellow
from accounts.models import Programme, User
from privacy.models import Erasure, RetentionNotice
from privacy.tasks import apply_retention
from recruitment.factories import ApplicationFactory
from tests.matrix import adviser_only, assert_matrix

pytestmark = pytest.mark.django_db

# The world's cohorts end on 31 March 2027; kept 6 years, data is due on 31 March 2033.
WARNED = datetime.datetime(2033, 3, 5, 4, 0, tzinfo=datetime.UTC)
DUE = datetime.datetime(2033, 4, 1, 4, 0, tzinfo=datetime.UTC)
BEFORE = datetime.datetime(2033, 2, 1, 4, 0, tzinfo=datetime.UTC)


def report(*args) -> str:
    out = io.StringIO()
    call_command("retention_report", *args, stdout=out)
    return out.getvalue()


def retention_url(world) -> str:
    return reverse("privacy:retention", args=[world.programme.pk])


def run_retention():
    with TestCase.captureOnCommitCallbacks(execute=True):
        return apply_retention()


def test_the_dry_run_lists_fellows_due_within_30_days_and_changes_nothing(world):
    with time_machine.travel(WARNED):
        listed = report("--programme", str(world.programme.pk))

    lines = listed.splitlines()
    assert [line.split("\t")[1] for line in lines[:-1]] == [
        "Chloe Evans",
        "Daniel Okafor",
        "George Lewis",
    ]
    assert "due 2033-03-31" in lines[0]
    assert lines[-1] == "3 to anonymise by 2033-04-04."
    assert User.objects.get(pk=world.owner.pk).name == "Chloe Evans"
    assert not RetentionNotice.objects.exists()


def test_the_dry_run_leaves_out_advisers_mentors_and_anyone_with_a_later_cohort(world):
    later = CohortFactory(
        programme=world.programme,
        starts_on=datetime.date(2029, 4, 1),
        ends_on=datetime.date(2030, 3, 31),
    )
    make_fellow(later, user=world.owner)

    with time_machine.travel(DUE):
        listed = report()

    assert "Chloe Evans" not in listed
    for kept in (world.adviser, world.other_adviser, world.mentor):
        assert kept.name not in listed
    assert "Ella Murphy\t" in listed  # the other programme's fellow, overdue
    assert "overdue 2033-03-31" in listed


def test_the_dry_run_follows_each_programmes_retention_years(world):
    Programme.objects.filter(pk=world.other_programme.pk).update(retention_years=10)

    with time_machine.travel(DUE):
        listed = report()

    assert "Chloe Evans" in listed
    assert "Ella Murphy" not in listed
    assert "Ella Murphy" in report("--on", "2037-03-31")


def test_the_dry_run_refuses_a_bad_date_or_programme(world):
    with pytest.raises(CommandError, match="--on must be a date"):
        report("--on", "31/03/2033")
    with pytest.raises(CommandError, match="No programme has the id 999999"):
        report("--programme", "999999")


def test_advisers_are_told_once_30_days_before_and_nobody_is_anonymised_yet(world):
    with time_machine.travel(BEFORE):
        assert run_retention() == (0, 0)
    assert mail.outbox == []

    with time_machine.travel(WARNED):
        erased, warned = run_retention()
        run_retention()  # a second run that day tells nobody again

    assert erased == 0
    assert warned == 4  # three people here, one in the other programme
    told = {tuple(message.to): message for message in mail.outbox}
    assert set(told) == {(world.adviser.email,), (world.other_adviser.email,)}
    body = told[(world.adviser.email,)].body
    assert "Chloe Evans: 31 March 2033" in body
    assert "Ella Murphy" not in body
    assert User.objects.get(pk=world.owner.pk).is_active


def test_on_the_day_after_retention_ends_people_are_anonymised(world):
    with time_machine.travel(DUE):
        erased, _ = run_retention()

    assert erased == 4
    owner = User.objects.get(pk=world.owner.pk)
    assert owner.name == f"Former fellow {owner.pk}"
    assert not owner.is_active
    erasure = Erasure.objects.get(person=owner)
    assert (erasure.reason, erasure.requested_by) == ("retention", None)
    assert User.objects.get(pk=world.mentor.pk).name == "Farah Hussain"
    with time_machine.travel(DUE):
        assert run_retention() == (0, 0)  # nobody is anonymised twice


def test_only_the_programmes_advisers_see_and_change_retention(world):
    assert_matrix(world, retention_url, adviser_only())
    assert_matrix(
        world, retention_url, adviser_only(302), method="post", data={"retention_years": "7"}
    )


def test_an_adviser_shortens_retention_and_the_dry_run_follows(client, world):
    client.force_login(world.adviser)

    response = client.post(retention_url(world), {"retention_years": "1"}, follow=True)

    assert "now keeps personal data for 1 years" in response.content.decode()
    assert Programme.objects.get(pk=world.programme.pk).retention_years == 1
    with time_machine.travel(datetime.datetime(2028, 3, 20, 12, tzinfo=datetime.UTC)):
        client.force_login(world.adviser)  # a session from 2026 would have expired
        page = client.get(retention_url(world)).content.decode()
    assert "Chloe Evans" in page
    assert "31 Mar 2028" in page


@pytest.mark.parametrize(
    ("years", "message"),
    [
        ("0", "Ensure this value is greater than or equal to 1"),
        ("51", "Ensure this value is less than or equal to 50"),
        ("six", "Enter a whole number"),
        ("", "This field is required"),
    ],
)
def test_a_bad_retention_period_says_why_and_changes_nothing(client, world, years, message):
    client.force_login(world.adviser)

    response = client.post(retention_url(world), {"retention_years": years})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert Programme.objects.get(pk=world.programme.pk).retention_years == 6


def test_the_retention_page_runs_the_same_queries_for_3_and_23_people_due(
    client, world, django_assert_max_num_queries, django_assert_num_queries
):
    with time_machine.travel(WARNED, tick=False):
        client.force_login(world.adviser)
        with django_assert_max_num_queries(12) as small:
            client.get(retention_url(world))
        for _ in range(20):
            make_fellow(world.cohort)

        with django_assert_num_queries(len(small.captured_queries)):
            response = client.get(retention_url(world))

    assert response.content.decode().count("31 Mar 2033") == 23


def test_applicants_who_never_joined_are_kept_as_long_as_the_cohort_they_applied_to(world):
    applicant = ApplicationFactory(
        round__cohort=world.cohort, applicant__name="Ian Applicant"
    ).applicant

    with time_machine.travel(WARNED):
        assert "Ian Applicant\t" in report("--programme", str(world.programme.pk))
    with time_machine.travel(DUE):
        run_retention()

    applicant.refresh_from_db()
    assert applicant.name == f"Former applicant {applicant.pk}"

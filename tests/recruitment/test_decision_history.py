"""Every decision on an application is kept, with who made it, when and why: the adviser
sees the history on the decision page; the applicant's copy of their data holds it; erasure
blanks the reasons given about an erased applicant and the name of anyone erased in others'."""

import datetime
import json

import pytest
from django.test import TestCase
from django.urls import reverse

from accounts.factories import UserFactory, make_adviser
from privacy.services.erasure import erasure_now
from recruitment.factories import OfferFactory
from recruitment.models import Application, DecisionRecord
from recruitment.services.decisions import application_decide
from tests.privacy.conftest import exports_dir  # noqa: F401 - a fixture
from tests.privacy.test_exports import archive_of, ask
from tests.recruitment.panel import build_panel

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel(world):
    return build_panel(world)


def decision_url(application):
    return reverse("recruitment:decision", args=[application.pk])


def decide(client, application, decision, reason):
    return client.post(decision_url(application), {"decision": decision, "reason": reason})


def test_each_decision_is_kept_and_shown_latest_first(client, world, panel):
    second = make_adviser(world.programme, user__name="Priya Second")
    client.force_login(world.adviser)
    decide(client, panel.application, "shortlisted", "Clear problem, sponsor behind it")
    client.force_login(second)
    decide(client, panel.application, "waiting_list", "Interview fine; others stronger")

    response = client.get(decision_url(panel.application))

    history = list(response.context["history"])
    assert [(r.decision, r.reason, r.decided_by) for r in history] == [
        ("waiting_list", "Interview fine; others stronger", second),
        ("shortlisted", "Clear problem, sponsor behind it", world.adviser),
    ]
    page = response.text
    assert "<h2>History</h2>" in page
    assert page.index("Interview fine; others stronger") < page.index(
        "Clear problem, sponsor behind it"
    )
    assert "Shortlisted for interview" in page
    assert "Priya Second" in page


def test_history_shows_london_time(client, world, panel):
    summer = datetime.datetime(2026, 7, 1, 9, 30, tzinfo=datetime.UTC)
    DecisionRecord.objects.create(
        application=panel.application,
        decision="offered",
        reason="Strongest project",
        decided_by=world.adviser,
        decided_at=summer,
    )
    client.force_login(world.adviser)

    response = client.get(decision_url(panel.application))

    assert "1 July 2026 at 10:30" in response.text


def test_a_refused_decision_adds_nothing_to_the_history(client, world, panel):
    client.force_login(world.adviser)

    decide(client, panel.application, "offered", "  ")
    decide(client, panel.application, "hired", "Great")

    assert not DecisionRecord.objects.exists()
    page = client.get(decision_url(panel.application)).text
    assert "No decision has been recorded yet." in page


def test_a_decision_that_stands_for_a_live_offer_adds_nothing(client, world, panel):
    application_decide(
        application=panel.application, decision="offered", reason="Best", by=world.adviser
    )
    OfferFactory(application=panel.application, status="sent")
    client.force_login(world.adviser)

    decide(client, panel.application, "declined", "Changed mind")

    assert list(DecisionRecord.objects.values_list("decision", flat=True)) == ["offered"]


def test_the_offers_side_deciding_through_the_service_is_in_the_history(world, panel):
    application_decide(
        application=panel.application,
        decision=Application.Decision.WAITING_LIST,
        reason="Next in line",
        by=world.adviser,
    )
    application_decide(
        application=panel.application,
        decision=Application.Decision.OFFERED,
        reason="A place came free",
        by=world.adviser,
    )

    records = DecisionRecord.objects.filter(application=panel.application).order_by("pk")
    assert [r.decision for r in records] == ["waiting_list", "offered"]
    assert records[1].decided_at == Application.objects.get().decided_at


def test_a_record_cannot_be_changed_or_deleted(world, panel):
    application_decide(
        application=panel.application, decision="declined", reason="Not eligible", by=world.adviser
    )
    record = DecisionRecord.objects.get()
    record.reason = "Something else"

    with pytest.raises(ValueError, match="never changed or deleted"):
        record.save()
    with pytest.raises(ValueError, match="never changed or deleted"):
        record.delete()
    assert DecisionRecord.objects.get().reason == "Not eligible"


def test_the_history_is_the_programmes_advisers_alone(client, world, panel):
    application_decide(
        application=panel.application, decision="declined", reason="Secret", by=world.adviser
    )
    for person in (panel.reviewer, panel.applicant, world.other_adviser, world.fellow):
        client.force_login(person)
        response = client.get(decision_url(panel.application))
        assert response.status_code in (403, 404)
        assert b"Secret" not in response.content


def test_erasing_the_applicant_blanks_the_reasons_and_keeps_the_rows(client, world, panel):
    for decision, reason in (("shortlisted", "Jo is a strong nurse"), ("offered", "Best of all")):
        application_decide(
            application=panel.application, decision=decision, reason=reason, by=world.adviser
        )

    with TestCase.captureOnCommitCallbacks(execute=True):
        erasure_now(person=panel.applicant, by=None)

    records = DecisionRecord.objects.order_by("pk")
    assert [(r.decision, r.reason) for r in records] == [("shortlisted", ""), ("offered", "")]
    client.force_login(world.adviser)
    assert client.get(decision_url(panel.application)).status_code == 200


def test_erasing_anyone_named_in_a_reason_removes_their_name_and_address(world, panel):
    colleague = UserFactory(name="Sam Referee", email="sam.referee@example.org")
    application_decide(
        application=panel.application,
        decision="shortlisted",
        reason="Sam Referee (sam.referee@example.org) vouched for the project",
        by=world.adviser,
    )

    with TestCase.captureOnCommitCallbacks(execute=True):
        label = erasure_now(person=colleague, by=None)

    record = DecisionRecord.objects.get()
    assert "Sam Referee" not in record.reason
    assert "sam.referee@example.org" not in record.reason
    assert record.reason.startswith(label)
    application = Application.objects.get()
    assert "Sam Referee" not in application.decision_reason


def test_erasing_the_adviser_keeps_the_reason_and_names_them_by_their_label(client, world, panel):
    adviser = make_adviser(world.programme, user__name="Retiring Adviser")
    application_decide(
        application=panel.application, decision="declined", reason="Not eligible", by=adviser
    )

    with TestCase.captureOnCommitCallbacks(execute=True):
        label = erasure_now(person=adviser, by=None)

    record = DecisionRecord.objects.get()
    assert record.reason == "Not eligible"
    client.force_login(world.adviser)
    page = client.get(decision_url(panel.application)).text
    assert label in page
    assert "Retiring Adviser" not in page


@pytest.mark.usefixtures("exports_dir")
def test_the_applicants_own_copy_of_their_data_holds_their_decision_history(client, world, panel):
    application_decide(
        application=panel.application, decision="declined", reason="Not eligible", by=world.adviser
    )

    archive = archive_of(client.get(ask(client, panel.applicant)))

    (record,) = json.loads(archive.read("recruitment.decisionrecord.json"))
    assert (record["decision"], record["reason"]) == ("declined", "Not eligible")
    assert record["decided_by_id"] == world.adviser.pk

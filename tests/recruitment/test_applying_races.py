"""Many tabs at once, each on its own database connection (PostgreSQL only): an application
is started once and submitted once, and the manager's link is used once."""

import re

import pytest

from accounts.factories import UserFactory
from recruitment.models import Application, SupportRequest
from recruitment.services.applying import application_save, application_start
from recruitment.services.support import support_request, support_respond
from tests.concurrency import race
from tests.matrix import build_world
from tests.recruitment.applying_setup import answers_data, open_round

pytestmark = pytest.mark.django_db(transaction=True)

RACERS = 8


def race_tabs(job) -> list[str]:
    """`job` run in RACERS tabs at the same moment."""
    return race([job] * RACERS, won=lambda result: f"ok {result}")


def test_many_tabs_starting_an_application_make_one(postgresql):
    round_ = open_round(build_world())
    applicant = UserFactory()

    outcomes = race_tabs(lambda: application_start(round_=round_, applicant=applicant).pk)

    application = Application.objects.get(round=round_, applicant=applicant)
    assert outcomes == [f"ok {application.pk}"] * RACERS


def test_many_tabs_submitting_at_once_submit_once(postgresql):
    world = build_world()
    round_ = open_round(world)
    application = Application.objects.create(round=round_, applicant=world.owner)
    answers = {int(name[2:]): value for name, value in answers_data(round_).items()}

    outcomes = race_tabs(
        lambda: application_save(application=application, answers=answers, submit=True).status
    )

    assert outcomes.count("ok submitted") == 1
    refused = [o for o in outcomes if o != "ok submitted"]
    assert all(o.startswith("You submitted this application on") for o in refused), outcomes
    assert application.answers.count() == len(answers)


def test_a_managers_link_used_in_many_tabs_records_one_answer(postgresql, mailoutbox):
    world = build_world()
    application = Application.objects.create(round=open_round(world), applicant=world.owner)
    support_request(application=application, manager_name="Sam", manager_email="sam@nhs.example")
    tokens = re.findall(r"/recruitment/support/([\w-]+)/", mailoutbox[-1].body)

    outcomes = race_tabs(
        lambda: (
            support_respond(
                token=tokens[0], confirm=True, protected_time=True, statement="Yes."
            ).status
        )
    )

    assert outcomes.count("ok confirmed") == 1
    refused = [o for o in outcomes if o != "ok confirmed"]
    assert all(o.startswith("This link has already been used") for o in refused), outcomes
    assert SupportRequest.objects.get().status == SupportRequest.Status.CONFIRMED

"""Many tabs at once, each on its own database connection (PostgreSQL only): an application
is started once and submitted once, and the manager's link is used once."""

import os
import re
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from accounts.factories import UserFactory
from recruitment.models import Application, SupportRequest
from recruitment.services.applying import application_save, application_start
from recruitment.services.support import support_request, support_respond
from tests.matrix import build_world
from tests.recruitment.applying_setup import answers_data, open_round

pytestmark = pytest.mark.django_db(transaction=True)

RACERS = 8


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        if os.environ.get("CI"):
            pytest.fail("CI must run the concurrency tests on PostgreSQL")
        pytest.skip("concurrency tests need PostgreSQL (SQLite has one writer at a time)")


def race(job) -> list[str]:
    """Run `job` RACERS times at the same moment, each in its own thread and connection."""
    barrier = threading.Barrier(RACERS)
    outcomes = [""] * RACERS

    def run(index):
        try:
            barrier.wait()
            outcomes[index] = f"ok {job()}"
        except ValidationError as error:
            outcomes[index] = " ".join(error.messages)
        except Exception as error:  # anything else fails the test
            outcomes[index] = f"error: {error!r}"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_many_tabs_starting_an_application_make_one(postgresql):
    round_ = open_round(build_world())
    applicant = UserFactory()

    outcomes = race(lambda: application_start(round_=round_, applicant=applicant).pk)

    application = Application.objects.get(round=round_, applicant=applicant)
    assert outcomes == [f"ok {application.pk}"] * RACERS


def test_many_tabs_submitting_at_once_submit_once(postgresql):
    world = build_world()
    round_ = open_round(world)
    application = Application.objects.create(round=round_, applicant=world.owner)
    answers = {int(name[2:]): value for name, value in answers_data(round_).items()}

    outcomes = race(
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

    outcomes = race(
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

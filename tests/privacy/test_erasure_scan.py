"""Erasure on the full demo: afterwards neither the person's name nor their email address
is in any text column of any table, cohort reports keep their numbers, and every page that
showed them still answers."""

import csv
import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.db.models import TextField
from django.db.models.functions import Cast
from django.test import Client, TestCase
from django.urls import reverse

from accounts.models import Cohort, Membership, Role, User
from mentoring.models import Booking
from projects.models import ProgressEntry, Project

pytestmark = pytest.mark.django_db

TEXT = (models.CharField, models.TextField, models.JSONField)


def tables_quoting(*needles: str) -> list[tuple[str, str, str]]:
    """Every (table, column, needle) where a text or JSON column holds a needle."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if not isinstance(field, TEXT):
                continue
            text = model._base_manager.annotate(_text=Cast(field.name, TextField()))
            for needle in needles:
                if text.filter(_text__icontains=needle).exists():
                    found.append((model._meta.db_table, field.column, needle))
    return found


def rename_namesakes(person: User) -> None:
    """The demo makes up applicants and their line managers, whose random names may be the
    person's: they are other people, so they get another name before the scan."""
    assert not person.applications.exists()
    User.objects.filter(name=person.name).exclude(pk=person.pk).update(name="A Namesake")
    for model in apps.get_app_config("recruitment").get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField):
                rows = model._base_manager.filter(**{f"{field.name}__contains": person.name})
                for pk, text in rows.values_list("pk", field.name):
                    new = text.replace(person.name, "A Namesake")
                    model._base_manager.filter(pk=pk).update(**{field.name: new})


def report_figures(client, cohort, *, approx: bool = False) -> dict[str, list[list]]:
    """The report's tables as rows of text and numbers (or numbers to compare with)."""
    figures = {}
    for table in ("domains", "change", "responses"):
        url = reverse("evaluation:report_csv", args=[cohort.pk, table])
        text = b"".join(client.get(url).streaming_content).decode("utf-8-sig")
        rows = csv.reader(io.StringIO(text))
        figures[table] = [[_figure(cell, approx) for cell in row] for row in rows]
    return figures


def _figure(cell: str, approx: bool):
    try:
        number = float(cell)
    except ValueError:
        return cell
    # Summing the same floats in another row order may move the last place shown.
    return pytest.approx(number, abs=0.011) if approx else number


def pages_showing(person: User) -> list[str]:
    """Pages an adviser sees that showed the person."""
    pages = []
    for membership in Membership.objects.filter(user=person).select_related("cohort"):
        if membership.cohort_id:
            cohort = membership.cohort_id
            pages += [
                reverse("cohorts:detail", args=[cohort]),
                reverse("cohorts:interviews", args=[cohort]),
                reverse("cohorts:attendance_summary", args=[cohort]),
                reverse("projects:board", args=[cohort]),
                reverse("evaluation:report", args=[cohort]),
                reverse("evaluation:network", args=[cohort]),
            ]
            if membership.role == Role.FELLOW:
                pages.append(reverse("evaluation:scorecard", args=[membership.pk]))
        else:
            pages.append(reverse("mentoring:uptake", args=[membership.programme_id]))
    pages += [
        reverse("projects:detail", args=[pk])
        for pk in Project.objects.filter(fellow=person).values_list("pk", flat=True)
    ]
    entries = ProgressEntry.objects.filter(author=person).values_list("pk", flat=True)[:3]
    pages += [reverse("projects:entry", args=[pk]) for pk in entries]
    bookings = Booking.objects.filter(models.Q(fellow=person) | models.Q(slot__mentor=person))
    pages += [
        reverse("mentoring:booking_detail", args=[pk])
        for pk in bookings.values_list("pk", flat=True)[:3]
    ]
    return pages


@pytest.mark.parametrize("email", ["fellow@example.org", "mentor@example.org"])
def test_after_erasure_the_name_and_email_are_nowhere_and_pages_still_answer(email):
    call_command("seed_demo", force=True, verbosity=0)
    person = User.objects.get(email=email)
    name = person.name
    rename_namesakes(person)
    assert tables_quoting(name, email)  # the demo holds them before
    adviser = User.objects.get(email="adviser@example.org")
    client = Client()
    client.force_login(adviser)
    own = Membership.objects.filter(user=person, role=Role.FELLOW).first()
    cohort = own.cohort if own else Cohort.objects.get(status=Cohort.Status.COMPLETED)
    figures = report_figures(client, cohort, approx=True)
    pages = pages_showing(person)
    assert len(pages) >= 3

    client.post(
        reverse("privacy:erasures", args=[cohort.programme_id]),
        {"person": person.pk, "understood": "on"},
    )
    second = Client()
    second.force_login(User.objects.get(email="adviser2@example.org"))
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = second.post(
            reverse("privacy:erasure_confirm", args=[person.erasures.get().pk]), follow=True
        )

    assert f"They are now Former {'fellow' if 'fellow' in email else 'mentor'} {person.pk}" in (
        response.content.decode()
    )
    assert tables_quoting(name, email) == []
    assert report_figures(client, cohort) == figures
    answers = {page: client.get(page).status_code for page in pages}
    assert answers == dict.fromkeys(pages, 200)


def test_after_an_applicant_is_erased_from_the_admin_they_are_nowhere_and_pages_answer():
    call_command("seed_demo", force=True, verbosity=0)
    person = User.objects.get(email="applicant@example.org")
    name = person.name
    User.objects.filter(name=name).exclude(pk=person.pk).update(name="A Namesake")
    assert tables_quoting(name, person.email)
    application = person.applications.select_related("round").first()
    rounds = application.round.pk
    pages = [
        reverse("recruitment:round", args=[rounds]),
        reverse("recruitment:ranking", args=[rounds]),
        reverse("recruitment:round_interviews", args=[rounds]),
        reverse("recruitment:round_offers", args=[rounds]),
        reverse("recruitment:decision", args=[application.pk]),
        reverse("recruitment:interview_panel", args=[application.pk]),
    ]
    superuser = Client()
    superuser.force_login(User.objects.get(email="admin@example.org"))

    with TestCase.captureOnCommitCallbacks(execute=True):
        superuser.post(
            reverse("admin:accounts_user_changelist"),
            {"action": "erase", "_selected_action": [person.pk]},
        )

    assert User.objects.get(pk=person.pk).name == f"Former applicant {person.pk}"
    assert tables_quoting(name, "applicant@example.org") == []
    adviser = Client()
    adviser.force_login(User.objects.get(email="adviser@example.org"))
    answers = {page: adviser.get(page).status_code for page in pages}
    assert answers == dict.fromkeys(pages, 200)

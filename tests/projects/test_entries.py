import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from projects.models import EvidenceLink, ProgressEntry, ProgressEntryRevision
from tests.projects.data import entry_data

pytestmark = pytest.mark.django_db


def add_url(project):
    return reverse("projects:entry_add", args=[project.pk])


def test_fellow_adds_an_entry_with_evidence_links(client, world, project):
    client.force_login(world.owner)

    response = client.post(add_url(project), entry_data())

    entry = ProgressEntry.objects.get()
    assert response["Location"] == reverse("projects:detail", args=[project.pk])
    assert (entry.author, entry.happened_on, entry.rag) == (
        world.owner,
        timezone.localdate(),
        "amber",
    )
    assert [(link.label, link.url) for link in entry.evidence_links.all()] == [
        ("Workshop notes", "https://example.nhs.uk/notes"),
        ("", "https://example.nhs.uk/plan"),
    ]


def test_future_dated_entry_is_refused_and_nothing_saved(client, world, project):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    client.force_login(world.owner)

    response = client.post(add_url(project), entry_data(happened_on=tomorrow.isoformat()))

    assert response.status_code == 200
    assert response.context["form"].errors == {"happened_on": ["The date cannot be in the future"]}
    assert "There is a problem" in response.text
    assert response.context["form"]["happened_on"].value() == tomorrow.isoformat()
    assert not ProgressEntry.objects.exists()


@pytest.mark.parametrize("what_happened", ["", "   \n  "])
def test_empty_entry_is_refused_and_nothing_saved(client, world, project, what_happened):
    client.force_login(world.owner)

    response = client.post(add_url(project), entry_data(what_happened=what_happened, rag=""))

    assert response.context["form"].errors == {
        "what_happened": ["Describe what happened"],
        "rag": ["Choose green, amber or red"],
    }
    assert not ProgressEntry.objects.exists()


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(1)",
        "Notes ftp://files.example.nhs.uk/notes",
        "mailto:someone@nhs.net",
        "example.nhs.uk/no-scheme",
        "https://",
    ],
)
def test_evidence_link_that_is_not_http_is_refused_and_nothing_saved(client, world, project, link):
    client.force_login(world.owner)

    response = client.post(
        add_url(project), entry_data(evidence=f"https://example.nhs.uk/ok\n{link}")
    )

    assert response.context["form"].errors == {
        "evidence": ["Evidence link on line 2 must start with http:// or https://"]
    }
    assert not ProgressEntry.objects.exists()
    assert not EvidenceLink.objects.exists()


def test_nonsense_date_is_refused(client, world, project):
    client.force_login(world.owner)

    response = client.post(add_url(project), entry_data(happened_on="31/02/2026"))

    assert response.context["form"].errors == {
        "happened_on": ["Enter the date as a real date, for example 17/03/2026"]
    }
    assert not ProgressEntry.objects.exists()


def test_an_entry_dated_before_pioneer_existed_is_refused(client, world, project):
    client.force_login(world.owner)

    response = client.post(add_url(project), entry_data(happened_on="0001-01-01"))

    assert response.context["form"].errors == {
        "happened_on": ["Enter a date on or after 1 January 2000"]
    }
    assert not ProgressEntry.objects.exists()


def test_quick_add_from_the_home_page_comes_back_home(client, world, project):
    client.force_login(world.owner)
    home = client.get(reverse("home"))

    response = client.post(add_url(project), entry_data(next="/"), follow=True)

    assert f'action="{add_url(project)}"' in home.text
    assert home.context["entry_form"]["happened_on"].value() == timezone.localdate()
    assert response.redirect_chain == [("/", 302)]
    assert "Progress entry added" in response.text
    assert ProgressEntry.objects.count() == 1


def test_quick_add_with_a_mistake_shows_the_errors_and_keeps_the_way_home(client, world, project):
    client.force_login(world.owner)

    response = client.post(add_url(project), entry_data(next="/", what_happened=""))

    assert response.status_code == 200
    assert response.context["next"] == "/"
    assert '<input type="hidden" name="next" value="/">' in response.text
    assert response.context["form"].errors == {"what_happened": ["Describe what happened"]}


def test_next_pointing_at_another_site_is_ignored(client, world, project):
    client.force_login(world.owner)

    response = client.post(add_url(project), entry_data(next="https://evil.example.com/"))

    assert response["Location"] == reverse("projects:detail", args=[project.pk])


def test_author_edits_within_seven_days_and_the_history_keeps_what_it_said(client, world, project):
    client.force_login(world.owner)
    client.post(add_url(project), entry_data(what_happened="First draft", rag="green"))
    entry = ProgressEntry.objects.get()

    with time_machine.travel(timezone.now() + datetime.timedelta(days=6, hours=23)):
        response = client.post(
            reverse("projects:entry_edit", args=[entry.pk]),
            entry_data(what_happened="Corrected", rag="red", evidence=""),
        )

    entry.refresh_from_db()
    revision = ProgressEntryRevision.objects.get()
    assert response["Location"] == reverse("projects:entry", args=[entry.pk])
    assert (entry.what_happened, entry.rag, entry.evidence_links.count()) == ("Corrected", "red", 0)
    assert (revision.edited_by, revision.what_happened, revision.rag) == (
        world.owner,
        "First draft",
        "green",
    )
    assert revision.evidence == [
        {"url": "https://example.nhs.uk/notes", "label": "Workshop notes"},
        {"url": "https://example.nhs.uk/plan", "label": ""},
    ]
    page = client.get(reverse("projects:entry", args=[entry.pk]))
    assert "First draft" in page.text
    assert "changed 1 time" in page.text


def test_saving_an_entry_unchanged_keeps_no_revision(client, world, project):
    client.force_login(world.owner)
    client.post(add_url(project), entry_data())
    entry = ProgressEntry.objects.get()

    client.post(reverse("projects:entry_edit", args=[entry.pk]), entry_data())

    assert not ProgressEntryRevision.objects.exists()


def test_editing_after_seven_days_is_refused_with_a_clear_message(client, world, project):
    client.force_login(world.owner)
    client.post(add_url(project), entry_data(what_happened="As written"))
    entry = ProgressEntry.objects.get()
    url = reverse("projects:entry_edit", args=[entry.pk])

    with time_machine.travel(timezone.now() + datetime.timedelta(days=7, minutes=1)):
        page = client.get(url)
        response = client.post(url, entry_data(what_happened="Rewritten history"))

    entry.refresh_from_db()
    assert (page.status_code, response.status_code) == (403, 403)
    assert "can be changed for 7 days after they are written" in response.text
    assert entry.what_happened == "As written"
    assert not ProgressEntryRevision.objects.exists()


def test_entry_page_offers_the_change_link_only_inside_the_window(client, world, project):
    client.force_login(world.owner)
    client.post(add_url(project), entry_data())
    entry = ProgressEntry.objects.get()
    edit_url = reverse("projects:entry_edit", args=[entry.pk])

    inside = client.get(reverse("projects:entry", args=[entry.pk]))
    with time_machine.travel(timezone.now() + datetime.timedelta(days=8)):
        outside = client.get(reverse("projects:entry", args=[entry.pk]))

    assert edit_url in inside.text
    assert edit_url not in outside.text

"""Whole pages served from the cache (core.cached.page): the next view after any write
shows it, each person gets only their own page, and what belongs to one request (the
CSRF token, flash messages) is never served from it."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.factories import PASSWORD, make_mentor
from accounts.models import Membership, Role
from accounts.services import membership_deactivate
from cohorts.factories import SessionFactory
from cohorts.services.attendance import attendance_record
from evaluation.models import Wave
from evaluation.services.scores import scores_compute
from mentoring.factories import BookingFactory, SlotFactory, days_ahead
from projects.factories import CommentFactory, ProgressEntryFactory, ProjectFactory
from tests.cohorts.test_cohorts import cohort_data
from tests.evaluation.conftest import answered_cohort
from tests.mentoring.conftest import build_mentoring
from tests.page_cache import cached, signed_in, warm
from tests.projects.data import entry_data

pytestmark = pytest.mark.django_db


def test_a_new_progress_entry_shows_at_once_on_the_project_page_board_and_homes(world):
    project = ProjectFactory(cohort=world.cohort, fellow=world.owner)
    owner, adviser = signed_in(world.owner), signed_in(world.adviser)
    pages = {
        owner: [reverse("projects:detail", args=[project.pk]), reverse("home")],
        adviser: [
            reverse("projects:detail", args=[project.pk]),
            reverse("projects:board", args=[world.cohort.pk]),
        ],
    }
    for client, urls in pages.items():
        for url in urls:
            assert "Whiteboards in every ward" not in warm(client, url)

    owner.post(
        reverse("projects:entry_add", args=[project.pk]),
        entry_data(what_happened="Whiteboards in every ward", rag="red"),
    )

    assert "Whiteboards in every ward" in owner.get(pages[owner][0]).text
    assert not cached(owner.get(pages[owner][1]))  # the home's "last entry" line
    assert "Whiteboards in every ward" in adviser.get(pages[adviser][0]).text
    board = adviser.get(pages[adviser][1])
    assert not cached(board)
    assert "Red" in board.text


def test_a_renamed_cohort_shows_at_once_on_its_page(client, world):
    fellow = signed_in(world.fellow)
    url = reverse("cohorts:detail", args=[world.cohort.pk])
    warm(fellow, url)
    client.force_login(world.adviser)

    client.post(
        reverse("cohorts:edit", args=[world.cohort.pk]),
        cohort_data(name="Cohort 2 (the Thames)", starts_on="2026-04-01", ends_on="2027-03-31"),
    )

    assert "Cohort 2 (the Thames)" in fellow.get(url).text


def test_a_slot_booked_by_another_fellow_leaves_the_booking_form_and_lists_at_once(world):
    mentoring = build_mentoring(world)
    owner, other, mentor = signed_in(world.owner), signed_in(world.fellow), signed_in(world.mentor)
    book_url = reverse("mentoring:book", args=[mentoring.slot.pk])
    directory, bookings = reverse("mentoring:directory"), reverse("mentoring:bookings")
    warm(owner, book_url)
    warm(owner, directory)
    assert world.fellow.name not in warm(mentor, bookings).replace("&#x27;", "'")

    booked = other.post(book_url, {"agenda": "Getting clinicians to trust a new sepsis alert."})
    assert booked.status_code == 302

    form_page = owner.get(book_url)
    assert not cached(form_page)
    assert "Confirm booking" not in form_page.text  # the reason it cannot be booked instead
    assert not cached(owner.get(directory))
    assert world.fellow.name in mentor.get(bookings).text.replace("&#x27;", "'")


def test_a_former_fellows_list_of_bookings_follows_their_old_programme(client, world):
    """Their bookings outlast their role there; they are a mentor elsewhere."""
    mentoring = build_mentoring(world)
    slot = SlotFactory(mentor=world.mentor, programme=world.programme, starts_at=days_ahead(-2))
    booking = BookingFactory(slot=slot, fellow=world.owner, cohort=world.cohort)
    make_mentor(world.other_programme, user=world.owner)
    membership_deactivate(membership=Membership.objects.get(user=world.owner, role=Role.FELLOW))
    owner = signed_in(world.owner)
    url = reverse("mentoring:bookings")
    warm(owner, url)
    client.force_login(mentoring.world.mentor)

    recorded = client.post(
        reverse("mentoring:booking_outcome", args=[booking.pk]), {"status": "no_show"}
    )

    assert recorded.status_code == 302
    assert not cached(owner.get(url))


def test_a_mentors_new_profile_shows_at_once_in_the_directory(client, world):
    mentoring = build_mentoring(world)
    fellow = signed_in(world.owner)
    url = reverse("mentoring:directory")
    assert "Head of Digital Nursing" not in warm(fellow, url)
    client.force_login(world.mentor)

    client.post(
        reverse("mentoring:profile_edit", args=[world.programme.pk]),
        {
            "job_title": "Head of Digital Nursing",
            "organisation": "Barts Health NHS Trust",
            "bio": "",
            "expertise": [mentoring.data_theme.pk],
            "monthly_limit": 4,
        },
    )

    assert "Head of Digital Nursing" in fellow.get(url).text


def test_recorded_attendance_shows_at_once_in_the_summary(client, world):
    session = SessionFactory(
        cohort=world.cohort, starts_at=timezone.now() - datetime.timedelta(days=2)
    )
    session.ends_at = session.starts_at + datetime.timedelta(hours=6)
    session.save()
    client.force_login(world.adviser)
    url = reverse("cohorts:attendance_summary", args=[world.cohort.pk])
    warm(client, url)

    attendance_record(
        session=session, recorded_by=world.adviser, statuses={world.owner.pk: "absent"}
    )

    assert not cached(client.get(url))


def test_new_scores_show_at_once_on_a_scorecard(client):
    adviser, cohort = answered_cohort(2)
    membership = Membership.objects.filter(cohort=cohort, role=Role.FELLOW).first()
    client.force_login(adviser)
    url = reverse("evaluation:scorecard", args=[membership.pk])
    before = warm(client, url)

    for wave in cohort.evaluation_waves.all():
        scores_compute(wave=wave)

    after = client.get(url)
    assert not cached(after)
    assert after.text != before


def test_the_calendar_page_shows_the_new_address_after_a_reset(client, world):
    client.force_login(world.owner)
    url = reverse("calendar")
    old_token = world.owner.calendar_token
    assert old_token in client.get(url).text
    assert cached(client.get(url))
    adviser = signed_in(world.adviser)
    cohort_page = reverse("cohorts:detail", args=[world.cohort.pk])
    warm(adviser, cohort_page)

    client.post(reverse("calendar_reset"))

    world.owner.refresh_from_db()
    page = client.get(url).text
    assert old_token not in page
    assert world.owner.calendar_token in page
    assert cached(adviser.get(cohort_page))  # the address shows on no one else's page


def test_the_home_is_rendered_again_when_the_clock_moves_on(client, world):
    now = timezone.now()
    mentoring = build_mentoring(world)
    slot = SlotFactory(
        mentor=world.mentor,
        programme=world.programme,
        starts_at=now + datetime.timedelta(minutes=5),
        ends_at=now + datetime.timedelta(minutes=20),
    )
    BookingFactory(slot=slot, fellow=world.owner, cohort=world.cohort)
    client.force_login(world.owner)
    assert mentoring.profile.user.name.replace("'", "&#x27;") in warm(client, reverse("home"))

    # Within the cache's lifetime, past the session's end and the page's quarter hour.
    with time_machine.travel(now + datetime.timedelta(minutes=31)):
        later = client.get(reverse("home"))

    assert not cached(later)


# What belongs to one person or one request.


def test_each_person_gets_their_own_page(world):
    project = ProjectFactory(cohort=world.cohort, fellow=world.owner)
    url = reverse("projects:detail", args=[project.pk])
    owner, adviser, outsider = (
        signed_in(world.owner),
        signed_in(world.adviser),
        signed_in(world.other_cohort_fellow),
    )
    mine = warm(owner, url)

    theirs = adviser.get(url)

    assert not cached(theirs)  # the adviser's own page, rendered for them
    assert world.adviser.name in theirs.text.replace("&#x27;", "'")
    assert world.adviser.name not in mine.replace("&#x27;", "'")
    assert outsider.get(url).status_code in (403, 404)  # still checked before the cache


def test_a_page_from_the_cache_carries_this_browsers_csrf_token(world):
    project = ProjectFactory(cohort=world.cohort, fellow=world.owner)
    url = reverse("projects:detail", args=[project.pk])
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(world.owner)
    second.force_login(world.owner)
    warm(first, url)

    page = second.get(url)  # the same person's page, stored by the first browser
    assert cached(page)
    token = page.text.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    response = second.post(
        reverse("projects:entry_add", args=[project.pk]),
        entry_data(csrfmiddlewaretoken=token),
    )

    assert response.status_code == 302  # accepted: the token is this browser's
    assert "\x00" not in page.text


def test_a_flash_message_is_shown_not_skipped_by_the_cache(world):
    project = ProjectFactory(cohort=world.cohort, fellow=world.owner)
    url = reverse("projects:detail", args=[project.pk])
    browser = signed_in(world.owner)
    warm(browser, url)
    world.owner.emailaddress_set.create(email=world.owner.email, primary=True, verified=True)
    other = Client()

    # Signing in writes nothing a page shows, and leaves a message for the next page.
    other.post(reverse("account_login"), {"login": world.owner.email, "password": PASSWORD})
    shown = other.get(url)

    assert not cached(shown)
    assert "Successfully signed in" in shown.text
    assert cached(other.get(url))  # once shown, the page comes from the cache again


def test_an_adviser_whose_role_ends_no_longer_gets_the_cached_cohort_page(client, world):
    client.force_login(world.adviser)
    url = reverse("cohorts:detail", args=[world.cohort.pk])
    warm(client, url)

    membership_deactivate(membership=Membership.objects.get(user=world.adviser, role=Role.ADVISER))

    assert client.get(url).status_code in (403, 404)


def test_the_report_page_is_cached_and_moves_with_the_end_wave(client):
    adviser, cohort = answered_cohort(2)
    client.force_login(adviser)
    url = reverse("evaluation:report", args=[cohort.pk])
    warm(client, url)

    wave = cohort.evaluation_waves.get(kind=Wave.Kind.END)
    scores_compute(wave=wave)

    assert not cached(client.get(url))


def test_comments_marked_read_show_as_read_at_once(world):
    project = ProjectFactory(cohort=world.cohort, fellow=world.owner)
    CommentFactory(entry=ProgressEntryFactory(project=project), author=world.adviser)
    owner = signed_in(world.owner)
    home = reverse("home")
    warm(owner, home)

    owner.get(reverse("projects:detail", args=[project.pk]))  # shows the comment: read

    assert not cached(owner.get(home))

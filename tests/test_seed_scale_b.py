"""The mentoring and evaluation scale seeders make data a user could have made.

Scale 0.3 rather than smaller: it is the least at which the people stage makes two
programmes (so booking across programmes can be checked) and completed cohorts (so
their four waves can be).
"""

import pytest
from django.db.models import Count, Exists, F, OuterRef
from django.urls import reverse
from django.utils import timezone

from accounts.models import Cohort, Membership, Role, User
from evaluation.models import Answer, Score, Wave
from evaluation.services import scores as services
from evaluation.services.frameworks import default_framework_ensure
from mentoring.models import Booking, MentorProfile, Slot
from seeding.management.commands.seed_scale import Command
from seeding.scale import accounts as accounts_scale
from seeding.scale import evaluation as evaluation_scale
from seeding.scale import mentoring as mentoring_scale

SCALE = 0.3


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        ctx = accounts_scale.ScaleContext(scale=SCALE)
        for seed in (accounts_scale.seed, mentoring_scale.seed, evaluation_scale.seed):
            seed(ctx)
        yield ctx
        Command().empty_tables()
        # Put back what the migrations made: tests of other modules rely on it.
        default_framework_ensure()


# One process of a parallel run takes the whole module, so it seeds once.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("test_seed_scale_b")]


def test_bookings_reach_the_scale_and_favour_running_cohorts(seeded):
    assert Booking.objects.count() == seeded.n(50_000)
    running = Booking.objects.filter(cohort__status=Cohort.Status.RUNNING).count()
    assert running > Booking.objects.count() / 2


def test_no_slot_is_booked_twice(seeded):
    twice = (
        Booking.objects.filter(status__in=Booking.ACTIVE)
        .values("slot")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    assert not twice.exists()


def _overlaps(rows) -> int:
    """How many (owner, start, end) rows, sorted, start before the previous one of the
    same owner ends."""
    clashes, last = 0, None
    for owner, starts_at, ends_at in sorted(rows):
        if last and last[0] == owner and starts_at < last[1]:
            clashes += 1
        last = (owner, max(ends_at, last[1]) if last and last[0] == owner else ends_at)
    return clashes


def test_no_fellow_is_in_two_sessions_at_once(seeded):
    active = Booking.objects.filter(status__in=Booking.ACTIVE)
    assert _overlaps(active.values_list("fellow_id", "starts_at", "ends_at")) == 0


def test_no_mentor_offers_overlapping_slots(seeded):
    offered = Slot.objects.filter(cancelled_at__isnull=True)
    assert _overlaps(offered.values_list("mentor_id", "starts_at", "ends_at")) == 0


def test_fellows_book_only_mentors_of_their_programme(seeded):
    mentor_there = Membership.objects.filter(
        user=OuterRef("slot__mentor"), programme=OuterRef("cohort__programme"), role=Role.MENTOR
    )
    assert not Booking.objects.exclude(Exists(mentor_there)).exists()
    assert not Booking.objects.exclude(slot__programme=F("cohort__programme")).exists()


def test_statuses_fit_the_time(seeded):
    now = timezone.now()
    assert not Booking.objects.filter(starts_at__gt=now, status=Booking.Status.HELD).exists()
    assert not Booking.objects.filter(starts_at__lt=now, status=Booking.Status.BOOKED).exists()
    assert Booking.objects.filter(status=Booking.Status.HELD, fellow_rating__isnull=False).exists()
    assert Booking.objects.filter(starts_at__gt=now, status=Booking.Status.BOOKED).exists()


def test_only_given_feedback_is_shared_with_mentors_and_some_is_not(seeded):
    assert not Booking.objects.filter(feedback_shared=True, fellow_rating__isnull=True).exists()
    given = Booking.objects.filter(fellow_rating__isnull=False)
    assert given.filter(feedback_shared=True).exists()
    assert given.filter(feedback_shared=False).exists()


def test_every_mentor_has_a_profile(seeded):
    mentors = sum(len(ids) for ids in seeded.mentors.values())
    assert MentorProfile.objects.count() == mentors


def test_answers_come_to_the_scale(seeded):
    assert Answer.objects.count() == seeded.n(1_000_000)


def test_completed_cohorts_have_four_waves_running_only_opened_ones(seeded):
    completed = Cohort.objects.filter(status=Cohort.Status.COMPLETED).annotate(
        waves=Count("evaluation_waves")
    )
    assert completed.exists()
    assert {cohort.waves for cohort in completed} == {4}
    assert not Wave.objects.filter(
        cohort__status=Cohort.Status.RUNNING, opens_on__gt=timezone.localdate()
    ).exists()


def test_scores_rise_from_baseline_to_end(seeded):
    def mean(kind):
        values = Score.objects.filter(wave__kind=kind, value__isnull=False)
        return sum(values.values_list("value", flat=True)) / values.count()

    assert mean(Wave.Kind.END) > mean(Wave.Kind.BASELINE) + 10


def test_scores_in_bulk_match_the_app_s_own_scoring(seeded):
    wave = (
        Wave.objects.filter(cohort__status=Cohort.Status.COMPLETED, kind=Wave.Kind.END)
        .exclude(cohort=seeded.bench_cohort)
        .first()
    )
    bulk = {
        (s.fellow_id, s.domain_id): (s.value, s.answered, s.expected)
        for s in Score.objects.filter(wave=wave)
    }
    services.scores_compute(wave=wave)
    again = {
        (s.fellow_id, s.domain_id): (s.value, s.answered, s.expected)
        for s in Score.objects.filter(wave=wave)
    }
    assert bulk
    assert bulk == again


def _user(email):
    return User.objects.get(email=email)


def test_pages_render_for_the_scale_people(seeded, client):
    client.force_login(_user(seeded.people["fellow"]))
    assert client.get(reverse("mentoring:directory")).status_code == 200

    client.force_login(_user(seeded.people["mentor"]))
    response = client.get("/")
    assert response.status_code == 200

    client.force_login(_user(seeded.people["adviser"]))
    report = client.get(reverse("evaluation:report", args=[seeded.bench_cohort.pk]))
    assert report.status_code == 200
    completed = Cohort.objects.filter(
        status=Cohort.Status.COMPLETED, programme=seeded.bench_cohort.programme
    ).first()
    assert client.get(reverse("evaluation:report", args=[completed.pk])).status_code == 200


def test_a_fellow_opens_mentors_of_their_programme_only(seeded, client):
    client.force_login(_user(seeded.people["fellow"]))
    programme = seeded.bench_cohort.programme_id
    own = MentorProfile.objects.filter(programme=programme).first()
    other = MentorProfile.objects.exclude(programme=programme).first()
    assert client.get(reverse("mentoring:mentor_detail", args=[own.pk])).status_code == 200
    assert client.get(reverse("mentoring:mentor_detail", args=[other.pk])).status_code == 404

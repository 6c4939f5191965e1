"""`seed_scale` makes a data set shaped like a national deployment, at any scale.

Scale 0.1 is the smallest that has both running and completed cohorts (5 cohorts, 300
fellows, 20,000 progress entries), so the shapes below mean something.
"""

import io
import json
from collections import Counter

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from accounts.models import Cohort, Membership, Role, User
from cohorts.models import Attendance, IntakeInterview, LearningSet, LearningSetMember, Session
from evaluation.services.frameworks import default_framework_ensure
from projects.models import Comment, ProgressEntry, Project
from recruitment.models import (
    Answer,
    Application,
    DecisionRecord,
    Review,
    ReviewAssignment,
    Round,
)
from seeding.scale import recruitment as recruitment_scale

SCALE = 0.1


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """Seed once for the module; tests only read."""
    with django_db_blocker.unblock():
        call_command("seed_scale", scale=SCALE, stdout=io.StringIO())
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)
        # Put back what the migrations made: tests of other modules rely on it.
        default_framework_ensure()


# One process of a parallel run takes the whole module, so it seeds once.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("test_seed_scale")]


def _running_fellows():
    return Membership.objects.filter(role=Role.FELLOW, cohort__status=Cohort.Status.RUNNING)


def test_seed_scale_every_running_fellow_is_in_one_set_of_4_to_8(seeded):
    placed = LearningSetMember.objects.filter(cohort__status=Cohort.Status.RUNNING)
    assert _running_fellows().count() > 0
    assert sorted(placed.values_list("cohort_id", "fellow_id")) == sorted(
        _running_fellows().values_list("cohort_id", "user_id")
    )
    sizes = LearningSet.objects.annotate(n=Count("members")).values_list("n", flat=True)
    assert min(sizes) >= 4
    assert max(sizes) <= 8
    assert not LearningSet.objects.filter(facilitator__isnull=True).exists()


def test_seed_scale_counts_follow_the_scale(seeded):
    # Besides the cohorts that ran, the first programme is recruiting its next one.
    assert Cohort.objects.exclude(status=Cohort.Status.RECRUITING).count() == round(50 * SCALE)
    assert Cohort.objects.filter(status=Cohort.Status.RECRUITING).count() == 1
    assert Membership.objects.filter(role=Role.FELLOW).count() == round(3000 * SCALE)
    assert ProgressEntry.objects.count() == round(200_000 * SCALE)
    fellows = Membership.objects.filter(role=Role.FELLOW).count()
    assert 0.95 * fellows <= Project.objects.count() <= fellows
    assert 0.85 * fellows <= IntakeInterview.objects.count() < fellows


def test_seed_scale_progress_is_mostly_in_running_cohorts(seeded):
    running = ProgressEntry.objects.filter(project__cohort__status=Cohort.Status.RUNNING).count()
    assert Cohort.objects.filter(status=Cohort.Status.COMPLETED).exists()
    assert running >= 0.6 * ProgressEntry.objects.count()
    assert ProgressEntry.objects.filter(rag="red").count() < 0.2 * ProgressEntry.objects.count()
    assert ProgressEntry.objects.filter(happened_on__gt=timezone.localdate()).count() == 0
    advisers = set(
        Membership.objects.filter(role=Role.ADVISER).values_list("programme_id", "user_id")
    )
    commenters = set(
        Comment.objects.values_list("entry__project__cohort__programme_id", "author_id")
    )
    assert commenters
    assert commenters <= advisers


def test_seed_scale_attendance_only_for_past_sessions(seeded):
    now = timezone.now()
    assert Session.objects.filter(ends_at__gte=now).exists()
    assert not Attendance.objects.filter(session__ends_at__gte=now).exists()
    # A past teaching day has a row for every fellow of its cohort, mostly present.
    teaching_day = Session.objects.filter(kind=Session.Kind.TEACHING_DAY, ends_at__lt=now).first()
    rows = Attendance.objects.filter(session=teaching_day)
    fellows = Membership.objects.filter(role=Role.FELLOW, cohort=teaching_day.cohort)
    assert rows.count() == fellows.count()
    assert rows.filter(status=Attendance.Status.PRESENT).count() > 0.7 * rows.count()


def test_seed_scale_bench_cohort_pages_render_for_its_adviser(seeded, client):
    adviser = User.objects.get(email="adviser.00000@scale.example.org")
    programme = adviser.memberships.get(role=Role.ADVISER).programme
    cohort = (
        Cohort.objects.filter(programme=programme, status=Cohort.Status.RUNNING)
        .annotate(fellows=Count("memberships"))
        .order_by("-fellows")
        .first()
    )
    deepest = (
        Project.objects.filter(cohort=cohort).annotate(n=Count("entries")).order_by("-n").first()
    )
    client.force_login(adviser)

    for url in (
        reverse("cohorts:detail", args=[cohort.pk]),
        reverse("projects:board", args=[cohort.pk]),
        reverse("projects:detail", args=[deepest.pk]),
    ):
        assert client.get(url).status_code == 200, url


def test_every_page_make_bench_drives_answers_its_role(seeded, client):
    out = io.StringIO()
    call_command("bench_targets", stdout=out)
    targets = json.loads(out.getvalue())
    people = {role: User.objects.get(email=email) for role, email in targets["people"].items()}
    assert all(user.check_password(targets["password"]) for user in people.values())

    statuses = {}
    for page in targets["pages"]:
        client.force_login(people[page["role"]])
        response = client.get(page["path"])
        statuses[page["name"]] = response.status_code
        if response.streaming:
            b"".join(response.streaming_content)

    assert len(statuses) == 21
    assert {name: code for name, code in statuses.items() if code != 200} == {}


def test_make_bench_drives_a_fellow_who_has_a_project(seeded):
    out = io.StringIO()
    call_command("bench_targets", stdout=out)
    first = json.loads(out.getvalue())["people"]["fellow"]
    # As if they had not started one. What was written on it is PROTECTed, so it goes first.
    project = Project.objects.get(fellow__email=first)
    Comment.objects.filter(entry__project=project).delete()
    project.entries.all().delete()
    project.impact_statements.all().delete()
    project.delete()

    out = io.StringIO()
    call_command("bench_targets", stdout=out)

    targets = json.loads(out.getvalue())
    fellow = targets["people"]["fellow"]
    assert fellow != first
    project_page = next(p for p in targets["pages"] if p["name"] == "project page")
    assert project_page["path"] == f"/projects/{Project.objects.get(fellow__email=fellow).pk}/"


def test_seed_scale_round_gives_every_application_two_reviewers_free_of_conflict(seeded):
    round_ = Round.objects.get(title=recruitment_scale.ROUND_TITLE)
    submitted = Application.objects.filter(round=round_, status="submitted")
    reviewers = Membership.objects.filter(cohort=round_.cohort, role=Role.REVIEWER)
    organisation = dict(reviewers.values_list("user_id", "organisation"))
    stated = dict(
        Answer.objects.filter(
            application__round=round_, question__text="Your organisation"
        ).values_list("application_id", "text")
    )
    pairs = list(ReviewAssignment.objects.values_list("application_id", "reviewer_id"))

    assert Application.objects.filter(round=round_).count() == round(2000 * SCALE)
    assert reviewers.count() == max(3, round(20 * SCALE))
    reviewed = Counter(application_id for application_id, _ in pairs)
    assert reviewed == dict.fromkeys(submitted.values_list("pk", flat=True), 2)
    assert all(organisation[r] != stated[a] for a, r in pairs)
    assert Review.objects.filter(status="submitted").count() > 0.6 * len(pairs)


def test_seed_scale_decisions_each_have_their_record(seeded):
    round_ = Round.objects.get(title=recruitment_scale.ROUND_TITLE)
    decided = Application.objects.filter(round=round_).exclude(decision="")
    records = DecisionRecord.objects.filter(application__round=round_)

    assert decided.count() > 0
    assert sorted(records.values_list("application_id", "decision")) == sorted(
        decided.values_list("pk", "decision")
    )

"""The review pages and the EDI summary run the same number of queries with 3 applications
as with 60 (more than a page of the long lists)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from recruitment.factories import SubmittedApplicationFactory
from recruitment.models import EqualityResponse, Review, ReviewAssignment, Score, SupportRequest
from tests.recruitment.panel import build_panel

pytestmark = pytest.mark.django_db


def grow(panel, count: int) -> None:
    """`count` more applications, each assigned to both reviewers; the first reviewer's
    review submitted with scores, the second's a draft; every other one with support."""
    for n in range(count):
        application = SubmittedApplicationFactory(round=panel.round)
        EqualityResponse.objects.create(
            application=application, sex=("female", "male")[n % 2], region="london"
        )
        if n % 2:
            SupportRequest.objects.create(
                application=application,
                manager_email=f"m{application.pk}@example.org",
                token_hash=f"{application.pk:064d}",
            )
        for reviewer, submitted in ((panel.reviewer, True), (panel.other_reviewer, False)):
            assignment = ReviewAssignment.objects.create(application=application, reviewer=reviewer)
            review = Review.objects.create(
                assignment=assignment,
                status="submitted" if submitted else "draft",
                submitted_at=timezone.now() if submitted else None,
            )
            Score.objects.bulk_create(
                Score(review=review, criterion=criterion, score=1 + (n + i) % 5)
                for i, criterion in enumerate(panel.criteria)
            )


def pages(panel):
    """(URL, who asks, ceiling)."""
    round_ = panel.round
    return [
        (reverse("recruitment:ranking", args=[round_.pk]), "adviser", 11),
        (
            reverse("recruitment:ranking", args=[round_.pk]) + "?flagged=on&sort=spread",
            "adviser",
            11,
        ),
        (reverse("recruitment:assignments", args=[round_.pk]), "adviser", 11),
        (reverse("recruitment:application_reviewers", args=[panel.application.pk]), "adviser", 13),
        (reverse("recruitment:decision", args=[panel.application.pk]), "adviser", 11),
        (reverse("recruitment:my_reviews"), "reviewer", 7),
        (reverse("recruitment:review", args=[panel.assignment.pk]), "reviewer", 9),
        ("/", "reviewer", 10),
        (reverse("recruitment:equality_summary", args=[round_.pk]), "adviser", 16),
    ]


@pytest.mark.parametrize("index", range(9))
def test_review_page_runs_the_same_queries_at_3_and_60_applications(
    client, world, index, django_assert_max_num_queries, django_assert_num_queries
):
    panel = build_panel(world)
    url, role, ceiling = pages(panel)[index]
    client.force_login(getattr(world, role))
    # Each count after a write: new assignments move the reviewer's own stamp, so the
    # page, their roles and navigation are worked out afresh both times.
    grow(panel, 3)
    with django_assert_max_num_queries(ceiling) as small:
        client.get(url)

    grow(panel, 57)

    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200


def test_the_csv_runs_the_same_queries_at_3_and_60_applications(
    client, world, django_assert_max_num_queries, django_assert_num_queries
):
    panel = build_panel(world)
    url = reverse("recruitment:ranking_csv", args=[panel.round.pk])
    grow(panel, 3)
    client.force_login(world.adviser)
    with django_assert_max_num_queries(9) as small:  # 2 record the download (audit)
        b"".join(client.get(url).streaming_content)
    grow(panel, 57)

    with django_assert_num_queries(len(small.captured_queries)):
        body = b"".join(client.get(url).streaming_content)
    assert body.count(b"\n") == 62

"""The adviser's ranking table for a round, on screen and as CSV."""

from itertools import batched

from django.shortcuts import render

from core import cached
from core.changes import round_stamp
from core.csv import csv_response
from core.pagination import page_of
from core.permissions import object_permission_required
from recruitment.forms.decisions import RankingFilterForm
from recruitment.models import Round
from recruitment.selectors import ranking as selectors

ROUNDS = Round.objects.select_related("cohort__programme")
PER_PAGE = 50
CHUNK = 500


@object_permission_required("recruitment.manage_reviews", model=Round, queryset=ROUNDS)
@cached.page(lambda request, round_: round_stamp(round_.pk))
def ranking(request, round_):
    filters = RankingFilterForm(request.GET or None)
    options = filters.options()
    page = page_of(request, selectors.ranking(round_, **options), PER_PAGE)
    means = selectors.reviewer_means(page.object_list)
    for application in page.object_list:
        application.reviewer_means = means.get(application.pk, [])
    return render(
        request,
        "recruitment/review/ranking.html",
        {
            "round": round_,
            "page": page,
            "filters": filters,
            "sort": options["sort"],
            "spread": selectors.SPREAD,
            "offset": page.start_index() - 1,
        },
    )


@object_permission_required("recruitment.manage_reviews", model=Round, queryset=ROUNDS)
def ranking_csv(request, round_):
    options = RankingFilterForm(request.GET or None).options()
    applications = selectors.ranking(round_, **options)
    header = [
        "Rank",
        "Reference",
        "Applicant",
        "Weighted mean",
        "Reviews done",
        "Reviewers assigned",
        "Flagged for spread",
        "Line manager's support",
        "Decision",
        "Each reviewer",
    ]

    def each_reviewer(means) -> str:
        return "; ".join(
            f"{m.reviewer}: {m.mean:.2f}"
            if m.submitted and m.mean is not None
            else f"{m.reviewer}: not submitted"
            for m in means
        )

    def ranked():
        # Each reviewer's mean comes a chunk at a time: two queries per 500 applications.
        for chunk in batched(applications.iterator(chunk_size=CHUNK), CHUNK):
            means = selectors.reviewer_means(chunk)
            for application in chunk:
                yield application, means.get(application.pk, [])

    def rows():
        for rank, (application, means) in enumerate(ranked(), start=1):
            yield [
                rank,
                application.reference,
                application.applicant.name,
                application.weighted_mean,
                application.reviews_done,
                application.assigned,
                "yes" if application.flagged else "no",
                application.support_status or "not requested",
                application.get_decision_display() if application.decision else "",
                each_reviewer(means),
            ]

    return csv_response(
        f"{round_.title} ranking",
        header,
        rows(),
        about=round_,
        people=round_.applications.values("applicant_id"),
    )

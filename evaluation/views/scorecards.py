"""Scorecards: how scores are worked out, a fellow's scorecard, and one score's evidence."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from accounts.models import Membership
from core import cached
from core.changes import stamp
from core.permissions import object_permission_required
from evaluation import charts, evidence
from evaluation.models import Score
from evaluation.reliability import MIN_COMPLETE
from evaluation.scoring import MIN_SHARE_ANSWERED
from evaluation.selectors import scorecards as selectors
from evaluation.selectors.scorecards import FELLOWSHIPS
from evaluation.stats import RELIABILITY, RELIABLE_CHANGE_Z

# Anyone signed in.


@require_safe
@login_required
def how_scores_work(request):
    return render(
        request,
        "evaluation/how_scores_work.html",
        {
            "measures": evidence.MEASURES.values(),
            "min_share": int(MIN_SHARE_ANSWERED * 100),
            "reliability": RELIABILITY,
            "min_complete": MIN_COMPLETE,
            "reliable_z": RELIABLE_CHANGE_Z,
        },
    )


# Fellows.


@require_safe
@login_required
def my_scorecard(request):
    membership = selectors.fellowships_of(request.user).first()
    if membership is None:
        raise Http404("You are not a fellow of a cohort.")
    return redirect("evaluation:scorecard", membership.pk)


@require_safe
@object_permission_required("evaluation.view_scorecard", model=Membership, queryset=FELLOWSHIPS)
@cached.page(
    lambda request, membership: stamp(
        programme=membership.cohort.programme_id, cohort=membership.cohort_id
    )
)
def scorecard(request, membership):
    waves, rows = selectors.scorecard(membership)
    axes = [row for row in rows if not row.is_outcome]
    series = []
    for index, wave in enumerate(waves):
        values = [
            row.cells[index][1].value if row.cells[index][1] is not None else None for row in axes
        ]
        if any(value is not None for value in values):
            series.append((wave.get_kind_display(), f"pioneer-wave--{wave.kind}", values))
    radar = charts.radar([row.name for row in axes], series) if len(axes) >= 3 else None
    return render(
        request,
        "evaluation/scorecard.html",
        {
            "membership": membership,
            "fellow": membership.user,
            "cohort": membership.cohort,
            "waves": waves,
            "rows": rows,
            "radar": radar,
            "is_own": membership.user_id == request.user.pk,
        },
    )


@require_safe
@object_permission_required(
    "evaluation.view_score",
    model=Score,
    queryset=Score.objects.select_related("wave__cohort__programme", "domain", "fellow"),
)
def score_detail(request, score):
    membership = selectors.fellowship_of(score.fellow_id, score.wave.cohort_id)
    return render(
        request,
        "evaluation/score_detail.html",
        {
            "score": score,
            "wave": score.wave,
            "membership": membership,
            "items": score.evidence,
            "min_share": int(MIN_SHARE_ANSWERED * 100),
        },
    )

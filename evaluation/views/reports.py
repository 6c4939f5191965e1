"""The cohort report for advisers, beside another cohort's if asked, and its CSV tables."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from accounts.models import Cohort
from accounts.roles import roles_of
from core import cached
from core.changes import programmes_stamp
from core.csv import csv_response, query_csv_response
from core.permissions import object_permission_required
from evaluation import charts, exports, report
from evaluation.forms import CompareForm
from evaluation.reliability import MIN_COMPLETE
from evaluation.selectors.frameworks import DOMAIN_ORDER
from evaluation.selectors.waves import COHORTS, WAVE_ORDER, waves_of
from evaluation.stats import RELIABILITY


def _compare_form(request, cohort):
    others = COHORTS.filter(programme_id__in=roles_of(request.user).adviser_programmes).exclude(
        pk=cohort.pk
    )
    form = CompareForm(request.GET or None, cohorts=others)
    compare = form.cleaned_data["compare"] if form.is_bound and form.is_valid() else None
    return form, compare


def _report_charts(data: report.Report) -> dict:
    kinds = [kind for kind in WAVE_ORDER if any(s.wave_kind == kind for s in data.stats)]
    means = {(s.domain_key, s.wave_kind): s.mean for s in data.stats}
    keys = [key for key in DOMAIN_ORDER if any(s.domain_key == key for s in data.stats)]
    line = charts.line_chart(
        [report.WAVE_LABELS[kind] for kind in kinds],
        [
            (
                report.DOMAIN_LABELS[key],
                f"pioneer-domain--{key}",
                [means.get((key, k)) for k in kinds],
            )
            for key in keys
        ],
    )
    rows = []
    for cohort, change in [(data.cohort, data.change), (data.compare, data.compare_change)]:
        for row in change:
            label = (
                row.domain_label if data.compare is None else f"{row.domain_label}, {cohort.name}"
            )
            css = f"pioneer-domain--{row.domain_key}"
            rows.append((label, css, row.change.mean, row.change.ci_low, row.change.ci_high))
    return {
        "rate_chart": charts.bars(
            [
                (
                    r.wave.get_kind_display(),
                    r.rate,
                    f"{r.rate:.0f}%" if r.rate is not None else "no fellows",
                )
                for r in data.responses
            ]
        )
        if data.responses
        else None,
        "means_chart": line if kinds else None,
        "change_chart": charts.forest(rows) if rows else None,
    }


@require_safe
@object_permission_required("evaluation.manage_cohort", model=Cohort, queryset=COHORTS)
# The comparison list names every cohort of the adviser's programmes.
@cached.page(
    lambda request, cohort: programmes_stamp(
        roles_of(request.user).adviser_programmes | {cohort.programme_id}
    )
)
def cohort_report(request, cohort):
    form, compare = _compare_form(request, cohort)
    data = report.cohort_report(cohort, compare)
    context = {
        "cohort": cohort,
        "report": data,
        "compare_form": form,
        "comparison": _side_by_side(data),
        "min_complete": MIN_COMPLETE,
        "assumed_reliability": RELIABILITY,
        **_report_charts(data),
    }
    return render(request, "evaluation/report.html", context)


def _side_by_side(data: report.Report) -> list:
    """(label, this cohort's stat, the other's) per domain and wave kind; a stat may be None."""
    if data.compare is None:
        return []
    mine = {(s.domain_key, s.wave_kind): s for s in data.stats}
    theirs = {(s.domain_key, s.wave_kind): s for s in data.compare_stats}
    keys = sorted(
        mine.keys() | theirs.keys(),
        key=lambda k: (DOMAIN_ORDER.index(k[0]), WAVE_ORDER.index(k[1])),
    )
    return [
        (
            f"{report.DOMAIN_LABELS[key]}, {report.WAVE_LABELS[kind].lower()}",
            mine.get((key, kind)),
            theirs.get((key, kind)),
        )
        for key, kind in keys
    ]


# Tables of response rates need only those; the others the report's statistics.
RESPONSE_TABLES = {
    "responses": exports.responses_table,
    "not-answered": exports.not_answered_table,
}
REPORT_TABLES = {
    "domains": exports.domains_table,
    "change": exports.change_table,
}


@require_safe
@object_permission_required("evaluation.manage_cohort", model=Cohort, queryset=COHORTS)
def report_csv(request, cohort, table):
    if table == "answers":
        sql, params = report.named_answers(cohort)
        name = f"{cohort.name} {table}"
        return query_csv_response(name, exports.ANSWERS_HEADER, sql, params, about=cohort)
    if table == "scores":
        header, rows = exports.scores_table(report.named_scores(cohort))
    elif table in RESPONSE_TABLES:
        responses = report.response_rates(cohort, list(waves_of(cohort)))
        header, rows = RESPONSE_TABLES[table](responses)
    elif table in REPORT_TABLES:
        _, compare = _compare_form(request, cohort)
        header, rows = REPORT_TABLES[table](report.cohort_report(cohort, compare))
    else:
        raise Http404("No such table")
    return csv_response(f"{cohort.name} {table}", header, rows, about=cohort)

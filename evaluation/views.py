"""Evaluation pages: fellows answer waves and see their scorecard; advisers run waves,
rate fellows, read the cohort report and the network, and edit frameworks."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from accounts.models import Cohort, Membership, Role
from accounts.roles import roles_of
from accounts.selectors import programmes_advised_by
from core.csv import csv_response
from core.forms import show_errors
from core.mail import enqueue
from core.permissions import object_permission_required, permission_required
from evaluation import charts, evidence, exports, report, selectors, services, tasks
from evaluation.forms import (
    AnswerForm,
    CompareForm,
    FrameworkCopyForm,
    IndicatorForm,
    NewIndicatorForm,
    RatingForm,
    WaveDatesForm,
    WaveForm,
)
from evaluation.models import Domain, Framework, Indicator, Score, Wave
from evaluation.scoring import MIN_SHARE_ANSWERED
from evaluation.stats import RELIABILITY, RELIABLE_CHANGE_Z

COHORTS = Cohort.objects.select_related("programme")
WAVES = Wave.objects.select_related("cohort__programme", "framework")
FELLOWSHIPS = Membership.objects.filter(role=Role.FELLOW).select_related(
    "user", "cohort__programme"
)


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


@object_permission_required(
    "evaluation.answer_wave", visible="evaluation.see_wave", model=Wave, queryset=WAVES
)
def answer(request, wave):
    reason = wave.closed_reason()
    if reason:  # nothing is saved; the page says why
        return render(
            request,
            "evaluation/wave_closed.html",
            {"wave": wave, "reason": reason, "attempted": request.method == "POST"},
        )
    domains = selectors.wave_domains(wave)
    response = selectors.own_response(wave, request.user)
    initial = {}
    if response is not None:
        initial = {f"item_{a.indicator_id}": a.value for a in response.answers.all()}
        initial |= {f"start_{b.domain_id}": b.value for b in response.looking_back.all()}
    form = AnswerForm(request.POST or None, domains=domains, wave=wave, initial=initial)
    submitted = response is not None and response.submitted_at is not None
    if request.method == "POST" and form.is_valid():
        submit = submitted or request.POST.get("action") == "submit"
        try:
            services.response_save(
                wave=wave,
                fellow=request.user,
                answers=form.answers(),
                looking_back=form.looking_back(),
                submit=submit,
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            if submitted:
                messages.success(request, "Your changes are saved and your scores updated")
            elif submit:
                messages.success(request, "Thank you: your answers are submitted")
            else:
                messages.success(
                    request, "Your answers are saved as a draft; submit them before the wave closes"
                )
            return redirect("evaluation:answer", wave.pk)
    return render(
        request,
        "evaluation/answer.html",
        {"wave": wave, "form": form, "response": response, "submitted": submitted},
    )


@require_safe
@object_permission_required("evaluation.view_scorecard", model=Membership, queryset=FELLOWSHIPS)
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


# Advisers: cohorts and waves.


@require_safe
@permission_required("evaluation.view_evaluation")
def index(request):
    return render(
        request,
        "evaluation/index.html",
        {"cohorts": selectors.cohorts_for_evaluation(request.user), "today": timezone.localdate()},
    )


@object_permission_required("evaluation.manage_cohort", model=Cohort, queryset=COHORTS)
def wave_new(request, cohort):
    frameworks = selectors.frameworks_for_cohort(cohort)
    form = WaveForm(request.POST or None, cohort=cohort, frameworks=frameworks)
    if request.method == "POST" and form.is_valid():
        try:
            wave = services.wave_create(cohort=cohort, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(
                request,
                f"{wave.get_kind_display()} wave added. Fellows are invited by email when it opens",
            )
            return redirect("evaluation:wave", wave.pk)
    return render(request, "evaluation/wave_form.html", {"cohort": cohort, "form": form})


@require_safe
@object_permission_required("evaluation.manage_wave", model=Wave, queryset=WAVES)
def wave_detail(request, wave):
    fellows = list(selectors.wave_fellows(wave))
    return render(
        request,
        "evaluation/wave_detail.html",
        {
            "wave": wave,
            "cohort": wave.cohort,
            "fellows": fellows,
            "answered": sum(1 for f in fellows if f.submitted_at),
            "rated_count": selectors.rated_indicators(wave).count(),
        },
    )


@object_permission_required("evaluation.manage_wave", model=Wave, queryset=WAVES)
def wave_edit(request, wave):
    initial = {"opens_on": wave.opens_on, "closes_on": wave.closes_on}
    form = WaveDatesForm(request.POST or None, initial=initial, cohort=wave.cohort)
    if request.method == "POST" and form.is_valid():
        try:
            services.wave_update(wave=wave, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Dates changed")
            return redirect("evaluation:wave", wave.pk)
    return render(
        request, "evaluation/wave_form.html", {"cohort": wave.cohort, "wave": wave, "form": form}
    )


@require_POST
@object_permission_required("evaluation.manage_wave", model=Wave, queryset=WAVES)
def wave_recompute(request, wave):
    enqueue(tasks.recompute_wave_scores, wave.pk)
    messages.success(
        request, "The wave's scores are being worked out again from the latest records"
    )
    return redirect("evaluation:wave", wave.pk)


@object_permission_required("evaluation.manage_wave", model=Wave, queryset=WAVES)
def wave_ratings(request, wave, fellow_id):
    membership = get_object_or_404(
        FELLOWSHIPS, cohort_id=wave.cohort_id, user_id=fellow_id, is_active=True
    )
    indicators = list(selectors.rated_indicators(wave))
    initial = {f"rating_{pk}": value for pk, value in selectors.ratings_of(wave, fellow_id).items()}
    form = RatingForm(request.POST or None, indicators=indicators, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.ratings_save(
                wave=wave, fellow=membership.user, ratings=form.ratings(), rated_by=request.user
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"Ratings for {membership.user.name} saved")
            return redirect("evaluation:wave", wave.pk)
    return render(
        request,
        "evaluation/ratings.html",
        {"wave": wave, "membership": membership, "form": form, "indicators": indicators},
    )


# Advisers: the cohort report, its exports and the network.


def _compare_form(request, cohort):
    others = COHORTS.filter(programme_id__in=roles_of(request.user).adviser_programmes).exclude(
        pk=cohort.pk
    )
    form = CompareForm(request.GET or None, cohorts=others)
    compare = form.cleaned_data["compare"] if form.is_bound and form.is_valid() else None
    return form, compare


def _report_charts(data: report.Report) -> dict:
    kinds = [kind for kind in selectors.WAVE_ORDER if any(s.wave_kind == kind for s in data.stats)]
    means = {(s.domain_key, s.wave_kind): s.mean for s in data.stats}
    keys = [key for key in selectors.DOMAIN_ORDER if any(s.domain_key == key for s in data.stats)]
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
def cohort_report(request, cohort):
    form, compare = _compare_form(request, cohort)
    data = report.cohort_report(cohort, compare)
    return render(
        request,
        "evaluation/report.html",
        {
            "cohort": cohort,
            "report": data,
            "compare_form": form,
            "comparison": _side_by_side(data),
            **_report_charts(data),
        },
    )


def _side_by_side(data: report.Report) -> list:
    """(label, this cohort's stat, the other's) per domain and wave kind; a stat may be None."""
    if data.compare is None:
        return []
    mine = {(s.domain_key, s.wave_kind): s for s in data.stats}
    theirs = {(s.domain_key, s.wave_kind): s for s in data.compare_stats}
    keys = sorted(
        mine.keys() | theirs.keys(),
        key=lambda k: (selectors.DOMAIN_ORDER.index(k[0]), selectors.WAVE_ORDER.index(k[1])),
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
    if table == "scores":
        header, rows = exports.scores_table(report.named_scores(cohort))
    elif table == "answers":
        header, rows = exports.answers_table(report.named_answers(cohort))
    elif table in RESPONSE_TABLES:
        responses = report.response_rates(cohort, list(selectors.waves_of(cohort)))
        header, rows = RESPONSE_TABLES[table](responses)
    elif table in REPORT_TABLES:
        _, compare = _compare_form(request, cohort)
        header, rows = REPORT_TABLES[table](report.cohort_report(cohort, compare))
    else:
        raise Http404("No such table")
    return csv_response(f"{cohort.name} {table}", header, rows)


@dataclass
class _Network:
    waves: list
    wave: Wave | None
    as_of: datetime.date
    ties: list
    people: dict
    picture: charts.Network
    ties_per_person: Counter


def _network(request, cohort) -> _Network:
    """The cohort's network as of the wave named in ?wave= (default: the latest)."""
    waves = list(selectors.waves_of(cohort))
    wave = waves[-1] if waves else None
    if "wave" in request.GET:
        wave = next((w for w in waves if str(w.pk) == request.GET["wave"]), None)
        if wave is None:
            raise Http404("No such wave in this cohort")
    as_of = wave.evidence_date() if wave else timezone.localdate()
    ties = evidence.cohort_ties(cohort, as_of)
    people = evidence.network_people(cohort, ties)
    return _Network(
        waves,
        wave,
        as_of,
        ties,
        people,
        charts.network(people.values(), ties),
        Counter(p for tie in ties for p in (tie.first, tie.second)),
    )


@require_safe
@object_permission_required("evaluation.manage_cohort", model=Cohort, queryset=COHORTS)
def network(request, cohort):
    found = _network(request, cohort)
    people = found.people
    return render(
        request,
        "evaluation/network.html",
        {
            "cohort": cohort,
            "waves": found.waves,
            "wave": found.wave,
            "as_of": found.as_of,
            "picture": found.picture,
            "nodes": [
                (node, found.ties_per_person.get(node.pk, 0))
                for node in sorted(found.picture.nodes, key=lambda n: n.name)
            ],
            "ties": [
                (people[t.first], people[t.second], t)
                for t in found.ties
                if t.first in people and t.second in people
            ],
            "has_mentors": any(node.role == Role.MENTOR for node in found.picture.nodes),
            "people_csv": _network_csv_url(cohort, "people", found.wave),
            "ties_csv": _network_csv_url(cohort, "ties", found.wave),
        },
    )


def _network_csv_url(cohort, table: str, wave) -> str:
    url = reverse("evaluation:network_csv", args=[cohort.pk, table])
    return f"{url}?wave={wave.pk}" if wave else url


@require_safe
@object_permission_required("evaluation.manage_cohort", model=Cohort, queryset=COHORTS)
def network_csv(request, cohort, table):
    found = _network(request, cohort)
    if table == "people":
        header, rows = exports.network_people_table(found.picture, found.ties_per_person)
    elif table == "ties":
        header, rows = exports.network_ties_table(found.ties, found.people)
    else:
        raise Http404("No such table")
    return csv_response(f"{cohort.name} network {table} {found.as_of}", header, rows)


# Advisers: frameworks.


@require_safe
@permission_required("evaluation.view_evaluation")
def framework_list(request):
    return render(
        request,
        "evaluation/framework_list.html",
        {"frameworks": selectors.frameworks_visible_to(request.user)},
    )


@require_safe
@object_permission_required(
    "evaluation.view_framework",
    model=Framework,
    queryset=Framework.objects.select_related("programme"),
)
def framework_detail(request, framework):
    newest = selectors.newest_version(framework)
    return render(
        request,
        "evaluation/framework_detail.html",
        {
            "framework": framework,
            "domains": selectors.framework_detail(framework),
            "newest": newest,
            "is_newest": newest is None or newest.pk == framework.pk,
            "can_change": request.user.has_perm("evaluation.change_framework", framework),
        },
    )


@object_permission_required(
    "evaluation.view_framework",
    model=Framework,
    queryset=Framework.objects.select_related("programme"),
)
def framework_copy(request, framework):
    programmes = programmes_advised_by(request.user)
    form = FrameworkCopyForm(
        request.POST or None,
        programmes=programmes,
        initial={"name": f"{framework.name} (our version)"},
    )
    if request.method == "POST" and form.is_valid():
        try:
            copy = services.framework_copy(framework=framework, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"“{copy.name}” is your programme's copy; you can edit it")
            return redirect("evaluation:framework", copy.pk)
    return render(request, "evaluation/framework_copy.html", {"framework": framework, "form": form})


def _after_edit(request, before: Framework, after_id: int) -> None:
    if after_id != before.pk:
        messages.success(
            request,
            f"Version {before.version} already has answers, so your change made a new "
            f"version. Waves that used version {before.version} keep it.",
        )
    else:
        messages.success(request, "Framework changed")


@object_permission_required(
    "evaluation.change_framework",
    visible="evaluation.view_framework",
    model=Domain,
    queryset=Domain.objects.select_related("framework"),
)
def indicator_new(request, domain):
    form = NewIndicatorForm(request.POST or None, initial={"weight": 1})
    if request.method == "POST" and form.is_valid():
        try:
            indicator = services.indicator_create(domain=domain, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            _after_edit(request, domain.framework, indicator.domain.framework_id)
            return redirect("evaluation:framework", indicator.domain.framework_id)
    return render(
        request,
        "evaluation/indicator_form.html",
        {"framework": domain.framework, "domain": domain, "form": form},
    )


INDICATORS = Indicator.objects.select_related("domain__framework")


@object_permission_required(
    "evaluation.change_framework",
    visible="evaluation.view_framework",
    model=Indicator,
    queryset=INDICATORS,
)
def indicator_edit(request, indicator):
    framework = indicator.domain.framework
    initial = {"statement": indicator.statement, "weight": indicator.weight}
    form = IndicatorForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.indicator_update(indicator=indicator, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            _after_edit(request, framework, changed.domain.framework_id)
            return redirect("evaluation:framework", changed.domain.framework_id)
    return render(
        request,
        "evaluation/indicator_form.html",
        {"framework": framework, "domain": indicator.domain, "indicator": indicator, "form": form},
    )


@require_POST
@object_permission_required(
    "evaluation.change_framework",
    visible="evaluation.view_framework",
    model=Indicator,
    queryset=INDICATORS,
)
def indicator_delete(request, indicator):
    framework = indicator.domain.framework
    try:
        changed = services.indicator_delete(indicator=indicator)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("evaluation:framework", framework.pk)
    _after_edit(request, framework, changed.pk)
    return redirect("evaluation:framework", changed.pk)

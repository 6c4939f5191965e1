"""Evaluation at national scale, inserted in bulk for `seed_scale`.

Each scale programme gets its own frozen framework (`evaluation_framework`), sized so
that the fellows' answers come to `ctx.n(1_000_000)`: about 10,000 responses with
answers at scale 1.0 need about 100 statements each.

Completed cohorts have four waves (baseline, midpoint, end, follow-up); running
cohorts the waves that have opened. Most fellows submit; some leave a draft; a few
statements are left blank. Each fellow has a starting level per domain and a rate
of growth, so scores rise from baseline to end and hold at follow-up.

Scores are worked out in bulk by `evaluation_scores`, with empty evidence; the bench
cohort's waves are then scored again by `scores_compute` itself, so its evidence pages
are complete (and the two agree).
"""

import datetime
import math

from django.utils import timezone

from accounts.models import Cohort
from evaluation.defaults import ADVISER, DEFAULT_DOMAINS, SELF
from evaluation.models import AdviserRating, Answer, LookingBack, Response, Wave
from evaluation.services.scores import scores_compute
from seeding.scale.accounts import ScaleContext, insert_rows, reserve_ids
from seeding.scale.evaluation_framework import national_framework
from seeding.scale.evaluation_scores import scores_insert

# How far along the fellowship each wave is (0 = start, 1 = end).
PROGRESS = {
    Wave.Kind.BASELINE: 0.0,
    Wave.Kind.MIDPOINT: 0.55,
    Wave.Kind.END: 1.0,
    Wave.Kind.FOLLOW_UP: 0.9,
}
SUBMIT_RATE = {
    Wave.Kind.BASELINE: 0.94,
    Wave.Kind.MIDPOINT: 0.86,
    Wave.Kind.END: 0.9,
    Wave.Kind.FOLLOW_UP: 0.72,
}
DRAFT_RATE = 0.3  # of those who did not submit, how many left a draft


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _clip(value: float) -> int:
    return 1 if value < 1.5 else 5 if value >= 4.5 else round(value)


def _wave_plan(cohort: Cohort, today: datetime.date) -> list[tuple[str, datetime.date, int]]:
    """(kind, opens on, weeks open) for the waves a cohort has by today."""
    half = (cohort.ends_on - cohort.starts_on) / 2
    week = datetime.timedelta(days=7)
    plan = [
        (Wave.Kind.BASELINE, cohort.starts_on + week, 4),
        (Wave.Kind.MIDPOINT, cohort.starts_on + half, 4),
        (Wave.Kind.END, cohort.ends_on - 3 * week, 5),
        (Wave.Kind.FOLLOW_UP, cohort.ends_on + 13 * week, 4),
    ]
    if cohort.status == Cohort.Status.COMPLETED:
        return plan
    return [step for step in plan if step[1] <= today]


def seed(ctx: ScaleContext) -> None:
    rng = ctx.rng
    today = timezone.localdate()
    now = timezone.now()
    target = ctx.n(1_000_000)

    # Who answers each wave: decided first, so the framework can be sized to the target.
    plans = []  # (cohort, kind, opens_on, closes_on, [(fellow, submitted, drafted)])
    for cohort in ctx.cohorts:
        fellows = ctx.fellows.get(cohort.pk, [])
        for kind, opens_on, weeks in _wave_plan(cohort, today):
            closes_on = opens_on + datetime.timedelta(weeks=weeks)
            is_open = closes_on >= today
            people = []
            for fellow_id in fellows:
                rate = SUBMIT_RATE[kind] * (0.6 if is_open else 1)
                submitted = rng.random() < rate
                drafted = not submitted and rng.random() < DRAFT_RATE
                people.append((fellow_id, submitted, drafted))
            plans.append((cohort, kind, opens_on, closes_on, people))
    full = sum(1 for *_, people in plans for _, s, _ in people if s)
    drafts = sum(1 for *_, people in plans for _, s, d in people if d)
    # Submitted responses answer ~96% of the statements, drafts about half.
    statements = math.ceil(target / (0.96 * full + 0.5 * drafts))
    per_domain = max(5, math.ceil(statements / len(DEFAULT_DOMAINS)))

    frameworks = {}
    for programme in ctx.programmes:
        frameworks[programme.pk] = national_framework(programme, per_domain)

    waves = [
        Wave(
            cohort=cohort,
            framework=frameworks[cohort.programme_id][0],
            kind=kind,
            opens_on=opens_on,
            closes_on=closes_on,
            invitations_sent_at=_at(opens_on, 8),
        )
        for cohort, kind, opens_on, closes_on, _ in plans
    ]
    waves = Wave.objects.bulk_create(waves)

    # Each fellow's starting level per domain (1 to 5) and growth over the fellowship.
    keys = [key for key, *_ in DEFAULT_DOMAINS]
    traits = {
        fellow_id: ({key: rng.gauss(2.4, 0.45) for key in keys}, rng.gauss(1.1, 0.5))
        for fellow_ids in ctx.fellows.values()
        for fellow_id in fellow_ids
    }

    # How many statements each answering response gets, adding up to the target exactly.
    answering = []  # (wave, fellow, submitted, count)
    for wave, (*_, people) in zip(waves, plans, strict=True):
        for fellow_id, submitted, drafted in people:
            if submitted or drafted:
                answering.append([wave, fellow_id, submitted, 0])
    total_items = per_domain * len(DEFAULT_DOMAINS)
    caps = [total_items if s else total_items // 2 for _, _, s, _ in answering]
    share = target / sum(caps)
    for entry, cap in zip(answering, caps, strict=True):
        entry[3] = min(cap, max(1, round(cap * share)))
    surplus = sum(entry[3] for entry in answering) - target
    pairs = list(zip(answering, caps, strict=True))
    while surplus:
        entry, cap = rng.choice(pairs)
        step = 1 if surplus > 0 else -1
        if 1 <= entry[3] - step <= cap:
            entry[3] -= step
            surplus -= step

    response_ids = reserve_ids(Response, sum(len(p[-1]) for p in plans))
    ids = iter(response_ids)
    response_rows, of = [], {}
    for wave, (*_, people) in zip(waves, plans, strict=True):
        span = max((min(wave.closes_on, today) - wave.opens_on).days, 1)
        for fellow_id, submitted, _drafted in people:
            response_id = next(ids)
            of[(wave.pk, fellow_id)] = response_id
            answered_on = wave.opens_on + datetime.timedelta(days=rng.randrange(span))
            reminded = not submitted and wave.closes_on - datetime.timedelta(days=7) <= today
            invited = _at(wave.opens_on, 8)
            response_rows.append(
                (
                    response_id, wave.pk, fellow_id,
                    _at(answered_on, 19) if submitted else None, invited,
                    _at(wave.closes_on - datetime.timedelta(days=7), 10) if reminded else None,
                    invited, _at(answered_on, 19) if submitted else invited,
                )
            )  # fmt: skip
    insert_rows(
        Response,
        [
            "id",
            "wave_id",
            "fellow_id",
            "submitted_at",
            "invited_at",
            "reminder_sent_at",
            "created",
            "updated",
        ],
        response_rows,
    )

    items_of = {}
    for programme_id, (_, indicators, domains) in frameworks.items():
        by_pk = {d.pk: d.key for d in domains}
        statements_ = [(i.pk, by_pk[i.domain_id]) for i in indicators if i.kind == SELF]
        rated = [(i.pk, by_pk[i.domain_id]) for i in indicators if i.kind == ADVISER]
        # Some statements are a little harder to agree with than others.
        offsets = [rng.gauss(0, 0.3) for _ in statements_]
        items_of[programme_id] = (statements_, offsets, rated, domains)

    def answers():
        for wave, fellow_id, _submitted, count in answering:
            statements_, offsets, _, _ = items_of[wave.cohort.programme_id]
            start, growth = traits[fellow_id]
            progress = PROGRESS[wave.kind] * growth
            response_id = of[(wave.pk, fellow_id)]
            gauss = rng.gauss
            for index in sorted(rng.sample(range(len(statements_)), count)):
                indicator_id, key = statements_[index]
                level = start[key] + progress + offsets[index] + gauss(0, 0.6)
                yield response_id, indicator_id, _clip(level)

    insert_rows(Answer, ["response_id", "indicator_id", "value"], answers())

    looking_back, ratings = [], []
    advisers = ctx.advisers
    for wave, fellow_id, submitted, _ in answering:
        programme_id = wave.cohort.programme_id
        _, _, rated, domains = items_of[programme_id]
        start, growth = traits[fellow_id]
        if wave.asks_looking_back:
            for domain in domains:
                value = _clip(start[domain.key] - 0.3 + rng.gauss(0, 0.5))
                looking_back.append((of[(wave.pk, fellow_id)], domain.pk, value))
        if submitted and not wave.is_open(today) and rng.random() < 0.85:
            adviser = rng.choice(advisers[programme_id])
            rated_at = _at(wave.closes_on + datetime.timedelta(days=rng.randint(1, 14)), 11)
            for indicator_id, key in rated:
                level = start[key] + growth * PROGRESS[wave.kind] + rng.gauss(0, 0.5)
                ratings.append(
                    (wave.pk, fellow_id, indicator_id, _clip(level), adviser, min(rated_at, now))
                )
    insert_rows(LookingBack, ["response_id", "domain_id", "value"], looking_back)
    insert_rows(
        AdviserRating,
        ["wave_id", "fellow_id", "indicator_id", "value", "rated_by_id", "rated_at"],
        ratings,
    )
    scores_insert([w.pk for w in waves], now)
    if ctx.bench_cohort is not None:
        for wave in waves:
            if wave.cohort_id == ctx.bench_cohort.pk:
                scores_compute(wave=wave)

"""Evaluation at national scale, inserted in bulk for `seed_scale`.

Each scale programme gets its own frozen copy of the framework, larger than the
default: the same four domains with statements made from a few stems per domain
(`STEMS` x `TOPICS`) plus the two adviser-rated items. Its size is worked out so
that the fellows' answers come to `ctx.n(1_000_000)`: about 10,000 responses with
answers at scale 1.0 need about 100 statements each. There are no derived items,
so every score follows from answers and ratings alone.

Completed cohorts have four waves (baseline, midpoint, end, follow-up); running
cohorts the waves that have opened. Most fellows submit; some leave a draft; a few
statements are left blank. Each fellow has a starting level per domain and a rate
of growth, so scores rise from baseline to end and hold at follow-up.

Scores: `services.scores_compute` stores every item as evidence in each score, which
at this size would mean ~50,000 scores of ~30 items each (hundreds of megabytes and
minutes). So scores are worked out by one SQL statement with the same rule (weighted
mean of the answered items on 0 to 100, none under 75% answered, worked out and rounded
by `scoring.score_sql`), with empty evidence;
the bench cohort's waves are then scored again by `scores_compute` itself, so its
evidence pages are complete (and the two agree).
"""

import datetime
import math

from django.db import connection
from django.utils import timezone

from accounts.models import Cohort
from evaluation import scoring, services
from evaluation.defaults import ADVISER, DEFAULT_DOMAINS, SELF
from evaluation.models import (
    AdviserRating,
    Answer,
    Domain,
    Framework,
    Indicator,
    LookingBack,
    Response,
    Score,
    Wave,
)
from seeding.scale.accounts import ScaleContext, insert_rows, reserve_ids

FRAMEWORK_NAME = "Skilled, Connected, Inspired (national)"
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
STEMS = {
    "skilled": ["I can", "I am confident that I can", "I know how to", "Colleagues rely on me to"],
    "connected": ["I", "I regularly", "This year I have begun to", "I find it easy to"],
    "inspired": ["I", "I feel able to", "I am motivated to", "I often"],
    "impactful": ["My project has helped to", "My work has", "Our team has", "I can show that we"],
}
TOPICS = {
    "skilled": [
        "explain how a digital change will improve care",
        "use user research to understand a problem before choosing a solution",
        "build a business case and a benefits plan",
        "lead a project through clinical safety sign-off",
        "work through information governance for a new service",
        "judge whether two systems can share data safely",
        "lead a multidisciplinary team through change",
        "plan how to measure what a project changed",
        "choose and manage a supplier",
        "run a small test of change and learn from it",
        "present data so that decision-makers act on it",
        "handle resistance to a change",
        "write a clear brief for designers and developers",
        "estimate the cost and effort of a digital project",
        "judge the risks of using AI in a clinical pathway",
        "bring patients into the design of a service",
        "keep a project going when priorities change",
        "explain technical choices to non-technical colleagues",
        "plan how a pilot will scale",
        "find and use the NHS service standard",
        "spot when a problem does not need a digital answer",
        "run a retrospective that changes how a team works",
        "plan training for staff adopting a new system",
        "read and question a supplier's safety case",
        "prioritise a backlog with clinical colleagues",
        "design a service that works for people who are offline",
        "use population data to target a service",
        "turn feedback from staff into changes to a service",
        "lead a meeting of people who disagree",
        "plan a go-live and the weeks after it",
    ],
    "connected": [
        "know whom to contact across the system when my work needs help",
        "learn from peers in other organisations",
        "share what I learn beyond my own organisation",
        "work with senior decision-makers who support digital change",
        "feel part of a community of digital pioneers",
        "ask other fellows for advice",
        "meet people from social care about shared problems",
        "take part in a regional digital network",
        "introduce colleagues to people who can help them",
        "hear early about work elsewhere that matters to mine",
        "work with my ICS digital team",
        "talk with patients' groups about digital services",
        "collaborate with universities or industry",
        "join national communities of practice",
        "keep in touch with my mentor between sessions",
        "get replies when I contact someone I have not met",
        "bring people from different professions together",
        "share my project openly with other trusts",
        "find out who else has solved a problem like mine",
        "feel I belong among digital leaders",
        "speak at events outside my organisation",
        "mentor someone newer to digital work",
        "work with primary care colleagues on digital change",
        "keep relationships going after a project ends",
        "use my network to unblock a problem",
        "know the people who fund digital work in my region",
        "talk with informatics leaders as a peer",
        "connect with fellows from earlier cohorts",
        "include people who are usually left out of digital work",
        "co-write with colleagues from other organisations",
    ],
    "inspired": [
        "have seen digital change that changed what I think is possible",
        "champion new ways of working in my organisation",
        "picture what good digital care could look like for the people I serve",
        "encourage colleagues to try new approaches",
        "want to keep leading digital change after the fellowship",
        "look for ideas from outside health and care",
        "believe my organisation can change how it works",
        "feel energised by the work of other fellows",
        "set myself ambitious goals for digital care",
        "share stories of what digital change made possible",
        "take considered risks to try something new",
        "see myself as a digital leader",
        "recover quickly when a project meets a setback",
        "talk about the future of care with enthusiasm",
        "seek out new technology and ask what it could do",
        "inspire others to join digital projects",
        "feel proud of what digital teams in the NHS achieve",
        "imagine services designed around patients' lives",
        "make time to learn about new approaches",
        "believe that staff can lead change from the front line",
        "feel hopeful about digital care in my area",
        "bring fresh ideas to meetings",
        "feel confident to challenge how things have always been done",
        "keep going when change is slow",
        "see how my work fits a bigger picture",
        "help colleagues see what is possible",
        "look forward to the next stage of my career",
        "feel the fellowship has widened my horizons",
        "think about problems from patients' point of view",
        "want to help the next cohort of pioneers",
    ],
    "impactful": [
        "make a measurable difference to patients or staff",
        "change a service in ways that will last",
        "be adopted by other teams or organisations",
        "shared results with leaders who can act on them",
        "save staff time that goes back into care",
        "improve access for people who struggled before",
        "reduce waits or delays",
        "improve the safety of a pathway",
        "cut paper or duplicate work",
        "improve the quality of data we rely on",
        "change how decisions are made in my organisation",
        "influence a regional or national plan",
        "secured funding to continue",
        "improve how patients experience a service",
        "reduce health inequalities in a measurable way",
        "been written up so others can learn from it",
        "helped colleagues to lead their own changes",
        "changed a policy or standard operating procedure",
        "shown a return on the money invested",
        "won support from the board",
        "become part of business as usual",
        "improved how teams work together across organisations",
        "been recognised beyond my organisation",
        "built skills in my team that will outlast the project",
        "reduced the environmental cost of a service",
        "helped staff feel more confident with digital tools",
        "changed what patients can do for themselves",
        "informed a business case for wider roll-out",
        "set up a way to keep improving the service",
        "made a service more resilient",
    ],
}


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


def _framework(programme, per_domain: int) -> tuple[Framework, list[Indicator], list[Domain]]:
    framework = Framework.objects.create(
        programme=programme,
        name=FRAMEWORK_NAME,
        parent=services.default_framework_ensure(),
        frozen=True,
    )
    domains, indicators = [], []
    for position, (key, name, description, is_outcome, _items) in enumerate(DEFAULT_DOMAINS):
        domain = Domain(
            framework=framework,
            key=key,
            name=name,
            description=description,
            is_outcome=is_outcome,
            position=position,
        )
        domains.append(domain)
    Domain.objects.bulk_create(domains)
    for domain, (key, *_, items) in zip(domains, DEFAULT_DOMAINS, strict=True):
        statements = [f"{stem} {topic}." for topic in TOPICS[key] for stem in STEMS[key]][
            ::3
        ]  # every third pairing, so neighbouring statements differ in stem and topic
        statements = (statements * 2)[:per_domain]
        for position, statement in enumerate(statements):
            weight = "1.5" if position % 7 == 0 else "1"
            indicators.append(Indicator(domain=domain, statement=statement, weight=weight,
                                        position=position))  # fmt: skip
        for kind, statement, weight, _ in items:
            if kind == Indicator.Kind.ADVISER_RATING:
                indicators.append(Indicator(domain=domain, statement=statement, kind=kind,
                                            weight=weight, position=per_domain))  # fmt: skip
    return framework, Indicator.objects.bulk_create(indicators), domains


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
        frameworks[programme.pk] = _framework(programme, per_domain)

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
                services.scores_compute(wave=wave)


SCORES_SQL = """
INSERT INTO {score} (wave_id, fellow_id, domain_id, value, answered, expected, evidence,
                     computed_at)
SELECT r.wave_id, r.fellow_id, d.id,
       CASE WHEN {whole} * COALESCE(s.answered, 0) >= {part} * e.expected AND s.weight > 0
            THEN {value} END,
       COALESCE(s.answered, 0), e.expected, '[]', %s
FROM {response} r
JOIN {wave} w ON w.id = r.wave_id
JOIN {domain} d ON d.framework_id = w.framework_id
JOIN (SELECT domain_id, COUNT(*) AS expected FROM {indicator} GROUP BY domain_id) e
  ON e.domain_id = d.id
LEFT JOIN (
    SELECT wave_id, fellow_id, domain_id, COUNT(*) AS answered, SUM(weight) AS weight,
           SUM(points) AS points
    FROM (
        SELECT r2.wave_id, r2.fellow_id, i.domain_id, {weight} AS weight,
               {answer_points} AS points
        FROM {answer} a
        JOIN {response} r2 ON r2.id = a.response_id
        JOIN {indicator} i ON i.id = a.indicator_id
        WHERE r2.submitted_at IS NOT NULL AND r2.wave_id IN ({waves})
        UNION ALL
        SELECT ar.wave_id, ar.fellow_id, i.domain_id, {weight}, {rating_points}
        FROM {rating} ar
        JOIN {indicator} i ON i.id = ar.indicator_id
        WHERE ar.wave_id IN ({waves})
    ) items
    GROUP BY wave_id, fellow_id, domain_id
) s ON s.wave_id = r.wave_id AND s.fellow_id = r.fellow_id AND s.domain_id = d.id
WHERE r.submitted_at IS NOT NULL AND r.wave_id IN ({waves})
"""


def _points(value: str) -> str:
    return scoring.item_points_sql(
        value=value, scale_min="i.scale_min", scale_max="i.scale_max", weight="i.weight"
    )


def scores_insert(wave_ids: list[int], now: datetime.datetime) -> None:
    """Every submitted response's score per domain, by the rule in evaluation.scoring, in
    one statement. For frameworks without derived items (every item counts)."""
    if not wave_ids:
        return
    tables = {
        name: connection.ops.quote_name(model._meta.db_table)
        for name, model in [
            ("score", Score), ("response", Response), ("wave", Wave), ("domain", Domain),
            ("indicator", Indicator), ("answer", Answer), ("rating", AdviserRating),
        ]
    }  # fmt: skip
    sql = SCORES_SQL.format(
        waves=", ".join(str(int(pk)) for pk in wave_ids),
        # scoring's rules: no score unless this share of the items is answered, and
        # its own arithmetic and rounding
        part=scoring.MIN_SHARE_ANSWERED.numerator,
        whole=scoring.MIN_SHARE_ANSWERED.denominator,
        value=scoring.score_sql(points="s.points", weights="s.weight"),
        weight=scoring.weight_sql("i.weight"),
        answer_points=_points("a.value"),
        rating_points=_points("ar.value"),
        **tables,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [now])

"""Demo evaluation: the completed cohort answered all four waves, the running cohort its
baseline, and its midpoint is open now. Idempotent: skipped once the waves exist.

Answers come from a seeded random generator, so they are the same on every run:
each fellow has a starting level per domain and a rate of growth, answers vary
around them, a few statements are left blank, a few fellows never answer a wave,
and on average scores improve from baseline to end and hold at follow-up.
"""

import datetime
import random

from django.utils import timezone

from evaluation.models import AdviserRating, Answer, Indicator, LookingBack, Response, Wave
from evaluation.services.frameworks import default_framework_ensure, framework_freeze
from evaluation.services.scores import scores_compute

# How far along the fellowship each wave is (0 = start, 1 = end).
PROGRESS = {
    Wave.Kind.BASELINE: 0.0,
    Wave.Kind.MIDPOINT: 0.55,
    Wave.Kind.END: 1.0,
    Wave.Kind.FOLLOW_UP: 0.9,
}
# Fellows (by position in the cohort) who did not answer a wave.
NON_RESPONDERS = {
    "completed": {
        Wave.Kind.BASELINE: {7, 19},
        Wave.Kind.MIDPOINT: {3, 11, 19, 22},
        Wave.Kind.END: {5, 19, 23},
        Wave.Kind.FOLLOW_UP: {2, 5, 9, 14, 19, 20, 23},
    },
    "running": {Wave.Kind.BASELINE: {13}},
}
# In the open midpoint wave of the running cohort: who has submitted, who has a draft.
# Position 0 is fellow@example.org, who has not submitted yet.
RUNNING_MIDPOINT_SUBMITTED = {1, 2, 4, 5, 8, 9, 12, 15, 17, 18, 21}
RUNNING_MIDPOINT_DRAFTS = {3, 10, 16}


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _clip(value: float, low: int = 1, high: int = 5) -> int:
    return max(low, min(high, round(value)))


def _waves(world, framework, today) -> list[tuple[str, Wave]]:
    completed, running = world.completed, world.running
    half = (completed.ends_on - completed.starts_on) / 2
    week = datetime.timedelta(days=7)
    plan = [
        ("completed", completed, Wave.Kind.BASELINE, completed.starts_on + week, 4),
        ("completed", completed, Wave.Kind.MIDPOINT, completed.starts_on + half, 4),
        ("completed", completed, Wave.Kind.END, completed.ends_on - 3 * week, 5),
        ("completed", completed, Wave.Kind.FOLLOW_UP, completed.ends_on + 13 * week, 4),
        ("running", running, Wave.Kind.BASELINE, running.starts_on + week, 4),
        ("running", running, Wave.Kind.MIDPOINT, today - datetime.timedelta(days=5), 3),
    ]
    waves = []
    for label, cohort, kind, opens_on, weeks in plan:
        closes_on = opens_on + weeks * week
        if label == "completed" or kind == Wave.Kind.BASELINE:
            closes_on = min(closes_on, today - datetime.timedelta(days=3))
            opens_on = min(opens_on, closes_on - 2 * week)
        wave = Wave.objects.create(
            cohort=cohort,
            framework=framework,
            kind=kind,
            opens_on=opens_on,
            closes_on=closes_on,
            invitations_sent_at=_at(opens_on, 8),
        )
        waves.append((label, wave))
    return waves


def seed(world) -> None:
    framework = default_framework_ensure()
    if Wave.objects.filter(cohort__in=world.cohorts).exists():
        return
    today = timezone.localdate()
    rng = random.Random(2019)
    indicators = list(
        Indicator.objects.filter(domain__framework=framework).select_related("domain")
    )
    statements = [i for i in indicators if i.kind == Indicator.Kind.SELF_ASSESSMENT]
    # The demo asks each domain's first two statements looking back too (a then-test).
    then_items = []
    for domain_id in sorted({i.domain_id for i in statements}):
        then_items += [i for i in statements if i.domain_id == domain_id][:2]
    Indicator.objects.filter(pk__in=[i.pk for i in then_items]).update(asks_then=True)
    rated = [i for i in indicators if i.kind == Indicator.Kind.ADVISER_RATING]
    domains = sorted({i.domain for i in indicators}, key=lambda d: d.position)

    # Each fellow's starting level per domain and growth over the fellowship.
    traits = {}
    for cohort in world.cohorts:
        for fellow in world.fellows_of(cohort):
            start = {d.key: rng.gauss(2.4, 0.45) for d in domains}
            traits[fellow.pk] = (start, rng.gauss(1.1, 0.55))

    adviser = world.advisers[0]
    for label, wave in _waves(world, framework, today):
        fellows = world.fellows_of(wave.cohort)
        open_now = wave.is_open(today)
        skip = NON_RESPONDERS.get(label, {}).get(wave.kind, set())
        responses, answered = [], []
        for position, fellow in enumerate(fellows):
            submits = position not in skip
            drafts = False
            if open_now:
                submits = position in RUNNING_MIDPOINT_SUBMITTED
                drafts = position in RUNNING_MIDPOINT_DRAFTS
            span = max((min(wave.closes_on, today) - wave.opens_on).days, 1)
            submitted_on = wave.opens_on + datetime.timedelta(days=rng.randrange(span))
            reminded = not submits and not open_now
            responses.append(
                Response(
                    wave=wave,
                    fellow=fellow,
                    invited_at=_at(wave.opens_on, 8),
                    submitted_at=_at(submitted_on, 19) if submits else None,
                    reminder_sent_at=_at(wave.closes_on - datetime.timedelta(days=7), 10)
                    if reminded
                    else None,
                )
            )
            if submits or drafts:
                answered.append((fellow, submits))
        Response.objects.bulk_create(responses)
        by_fellow = {r.fellow_id: r for r in Response.objects.filter(wave=wave)}
        answers, looking_back, ratings = [], [], []
        progress = PROGRESS[wave.kind]
        for fellow, submitted in answered:
            start, growth = traits[fellow.pk]
            response = by_fellow[fellow.pk]
            skipped_domain = rng.random() < 0.03
            for indicator in statements:
                key = indicator.domain.key
                if skipped_domain and key == "impactful":
                    continue  # left the whole domain blank: no score for it this wave
                if rng.random() < 0.06 or (not submitted and rng.random() < 0.5):
                    continue
                level = start[key] + growth * progress + rng.gauss(0, 0.6)
                answers.append(Answer(response=response, indicator=indicator, value=_clip(level)))
            if wave.asks_looking_back:
                for domain in domains:
                    value = _clip(start[domain.key] - 0.3 + rng.gauss(0, 0.5))
                    looking_back.append(LookingBack(response=response, domain=domain, value=value))
                # Looking back from the end, fellows rate their start a little lower than
                # they did at baseline: the response shift the then-test shows.
                for indicator in then_items:
                    level = start[indicator.domain.key] - 0.4 + rng.gauss(0, 0.5)
                    looking_back.append(
                        LookingBack(
                            response=response,
                            domain=indicator.domain,
                            indicator=indicator,
                            value=_clip(level),
                        )
                    )
            if submitted and not open_now:
                for indicator in rated:
                    if rng.random() < 0.1:
                        continue
                    level = start[indicator.domain.key] + growth * progress + rng.gauss(0, 0.5)
                    ratings.append(
                        AdviserRating(
                            wave=wave,
                            fellow=fellow,
                            indicator=indicator,
                            value=_clip(level),
                            rated_by=adviser,
                        )
                    )
        Answer.objects.bulk_create(answers)
        LookingBack.objects.bulk_create(looking_back)
        AdviserRating.objects.bulk_create(ratings)
        scores_compute(wave=wave)
    framework_freeze(framework=framework)

"""The report's tables as a header and rows, for `core.csv.csv_response` to stream."""

from evaluation.report import DOMAIN_LABELS, WAVE_LABELS, Report, WaveResponses


def responses_table(responses: list[WaveResponses]):
    """Response rates per wave, from `report.response_rates`."""
    header = ["wave", "opens on", "closes on", "fellows", "answered", "response rate %"]
    rows = (
        [
            r.wave.get_kind_display(),
            r.wave.opens_on.isoformat(),
            r.wave.closes_on.isoformat(),
            r.fellows,
            r.answered,
            r.rate,
        ]
        for r in responses
    )
    return header, rows


def not_answered_table(responses: list[WaveResponses]):
    header = ["wave", "fellow", "email", "organisation"]
    rows = (
        [r.wave.get_kind_display(), m.user.name, m.user.email, m.organisation]
        for r in responses
        for m in r.not_answered
    )
    return header, rows


def _stats_rows(cohort, stats):
    return ([cohort.name, s.domain_label, s.wave_label, s.n, s.mean, s.sd, s.median] for s in stats)


def domains_table(report: Report):
    header = ["cohort", "domain", "wave", "fellows scored", "mean", "SD", "median"]
    rows = list(_stats_rows(report.cohort, report.stats))
    if report.compare:
        rows += list(_stats_rows(report.compare, report.compare_stats))
    return header, rows


def _change_rows(cohort, change):
    for row in change:
        c = row.change
        yield [
            cohort.name,
            row.domain_label,
            c.n,
            c.mean,
            c.sd,
            c.ci_low,
            c.ci_high,
            c.d_z,
            row.threshold,
            row.reliability.value,
            "measured" if row.reliability.measured else "assumed",
            row.improved,
            row.declined,
            row.within_noise,
        ]


def change_table(report: Report):
    header = [
        "cohort",
        "domain",
        "fellows with both",
        "mean change",
        "SD of change",
        "95% CI low",
        "95% CI high",
        "d_z",
        "reliable change threshold",
        "reliability",
        "reliability measured or assumed",
        "reliably improved",
        "reliably declined",
        "within noise",
    ]
    rows = list(_change_rows(report.cohort, report.change))
    if report.compare:
        rows += list(_change_rows(report.compare, report.compare_change))
    return header, rows


def scores_table(scores):
    """Named scores, from `report.named_scores` (already in order), streamed."""
    header = ["fellow", "email", "wave", "domain", "score", "items answered", "items expected"]
    rows = (
        [name, email, WAVE_LABELS[kind], DOMAIN_LABELS[key], value, answered, expected]
        for name, email, kind, key, value, answered, expected in scores
    )
    return header, rows


# The columns of `report.answers_query`, whose cells the database writes as the CSV shows them.
ANSWERS_HEADER = ["fellow", "email", "wave", "domain", "statement", "answer", "submitted"]


def network_people_table(picture, ties_per_person):
    header = ["name", "role", "organisation", "ties"]
    rows = (
        [node.name, node.role.title(), node.organisation, ties_per_person.get(node.pk, 0)]
        for node in sorted(picture.nodes, key=lambda n: n.name)
    )
    return header, rows


def network_ties_table(ties, people):
    header = ["person", "organisation", "tied to", "organisation", "through"]
    rows = (
        [
            people[t.first].name,
            people[t.first].organisation,
            people[t.second].name,
            people[t.second].organisation,
            t.via,
        ]
        for t in ties
        if t.first in people and t.second in people
    )
    return header, rows

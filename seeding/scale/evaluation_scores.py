"""Scores at national scale, worked out in bulk for `seed_scale`.

`services.scores.scores_compute` stores every item as evidence in each score, which at
this size would mean ~50,000 scores of ~30 items each (hundreds of megabytes and minutes).
So scores are worked out by one SQL statement, with empty evidence: it gathers each
domain's answered and expected items, and `scoring.score_sql` turns them into the score by
the app's own rule (weighted mean of the answered items on 0 to 100, none under 75%
answered, rounded as the app rounds).
"""

import datetime

from django.db import connection

from evaluation import scoring
from evaluation.models import AdviserRating, Answer, Domain, Indicator, Response, Score, Wave

SCORES_SQL = """
INSERT INTO {score} (wave_id, fellow_id, domain_id, value, answered, expected, evidence,
                     computed_at)
SELECT r.wave_id, r.fellow_id, d.id, {value}, COALESCE(s.answered, 0), e.expected, '[]', %s
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
        value=scoring.score_sql(
            answered="COALESCE(s.answered, 0)",
            expected="e.expected",
            points="s.points",
            weights="s.weight",
        ),
        weight=scoring.weight_sql("i.weight"),
        answer_points=_points("a.value"),
        rating_points=_points("ar.value"),
        **tables,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [now])

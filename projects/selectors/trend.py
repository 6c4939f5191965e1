"""A project's RAG trend: its latest entries as the bars of an SVG chart."""

import datetime
from dataclasses import dataclass

from django.db.models import Count

from core.charts import columns
from projects.models import ProgressEntry, Project, Rag


@dataclass(frozen=True)
class TrendPoint:
    happened_on: datetime.date
    rag: str
    label: str
    x: int
    y: int
    height: int


@dataclass(frozen=True)
class Trend:
    """The RAG status of the latest entries, oldest first, as bars of an SVG chart, and the
    count of each status over all `total` entries."""

    points: list[TrendPoint]
    width: int
    height: int
    counts: dict[str, int]
    total: int

    @property
    def first(self) -> TrendPoint | None:
        return self.points[0] if self.points else None

    @property
    def last(self) -> TrendPoint | None:
        return self.points[-1] if self.points else None


TREND_POINTS = 40  # bars in the chart: beyond that a bar is too thin to read
TREND_BAR = 12
TREND_GAP = 4
TREND_HEIGHT = 48
_TREND_LEVEL = {Rag.GREEN: 1, Rag.AMBER: 2, Rag.RED: 3}


def rag_trend(entries: list[ProgressEntry], counted: dict[str, int]) -> Trend:
    """One bar per entry, taller the more trouble it reports (not only its colour);
    `counted` is the number of entries of each RAG status, `entries` perhaps only the latest.
    """
    ordered = sorted(entries, key=lambda e: (e.happened_on, e.created))
    chart = columns(
        [_TREND_LEVEL[entry.rag] for entry in ordered],
        scale=max(_TREND_LEVEL.values()),
        width=TREND_BAR,
        gap=TREND_GAP,
        height=TREND_HEIGHT,
    )
    points = [
        TrendPoint(
            happened_on=entry.happened_on,
            rag=entry.rag,
            label=entry.get_rag_display(),
            x=column.x,
            y=column.y,
            height=column.height,
        )
        for entry, column in zip(ordered, chart.columns, strict=True)
    ]
    return Trend(
        points=points,
        width=chart.width,
        height=chart.height,
        counts={label: counted.get(rag, 0) for rag, label in Rag.choices},
        total=sum(counted.values()),
    )


def project_trend(project: Project) -> Trend:
    """The project's RAG trend: its latest entries as bars, and counts over them all."""
    latest = project.entries.only("project_id", "happened_on", "created", "rag").order_by(
        "-happened_on", "-created", "-pk"
    )[:TREND_POINTS]
    counted = dict(project.entries.values_list("rag").annotate(n=Count("pk")).order_by())
    return rag_trend(list(latest), counted)

"""Geometry for the server-rendered SVG charts.

Python works out coordinates; templates in templates/evaluation/charts/ draw
them with SVG presentation attributes and classes (no inline style, so the
Content Security Policy holds). Every chart sits beside a table of the same
numbers.
"""

import math
from dataclasses import dataclass, field

from core.charts import Label, Line, Point, rounded, svg_points


@dataclass
class Series:
    label: str
    css: str
    points: list[Point] = field(default_factory=list)
    shape: str = ""  # an SVG points list: a closed polygon (radar) or a polyline


# Radar: one axis per domain, one polygon per wave.


@dataclass
class Radar:
    width: int
    height: float
    top: float  # the viewBox starts here, so a triangle leaves no empty band below it
    rings: list[str]
    ring_labels: list[Label]
    axes: list[Line]
    labels: list[Label]
    series: list[Series]


def radar(axes: list[str], series: list[tuple[str, str, list[float | None]]]) -> Radar:
    """`series` is (label, css class, one value 0 to 100 or None per axis).

    A wave with a missing score is drawn as points only: joining the others
    would suggest a score that does not exist.
    """
    width, height, radius = 460, 400, 140
    cx, cy = width / 2, height / 2
    count = len(axes)

    def at(index: int, value: float) -> Point:
        angle = -math.pi / 2 + 2 * math.pi * index / count
        distance = radius * value / 100
        return Point(
            rounded(cx + distance * math.cos(angle)), rounded(cy + distance * math.sin(angle))
        )

    rings = [svg_points([at(i, level) for i in range(count)]) for level in (25, 50, 75, 100)]
    ring_labels = [
        Label(rounded(cx - 8), rounded(cy - radius * level / 100 + 14), str(level), "end")
        for level in (50, 100)
    ]
    spokes = [Line(cx, cy, at(i, 100).x, at(i, 100).y) for i in range(count)]
    labels = []
    for index, text in enumerate(axes):
        end = at(index, 118)
        anchor = "middle" if abs(end.x - cx) < 10 else ("start" if end.x > cx else "end")
        labels.append(Label(end.x, rounded(end.y + 5), text, anchor))
    drawn = []
    for label, css, values in series:
        points = [at(i, v) for i, v in enumerate(values) if v is not None]
        complete = len(points) == count
        drawn.append(Series(label, css, points, svg_points(points) if complete else ""))
    top = min(label.y for label in labels) - 24
    bottom = max([label.y for label in labels] + [at(i, 100).y for i in range(count)]) + 16
    return Radar(
        width, rounded(bottom - top), rounded(top), rings, ring_labels, spokes, labels, drawn
    )


# Line chart: mean per domain across waves.


@dataclass
class LineChart:
    width: int
    height: int
    grid: list[tuple[Line, Label]]
    x_labels: list[Label]
    series: list[Series]
    plot: Line  # the x axis


def line_chart(x_labels: list[str], series: list[tuple[str, str, list[float | None]]]) -> LineChart:
    width, height = 640, 300
    left, right, top, bottom = 56, 56, 16, 44
    plot_width, plot_height = width - left - right, height - top - bottom
    step = plot_width / max(len(x_labels) - 1, 1)

    def x_at(index: int) -> float:
        return rounded(left + (step * index if len(x_labels) > 1 else plot_width / 2))

    def y_at(value: float) -> float:
        return rounded(top + plot_height * (1 - value / 100))

    grid = [
        (
            Line(left, y_at(level), width - right, y_at(level)),
            Label(left - 8, y_at(level) + 4, str(level), "end"),
        )
        for level in (0, 25, 50, 75, 100)
    ]
    labels = [Label(x_at(i), height - bottom + 22, text) for i, text in enumerate(x_labels)]
    drawn = []
    for label, css, values in series:
        points = [Point(x_at(i), y_at(v)) for i, v in enumerate(values) if v is not None]
        drawn.append(Series(label, css, points, svg_points(points)))
    axis = Line(left, y_at(0), width - right, y_at(0))
    return LineChart(width, height, grid, labels, drawn, axis)


# Forest plot: mean change with its 95% confidence interval.


@dataclass(frozen=True)
class ForestRow:
    label: Label
    css: str
    mean: Point
    interval: Line | None


@dataclass
class Forest:
    width: int
    height: int
    zero: Line
    ticks: list[tuple[Line, Label]]
    rows: list[ForestRow]


def forest(rows: list[tuple[str, str, float | None, float | None, float | None]]) -> Forest:
    """`rows` is (label, css class, mean, low, high) on the 0 to 100 score scale."""
    width, row_height, left, right, top = 640, 34, 220, 24, 12
    height = top + row_height * len(rows) + 36
    reach = max([abs(v) for _, _, *values in rows for v in values if v is not None] + [10.0])
    reach = math.ceil(reach / 10) * 10

    def x_at(value: float) -> float:
        return rounded(left + (width - left - right) * (value + reach) / (2 * reach))

    bottom = top + row_height * len(rows)
    ticks = [
        (Line(x_at(v), top, x_at(v), bottom), Label(x_at(v), bottom + 18, f"{v:+d}" if v else "0"))
        for v in range(-reach, reach + 1, max(reach // 2, 5))
    ]
    drawn = []
    for index, (label, css, mean, low, high) in enumerate(rows):
        y = rounded(top + row_height * index + row_height / 2)
        if mean is None:
            continue
        interval = Line(x_at(low), y, x_at(high), y) if low is not None else None
        drawn.append(
            ForestRow(Label(left - 10, y + 5, label, "end"), css, Point(x_at(mean), y), interval)
        )
    return Forest(width, height, Line(x_at(0), top, x_at(0), bottom), ticks, drawn)


# Horizontal bars: a share out of 100.


@dataclass(frozen=True)
class Bar:
    label: Label
    value_label: Label
    x: float
    y: float
    width: float
    height: float


@dataclass
class Bars:
    width: int
    height: int
    bars: list[Bar]
    axis: Line


def bars(rows: list[tuple[str, float | None, str]]) -> Bars:
    """`rows` is (label, value 0 to 100 or None, text shown after the bar)."""
    width, row_height, left, right, top = 640, 32, 160, 80, 8
    plot = width - left - right
    drawn = []
    for index, (label, value, text) in enumerate(rows):
        y = top + row_height * index
        length = rounded(plot * (value or 0) / 100)
        drawn.append(
            Bar(
                Label(left - 10, y + 19, label, "end"),
                Label(left + length + 6, y + 19, text, "start"),
                left,
                y + 6,
                length,
                row_height - 12,
            )
        )
    height = top + row_height * len(rows) + 8
    return Bars(width, height, drawn, Line(left, top, left, height - 8))


# The network: people on a circle, grouped by organisation, ties as lines.

ORGANISATION_COLOURS = 12


@dataclass(frozen=True)
class Node:
    pk: int
    x: float
    y: float
    name: str
    organisation: str
    role: str
    colour: int
    label: Label

    @property
    def left(self) -> float:  # a mentor is drawn as a 14-unit square centred on the point
        return rounded(self.x - 7)

    @property
    def top(self) -> float:
        return rounded(self.y - 7)


@dataclass
class Network:
    width: int
    height: int
    nodes: list[Node]
    ties: list[tuple[Line, str]]
    organisations: list[tuple[str, int]]


def network(people, ties) -> Network:
    """A deterministic circular layout: people sorted by organisation then name.

    `people` are evaluation.evidence.Person; `ties` evaluation.evidence.Tie.
    Colours cycle through twelve classes; the legend and the table name each one.
    """
    ordered = sorted(people, key=lambda p: (p.organisation or "~", p.name, p.pk))
    organisations = sorted({p.organisation or "Not recorded" for p in ordered})
    colour_of = {name: index % ORGANISATION_COLOURS for index, name in enumerate(organisations)}
    count = max(len(ordered), 1)
    radius = max(150.0, min(420.0, count * 9.0))
    margin = 120  # room for names beside the circle
    size = int(2 * (radius + margin))
    centre = size / 2
    nodes = {}
    for index, person in enumerate(ordered):
        angle = -math.pi / 2 + 2 * math.pi * index / count
        x, y = centre + radius * math.cos(angle), centre + radius * math.sin(angle)
        lx, ly = centre + (radius + 14) * math.cos(angle), centre + (radius + 14) * math.sin(angle)
        anchor = (
            "start" if math.cos(angle) > 0.2 else ("end" if math.cos(angle) < -0.2 else "middle")
        )
        organisation = person.organisation or "Not recorded"
        nodes[person.pk] = Node(
            person.pk,
            rounded(x),
            rounded(y),
            person.name,
            organisation,
            person.role,
            colour_of[organisation],
            Label(rounded(lx), rounded(ly + 4), person.name, anchor),
        )
    lines = [
        (Line(nodes[t.first].x, nodes[t.first].y, nodes[t.second].x, nodes[t.second].y), t.kind)
        for t in ties
        if t.first in nodes and t.second in nodes
    ]
    return Network(
        size,
        size,
        list(nodes.values()),
        lines,
        [(name, colour_of[name]) for name in organisations],
    )

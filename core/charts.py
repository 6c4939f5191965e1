"""Geometry every server-rendered SVG chart shares.

Python works out coordinates; each app's templates draw them with SVG presentation
attributes and classes (no inline style, so the Content Security Policy holds).
"""

from collections.abc import Sequence
from dataclasses import dataclass


def rounded(value: float) -> float:
    """A coordinate to a tenth of a unit: finer than the eye sees, and short markup."""
    return round(value, 1)


@dataclass(frozen=True)
class Point:
    x: float
    y: float


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    anchor: str = "middle"


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float


def svg_points(points: list[Point]) -> str:
    """The `points` attribute of an SVG polygon or polyline."""
    return " ".join(f"{p.x},{p.y}" for p in points)


@dataclass(frozen=True)
class Column:
    x: int
    y: int
    width: int
    height: int


@dataclass(frozen=True)
class Columns:
    columns: list[Column]
    width: int
    height: int


def columns(values: Sequence[int], *, scale: int, width: int, gap: int, height: int) -> Columns:
    """Columns left to right, `width` wide with `gap` between, standing on a baseline
    `height` below the top; each as tall as its value's share of `scale`, in whole units
    (rounded down). The chart is at least one column wide, so an empty one still has a box.
    """
    drawn = []
    for index, value in enumerate(values):
        tall = height * value // scale
        drawn.append(Column(x=index * (width + gap), y=height - tall, width=width, height=tall))
    return Columns(drawn, max(len(drawn) * (width + gap) - gap, width), height)

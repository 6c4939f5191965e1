"""The cohort's network for advisers, as of a wave, and its CSV tables."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from accounts.models import Cohort, Role
from core.csv import csv_response
from core.permissions import object_permission_required
from evaluation import charts, evidence, exports
from evaluation.models import Wave
from evaluation.selectors.waves import COHORTS, waves_of


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
    waves = list(waves_of(cohort))
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
    return csv_response(f"{cohort.name} network {table} {found.as_of}", header, rows, about=cohort)

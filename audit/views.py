"""The trail's pages: a programme's, for its advisers, and "activity on your data"."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from accounts.models import Programme
from audit import selectors
from audit.forms import TrailFilterForm
from core.csv import csv_response
from core.pagination import page_of
from core.permissions import object_permission_required

PER_PAGE = 50
HEADER = ["When (UK time)", "Who", "Action", "What", "About", "Changes", "IP address"]


@require_safe
@object_permission_required("audit.view_programme_trail", model=Programme)
def programme_trail(request, programme):
    filters = TrailFilterForm(request.GET or None)
    page = page_of(request, selectors.programme_events(programme, _filters(filters)), PER_PAGE)
    return render(
        request,
        "audit/programme_trail.html",
        {"programme": programme, "filters": filters, "page": page},
    )


@require_safe
@object_permission_required("audit.view_programme_trail", model=Programme)
def programme_trail_csv(request, programme):
    events = selectors.programme_events(programme, _filters(TrailFilterForm(request.GET or None)))

    def rows():
        # Chunks of 500, each with its people fetched once: memory stays bounded.
        for event in events.iterator(chunk_size=500):
            yield [
                timezone.localtime(event.at).strftime("%Y-%m-%d %H:%M:%S"),
                event.actor_name,
                event.get_action_display(),
                event.object_label or event.kind,
                "; ".join(subject.name for subject in event.subjects.all()),
                "; ".join(event.change_lines),
                event.ip or "",
            ]

    return csv_response(f"{programme.name} audit trail", HEADER, rows(), about=programme)


@require_safe
@login_required
def mine(request):
    page = page_of(request, selectors.events_about(request.user), PER_PAGE)
    return render(request, "audit/mine.html", {"page": page})


def _filters(form: TrailFilterForm) -> selectors.Filters:
    return form.filters() if form.is_bound else selectors.Filters()

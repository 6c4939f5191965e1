"""The personal calendar feed: every app's events for one person, by secret token.

Calendar apps fetch the feed without a session, so the token in the URL is the
only key; the person can reset it, which stops the old URL working.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from accounts.models import User
from accounts.services import calendar_token_reset
from cohorts.selectors import timetable as cohorts
from core import cached
from core.ical import CalendarEvent, build_calendar
from mentoring.selectors import bookings as mentoring
from recruitment.selectors import interviews as recruitment


def events_for(user) -> list[CalendarEvent]:
    """Every app's events for the person, in time order: their sessions and their
    mentoring bookings (as a fellow or as the mentor), and recruitment interviews."""
    events = (
        cohorts.calendar_events_for(user)
        + mentoring.calendar_events_for(user)
        + recruitment.calendar_events_for(user)
    )
    return sorted(events, key=lambda event: (event.start, event.uid))


@never_cache
@require_safe
def calendar_feed(request, token):
    user = User.objects.filter(calendar_token=token, is_active=True).first()
    if user is None:
        raise Http404("No calendar matches this address.")
    document = build_calendar(events_for(user), name=f"Pioneer: {user.name or user.email}")
    response = HttpResponse(document, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="pioneer.ics"'
    return response


def feed_url(request, user) -> str:
    return request.build_absolute_uri(reverse("calendar_feed", args=[user.calendar_token]))


@login_required
@cached.page(lambda request: "")  # the person's own feed address: under their own stamp
def calendar_subscribe(request):
    url = feed_url(request, request.user)
    return render(
        request,
        "calendar/subscribe.html",
        {"feed_url": url, "webcal_url": "webcal://" + url.split("://", 1)[1]},
    )


@login_required
@require_POST
def calendar_reset(request):
    calendar_token_reset(user=request.user)
    messages.success(
        request,
        "Your calendar address has changed. Subscribe again with the new address; "
        "the old one no longer works.",
    )
    return redirect("calendar")

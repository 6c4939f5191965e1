from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from accounts import views as account_views
from fellowship import calendar_feed, people, privacy_notice, views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("privacy-notice/", privacy_notice.privacy_notice, name="privacy_notice"),
    path("calendar/", calendar_feed.calendar_subscribe, name="calendar"),
    path("calendar/reset/", calendar_feed.calendar_reset, name="calendar_reset"),
    # Tokens are URL-safe base64 (secrets.token_urlsafe): anything else is not a feed.
    path("calendar/<slug:token>.ics", calendar_feed.calendar_feed, name="calendar_feed"),
    path(
        "memberships/<int:pk>/remove/", people.membership_deactivate, name="membership_deactivate"
    ),
    # Ahead of allauth's own page at this address, which asks the session store row by row.
    path("accounts/sessions/", account_views.signed_in_sessions, name="usersessions_list"),
    path("accounts/", include("allauth.urls")),
    path("", include("accounts.urls")),
    path("cohorts/", include("cohorts.urls")),
    path("projects/", include("projects.urls")),
    path("mentoring/", include("mentoring.urls")),
    path("evaluation/", include("evaluation.urls")),
    path("recruitment/", include("recruitment.urls")),
    path("audit/", include("audit.urls")),
    path("privacy/", include("privacy.urls")),
    path("admin/", admin.site.urls),
]

if settings.PIONEER_BENCH:
    urlpatterns.append(path("bench/bare/", views.bare, name="bench_bare"))

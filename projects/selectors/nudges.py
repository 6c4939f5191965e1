"""Which fellows are due a reminder to log their progress."""

import datetime

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from accounts.models import Cohort
from accounts.selectors import is_active_fellow
from projects.models import Project
from projects.selectors.projects import ACTIVE_STATUSES, NUDGE_DAYS, last_activity_on


def projects_due_a_nudge(*, now: datetime.datetime) -> QuerySet[Project]:
    """Projects of running cohorts whose active fellow has logged nothing for a fortnight
    and has not been nudged, about this or any other project, in that time."""
    today = timezone.localdate(now)
    interval = datetime.timedelta(days=NUDGE_DAYS)
    nudged_lately = Project.objects.filter(
        fellow=OuterRef("fellow"), last_nudged_at__gt=now - interval
    )
    return (
        Project.objects.filter(
            cohort__status=Cohort.Status.RUNNING,
            status__in=ACTIVE_STATUSES,
        )
        .filter(is_active_fellow())
        .exclude(Exists(nudged_lately))
        .annotate(last_activity_on=last_activity_on())
        .filter(last_activity_on__lte=today - interval)
    )

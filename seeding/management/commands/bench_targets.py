"""The people and pages `make bench` drives, found in the data `seed_scale` made, as JSON."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count
from django.utils import timezone

from accounts.models import Cohort, Membership, Programme, Role
from mentoring.selectors.slots import bookable_slots
from projects.models import Project
from recruitment.models import ReviewAssignment, Round
from seeding.scale import accounts as scale
from seeding.scale import recruitment as recruitment_scale


def first_member(role: str, **where) -> Membership:
    return (
        Membership.objects.filter(role=role, is_active=True, **where)
        .select_related("user")
        .order_by("user_id")
        .first()
    )


class Command(BaseCommand):
    help = "Print the sign-ins and page paths that make bench drives, as JSON."

    def handle(self, *args, **options):
        programme = (
            Programme.objects.filter(name__startswith=scale.PROGRAMME_PREFIX).order_by("pk").first()
        )
        if programme is None:
            raise CommandError("No scale data: run seed_scale first.")
        # The first programme's largest running cohort, as seed_scale chose it.
        cohort = (
            Cohort.objects.filter(programme=programme, status=Cohort.Status.RUNNING)
            .annotate(fellows=Count("memberships", distinct=True))
            .order_by("-fellows", "pk")
            .first()
        )
        adviser = first_member(Role.ADVISER, programme=programme)
        # Its first fellow with a project (a few fellows have not started one).
        with_project = Project.objects.filter(cohort=cohort).values("fellow_id")
        fellow = first_member(Role.FELLOW, cohort=cohort, user_id__in=with_project)
        # The mentor with the most bookings shows the heaviest mentor's home.
        mentor = (
            Membership.objects.filter(role=Role.MENTOR, programme=programme, is_active=True)
            .annotate(booked=Count("user__mentoring_slots__bookings"))
            .order_by("-booked", "user_id")
            .select_related("user")
            .first()
        )
        if fellow is None:
            raise CommandError(f"No fellow of {cohort} has a project: reseed the scale data.")
        project = Project.objects.get(cohort=cohort, fellow=fellow.user)
        slot = bookable_slots(programme, now=timezone.now()).order_by("starts_at").first()
        booking = f"/mentoring/slots/{slot.pk}/book/" if slot else None
        round_ = Round.objects.filter(
            cohort__programme=programme, title=recruitment_scale.ROUND_TITLE
        ).first()
        # The reviewer with the most assignments shows the longest list.
        reviewer = (
            ReviewAssignment.objects.filter(application__round=round_)
            .values("reviewer__email")
            .annotate(n=Count("pk"))
            .order_by("-n", "reviewer__email")
            .values_list("reviewer__email", flat=True)
            .first()
        )
        review = f"/recruitment/rounds/{round_.pk}" if round_ else None
        pages = [
            # The layout with next to nothing in it: the floor under every signed-in page.
            ("signed-in layout only", "fellow", "/calendar/"),
            ("adviser home", "adviser", "/"),
            ("fellow home", "fellow", "/"),
            ("mentor home", "mentor", "/"),
            ("cohort page", "adviser", f"/cohorts/{cohort.pk}/"),
            ("attendance summary", "adviser", f"/cohorts/{cohort.pk}/attendance/"),
            ("project board", "adviser", f"/projects/cohorts/{cohort.pk}/board/"),
            ("project page", "fellow", f"/projects/{project.pk}/"),
            ("mentor directory", "fellow", "/mentoring/mentors/"),
            ("booking a slot (form)", "fellow", booking),
            ("mentor's bookings", "mentor", "/mentoring/bookings/"),
            ("mentoring uptake", "adviser", f"/mentoring/programmes/{programme.pk}/uptake/"),
            ("scorecard", "fellow", f"/evaluation/scorecards/{fellow.pk}/"),
            ("scorecard (adviser)", "adviser", f"/evaluation/scorecards/{fellow.pk}/"),
            ("cohort report", "adviser", f"/evaluation/cohorts/{cohort.pk}/report/"),
            ("report CSV: scores", "adviser", f"/evaluation/cohorts/{cohort.pk}/export/scores.csv"),
            (
                "report CSV: answers",
                "adviser",
                f"/evaluation/cohorts/{cohort.pk}/export/answers.csv",
            ),
            ("ranking table", "adviser", review and f"{review}/ranking/"),
            ("ranking CSV", "adviser", review and f"{review}/ranking.csv"),
            ("reviewer's list", "reviewer", reviewer and "/recruitment/reviews/"),
            ("EDI summary", "adviser", review and f"{review}/equality/"),
        ]
        people = {
            "adviser": adviser.user.email,
            "fellow": fellow.user.email,
            "mentor": mentor.user.email,
        }
        if reviewer:
            people["reviewer"] = reviewer
        targets = {
            "password": scale.PASSWORD,
            "cohort": cohort.pk,
            "people": people,
            "pages": [
                {"name": name, "role": role, "path": path} for name, role, path in pages if path
            ],
        }
        self.stdout.write(json.dumps(targets))

"""Reads the privacy pages, tasks and the retention report share."""

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from accounts.models import Membership, Programme, Role, User
from core.mail import ERASED_DOMAIN
from privacy.models import Erasure, Export
from recruitment.models import Application

WARN_DAYS = 30


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The same date `years` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class Due:
    """A person whose data retention will anonymise, and when."""

    person: User
    last_cohort_ended: datetime.date
    due_on: datetime.date
    programme_ids: frozenset[int]

    def is_overdue(self, today: datetime.date) -> bool:
        return self.due_on <= today


def not_erased(users: QuerySet[User]) -> QuerySet[User]:
    return users.exclude(email__iendswith=f"@{ERASED_DOMAIN}")


def retention_due(
    *, today: datetime.date, programme: Programme | None = None, within: int = WARN_DAYS
) -> list[Due]:
    """People whose every cohort (as a member, or applied to) ended more than its
    programme's retention years ago, by `today + within` days, soonest first. People who
    still hold a programme role (adviser, mentor), staff and people already erased are never
    due. Three queries whatever the size."""
    holding = Membership.objects.filter(cohort__isnull=True, is_active=True).values("user_id")
    people = not_erased(User.objects.filter(is_staff=False, is_superuser=False)).exclude(
        pk__in=holding
    )
    if programme is not None:
        people = people.filter(
            Q(memberships__cohort__programme=programme)
            | Q(applications__round__cohort__programme=programme)
        )
    people = people.values("pk")
    as_members = Membership.objects.filter(cohort__isnull=False, user__in=people).values_list(
        "user_id",
        "cohort__ends_on",
        "cohort__programme_id",
        "cohort__programme__retention_years",
    )
    as_applicants = Application.objects.filter(applicant__in=people).values_list(
        "applicant_id",
        "round__cohort__ends_on",
        "round__cohort__programme_id",
        "round__cohort__programme__retention_years",
    )
    ends: dict[int, tuple[datetime.date, datetime.date]] = {}
    programmes: dict[int, set[int]] = {}
    for rows in (as_members, as_applicants):
        for user_id, ends_on, programme_id, years in rows.order_by().iterator(chunk_size=2000):
            due_on = add_years(ends_on, years)
            ended, latest = ends.get(user_id, (ends_on, due_on))
            ends[user_id] = (max(ended, ends_on), max(latest, due_on))
            programmes.setdefault(user_id, set()).add(programme_id)
    horizon = today + datetime.timedelta(days=within)
    chosen = {pk: value for pk, value in ends.items() if value[1] <= horizon}
    found = User.objects.in_bulk(chosen.keys())
    due = [
        Due(found[pk], ended, due_on, frozenset(programmes[pk]))
        for pk, (ended, due_on) in chosen.items()
        if pk in found
    ]
    return sorted(due, key=lambda item: (item.due_on, item.person.name, item.person.pk))


def exports_of(person: User) -> QuerySet[Export]:
    return Export.objects.filter(person=person)


def open_erasures(programme: Programme) -> QuerySet[Erasure]:
    return Erasure.objects.filter(programme=programme, done_at__isnull=True).select_related(
        "person", "requested_by"
    )


def done_erasures(programme: Programme) -> QuerySet[Erasure]:
    return Erasure.objects.filter(programme=programme, done_at__isnull=False).select_related(
        "requested_by", "confirmed_by"
    )


def erasable_people(programme: Programme) -> QuerySet[User]:
    """People of the programme an adviser may ask to erase: not its advisers, not erased."""
    advisers = Membership.objects.filter(programme=programme, role=Role.ADVISER).values("user_id")
    return (
        not_erased(User.objects.filter(memberships__programme=programme))
        .exclude(pk__in=advisers)
        .exclude(is_superuser=True)
        .distinct()
        .order_by("name", "email")
    )


def belongs_elsewhere(person: User, programme: Programme) -> bool:
    return Membership.objects.filter(user=person).exclude(programme=programme).exists()

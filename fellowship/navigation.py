"""The header navigation, by role. The one place that knows every app's pages."""

from dataclasses import dataclass

from django.urls import reverse

from evaluation.selectors import open_waves_for_fellow
from fellowship.accounts.roles import Roles


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str


def items_for(user, roles: Roles) -> list[NavItem]:
    """Home first, then each role's pages in the order of its daily work."""
    items = [NavItem("Home", reverse("home"))]
    if roles.is_adviser:
        programme_id = min(roles.adviser_programmes)
        items += [
            NavItem("Cohorts", reverse("cohorts:list")),
            NavItem("Projects", reverse("projects:index")),
            NavItem("Mentoring", reverse("mentoring:uptake", args=[programme_id])),
            NavItem("Evaluation", reverse("evaluation:index")),
            NavItem("Programme", reverse("programme_detail", args=[programme_id])),
        ]
    if roles.is_fellow:
        items += [
            NavItem("Timetable", reverse("cohorts:my_timetable")),
            NavItem("My project", reverse("projects:mine")),
            NavItem("Mentors", reverse("mentoring:directory")),
        ]
        wave = open_waves_for_fellow(user).first()
        if wave is not None:
            items.append(NavItem("Self-assessment", reverse("evaluation:answer", args=[wave.pk])))
        items += [
            NavItem("My scorecard", reverse("evaluation:my_scorecard")),
            NavItem("Project gallery", reverse("projects:my_gallery")),
        ]
    if roles.is_mentor:
        items += [
            NavItem("My availability", reverse("mentoring:availability")),
            NavItem("My bookings", reverse("mentoring:bookings")),
        ]
    if roles.is_facilitator:
        items.append(NavItem("Learning sets", reverse("cohorts:my_learning_sets")))
    if roles.programmes:
        items.append(NavItem("Timetable", reverse("cohorts:my_timetable")))
    items.append(NavItem("Your account", reverse("account_email")))
    return _first_of_each(items)


def _first_of_each(items: list[NavItem]) -> list[NavItem]:
    """A person with several roles sees a shared page (the timetable) once."""
    seen: set[str] = set()
    unique = []
    for item in items:
        if item.url not in seen:
            seen.add(item.url)
            unique.append(item)
    return unique

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
    items = [NavItem("Home", reverse("home"))]
    for programme_id in sorted(roles.adviser_programmes):
        items.append(NavItem("Programme", reverse("programme_detail", args=[programme_id])))
        items.append(NavItem("Mentoring", reverse("mentoring:uptake", args=[programme_id])))
        break
    if roles.is_fellow:
        items.append(NavItem("Mentors", reverse("mentoring:directory")))
    if roles.is_mentor:
        items.append(NavItem("My availability", reverse("mentoring:availability")))
        items.append(NavItem("My bookings", reverse("mentoring:bookings")))
    if roles.is_adviser:
        items.append(NavItem("Evaluation", reverse("evaluation:index")))
    if roles.is_fellow:
        wave = open_waves_for_fellow(user).first()
        if wave is not None:
            items.append(NavItem("Self-assessment", reverse("evaluation:answer", args=[wave.pk])))
        items.append(NavItem("My scorecard", reverse("evaluation:my_scorecard")))
    items.append(NavItem("Your account", reverse("account_email")))
    return items

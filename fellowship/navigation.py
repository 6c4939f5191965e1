"""The header navigation, by role. The one place that knows every app's pages."""

from dataclasses import dataclass

from django.urls import reverse

from fellowship.accounts.roles import Roles


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str


def items_for(user, roles: Roles) -> list[NavItem]:
    items = [NavItem("Home", reverse("home"))]
    for programme_id in sorted(roles.adviser_programmes):
        items.append(NavItem("Programme", reverse("programme_detail", args=[programme_id])))
        break
    if roles.is_adviser:
        items.append(NavItem("Cohorts", reverse("cohorts:list")))
    if roles.programmes:
        items.append(NavItem("Timetable", reverse("cohorts:my_timetable")))
    if roles.is_facilitator:
        items.append(NavItem("Learning sets", reverse("cohorts:my_learning_sets")))
    items.append(NavItem("Your account", reverse("account_email")))
    return items

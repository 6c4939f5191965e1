"""The header navigation, by role. The one place that knows every app's pages.

The current section is marked (aria-current) by one rule, `with_current`: the item
whose URL is the longest prefix of the page's path, or whose `pages` name the page's
view (for pages that live elsewhere, such as the fellow's own project). Home is
current on the home page only.
"""

import dataclasses
from dataclasses import dataclass

from django.urls import reverse

from accounts.roles import Roles
from evaluation.selectors.waves import first_open_wave_id

# A fellow's own project: "My project" redirects to these pages.
MY_PROJECT_PAGES = (
    "projects:start",
    "projects:detail",
    "projects:edit",
    "projects:entry_add",
    "projects:milestone_add",
    "projects:impact_edit",
    "projects:entry",
    "projects:entry_edit",
    "projects:milestone_edit",
    "projects:milestone_delete",
)


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    # Views (namespace:name) inside this section whose URLs do not start with `url`.
    pages: tuple[str, ...] = ()
    current: bool = False


def items_for(user, roles: Roles, has_applied: bool = False) -> list[NavItem]:
    """Home first, then each role's pages in the order of its daily work."""
    items = [NavItem("Home", reverse("home"))]
    if roles.is_adviser:
        programme_id = min(roles.adviser_programmes)
        items += [
            NavItem("Cohorts", reverse("cohorts:list")),
            NavItem("Projects", reverse("projects:index")),
            NavItem("Mentoring", reverse("mentoring:uptake", args=[programme_id])),
            NavItem("Evaluation", reverse("evaluation:index")),
            NavItem("Recruitment", reverse("recruitment:rounds")),
            NavItem("Programme", reverse("programme_detail", args=[programme_id])),
        ]
    if roles.is_fellow:
        items += [
            NavItem("Timetable", reverse("cohorts:my_timetable")),
            NavItem("My project", reverse("projects:mine"), pages=MY_PROJECT_PAGES),
            NavItem("Mentors", reverse("mentoring:directory")),
        ]
        wave_id = first_open_wave_id(user)
        if wave_id is not None:
            items.append(NavItem("Self-assessment", reverse("evaluation:answer", args=[wave_id])))
        items += [
            NavItem(
                "My scorecard",
                reverse("evaluation:my_scorecard"),
                pages=("evaluation:scorecard", "evaluation:score"),
            ),
            NavItem("Project gallery", reverse("projects:my_gallery"), pages=("projects:gallery",)),
        ]
    if roles.is_mentor:
        items += [
            NavItem("My availability", reverse("mentoring:availability")),
            NavItem("My bookings", reverse("mentoring:bookings")),
        ]
    if roles.is_facilitator:
        items.append(NavItem("Learning sets", reverse("cohorts:my_learning_sets")))
    if roles.is_reviewer:
        items.append(NavItem("Applications to review", reverse("recruitment:my_reviews")))
    if roles.programmes:
        items.append(NavItem("Timetable", reverse("cohorts:my_timetable")))
    if not roles.programmes or has_applied:
        # Someone with no role yet is an applicant (or about to be one).
        items.append(NavItem("Your applications", reverse("recruitment:mine")))
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


def with_current(items: list[NavItem], path: str, view_name: str | None) -> list[NavItem]:
    """Mark the item of the section the page is in (at most one)."""
    current = None
    if view_name:
        current = next((item for item in items if view_name in item.pages), None)
    if current is None:
        inside = [
            item
            for item in items
            if item.url == path or (item.url != "/" and path.startswith(item.url))
        ]
        current = max(inside, key=lambda item: len(item.url), default=None)
    return [dataclasses.replace(item, current=item is current) for item in items]

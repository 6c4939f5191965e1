"""The project board as CSV rows, for `core.csv.csv_response` to stream."""

from collections.abc import Iterable, Iterator

from projects.models import Project, Rag
from projects.selectors.projects import QUIET_DAYS

HEADER = [
    "Fellow",
    "Email",
    "Organisation",
    "Project",
    "Status",
    "Latest RAG",
    "Last entry",
    "Overdue milestones",
    f"No entry in {QUIET_DAYS} days",
    "Red twice in a row",
]
RAG_LABELS = dict(Rag.choices)


def yes_no(value) -> str:
    return "Yes" if value else "No"


def board_rows(projects: Iterable[Project]) -> Iterator[list]:
    for project in projects:
        yield [
            project.fellow.name,
            project.fellow.email,
            project.organisation,
            project.title,
            project.get_status_display(),
            RAG_LABELS.get(project.latest_rag, "No entries"),
            project.last_entry_on.isoformat() if project.last_entry_on else "",
            project.overdue_milestones,
            yes_no(project.is_quiet),
            yes_no(project.is_red_twice),
        ]

"""The project board as CSV, written row by row so a large cohort streams."""

import csv
from collections.abc import Iterable, Iterator

from projects.models import Project, Rag
from projects.selectors import QUIET_DAYS

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


class _Echo:
    """A file-like object whose write returns the line, for csv.writer."""

    def write(self, value: str) -> str:
        return value


def safe(value) -> str:
    """Stop a spreadsheet treating text typed by a person as a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def yes_no(value) -> str:
    return "Yes" if value else "No"


def board_csv(projects: Iterable[Project]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # so Excel reads the file as UTF-8
    yield writer.writerow(HEADER)
    for project in projects:
        yield writer.writerow(
            [
                safe(project.fellow.name),
                safe(project.fellow.email),
                safe(project.organisation),
                safe(project.title),
                project.get_status_display(),
                RAG_LABELS.get(project.latest_rag, "No entries"),
                project.last_entry_on.isoformat() if project.last_entry_on else "",
                project.overdue_milestones,
                yes_no(project.is_quiet),
                yes_no(project.is_red_twice),
            ]
        )

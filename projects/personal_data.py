"""The personal data projects holds: a fellow's project, its entries with their history,
and comments."""

from core.personal_data import LABEL, Holds

_ENTRY_TEXT = {"what_happened": "", "blockers": "", "next_steps": ""}

HOLDS = (
    Holds(
        "projects.Project",
        by={
            "fellow": {
                "title": f"Project of {LABEL}",
                "summary": "",
                "problem": "",
                "intended_outcomes": "",
                "organisation": "",
                "sponsor_name": "",
                "sponsor_role": "",
            }
        },
    ),
    Holds("projects.Milestone", by={"project__fellow": {"title": "Milestone"}}),
    Holds("projects.ProgressEntry", by={"author": _ENTRY_TEXT, "project__fellow": _ENTRY_TEXT}),
    # Links stay counted (and must stay http), but lead nowhere.
    Holds(
        "projects.EvidenceLink",
        by={"entry__author": {"url": "https://erased.invalid/", "label": ""}},
    ),
    Holds(
        "projects.ProgressEntryRevision",
        by={
            "entry__author": {**_ENTRY_TEXT, "evidence": []},
            "entry__project__fellow": {**_ENTRY_TEXT, "evidence": []},
            "edited_by": {},
        },
    ),
    Holds("projects.Comment", by={"author": {"body": ""}, "entry__project__fellow": {}}),
    Holds("projects.CommentReply", by={"author": {"body": ""}, "comment__author": {}}),
    Holds(
        "projects.ImpactStatement",
        by={
            "project__fellow": {
                "what_changed": "",
                "for_whom": "",
                "how_measured": "",
                "will_it_last": "",
            }
        },
    ),
    Holds("projects.ShowcasePlace", by={"project__fellow": {}}),
)

"""What the project forms post, valid unless a test changes it."""

from django.utils import timezone


def entry_data(**changes) -> dict:
    data = {
        "happened_on": timezone.localdate().isoformat(),
        "what_happened": "Ran the first workshop with the discharge team.",
        "rag": "amber",
        "blockers": "No analyst time yet.",
        "next_steps": "Book the second workshop.",
        "evidence": "Workshop notes https://example.nhs.uk/notes\nhttps://example.nhs.uk/plan",
    }
    data.update(changes)
    return data


def project_data(**changes) -> dict:
    data = {
        "title": "Digital discharge summaries",
        "summary": "Discharge summaries reach GPs the same day.",
        "problem": "Letters take a week.",
        "intended_outcomes": "Same-day letters.",
        "organisation": "Whittington Health NHS Trust",
        "sponsor_name": "Dr Ruth Adebayo",
        "sponsor_role": "Chief Medical Officer",
        "status": "in_progress",
    }
    data.update(changes)
    return data


IMPACT = {
    "what_changed": "Letters reach GPs the same day.",
    "for_whom": "Patients leaving hospital and their GPs.",
    "how_measured": "Time from discharge to letter, from the EPR audit log.",
    "will_it_last": "Yes: it is the default in the EPR now.",
}

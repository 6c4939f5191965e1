"""Equality monitoring questions, and the only way advisers see the answers: counted per
stage of a round, with any count below 5 shown as "fewer than 5" (and one more hidden where
needed, see `_column`) so nobody can be picked out.
Never per person, never to reviewers, never in a CSV."""

from django.db.models import Count, Exists, OuterRef, Q

from accounts.models import Membership, Role
from recruitment.models import Application, EqualityResponse, Round

PREFER_NOT = (EqualityResponse.PREFER_NOT, "Prefer not to say")
SMALLEST_SHOWN = 5


def _options(*labels: str) -> list[tuple[str, str]]:
    return [(label.lower(), label) for label in labels] + [PREFER_NOT]


# (field, question, options). Categories follow the NHS's own monitoring, shortened.
QUESTIONS = [
    (
        "ethnicity",
        "What is your ethnic group?",
        _options(
            "Asian or Asian British",
            "Black, Black British, Caribbean or African",
            "Mixed or multiple ethnic groups",
            "White",
            "Another ethnic group",
        ),
    ),
    ("sex", "What is your sex?", _options("Female", "Male")),
    (
        "gender_identity",
        "Is the gender you identify with the same as your sex registered at birth?",
        _options("Yes", "No"),
    ),
    (
        "disability",
        "Do you consider yourself to have a disability or long-term health condition?",
        _options("Yes", "No"),
    ),
    (
        "age_band",
        "What is your age?",
        _options("Under 30", "30 to 39", "40 to 49", "50 to 59", "60 or over"),
    ),
    (
        "profession",
        "What is your profession?",
        _options(
            "Nursing or midwifery",
            "Medical or dental",
            "Allied health professional",
            "Pharmacy",
            "Healthcare science",
            "Digital, data or technology",
            "Management or administration",
            "Another profession",
        ),
    ),
    (
        "region",
        "Which NHS region do you work in?",
        _options(
            "East of England",
            "London",
            "Midlands",
            "North East and Yorkshire",
            "North West",
            "South East",
            "South West",
        ),
    ),
]

STAGES = [
    ("applied", "Applied"),
    ("shortlisted", "Shortlisted"),
    ("offered", "Offered"),
    ("accepted", "Accepted"),
]


HIDDEN = "hidden"


def shown(count: int) -> str:
    return "fewer than 5" if count < SMALLEST_SHOWN else str(count)


def _column(counts: list[int]) -> list[str]:
    """One stage of one question, small counts hidden. Its total can be known (the round's
    counts, the ranking), so a single hidden count could be worked out by subtraction: then
    the next smallest is hidden too, and both read "hidden" so neither can be told apart."""
    small = [i for i, count in enumerate(counts) if count < SMALLEST_SHOWN]
    if len(small) != 1:
        return [shown(count) for count in counts]
    also = min((i for i in range(len(counts)) if i not in small), key=counts.__getitem__)
    return [HIDDEN if i in (small[0], also) else str(c) for i, c in enumerate(counts)]


def _stage_counts(round_: Round) -> dict:
    """Count(...) per stage over EqualityResponse rows of the round's submitted applications.

    Stages narrow: an offer or a fellow's place was shortlisted too; "accepted" is whoever
    became a fellow of the round's cohort.
    """
    Decision = Application.Decision
    accepted = Exists(
        Membership.objects.filter(
            user_id=OuterRef("application__applicant_id"),
            cohort_id=round_.cohort_id,
            role=Role.FELLOW,
        )
    )
    offered = Q(application__decision=Decision.OFFERED) | Q(is_fellow=True)
    shortlisted = offered | Q(
        application__decision__in=[Decision.SHORTLISTED, Decision.WAITING_LIST]
    )
    return {
        "applied": Count("pk"),
        "shortlisted": Count("pk", filter=shortlisted),
        "offered": Count("pk", filter=offered),
        "accepted": Count("pk", filter=Q(is_fellow=True)),
    }, accepted


def equality_summary(round_: Round) -> list[dict]:
    """One table per question: each option's count at each stage, small counts hidden.
    One query per question, whatever the number of applications."""
    counts, accepted = _stage_counts(round_)
    responses = EqualityResponse.objects.filter(
        application__round=round_, application__status=Application.Status.SUBMITTED
    ).annotate(is_fellow=accepted)
    tables = []
    for field, question, options in QUESTIONS:
        rows = {row[field]: row for row in responses.values(field).annotate(**counts).order_by()}
        labelled = [*options, ("", "Not answered")]
        columns = [
            _column([rows.get(value, {}).get(stage, 0) for value, _ in labelled])
            for stage, _ in STAGES
        ]
        tables.append(
            {
                "question": question,
                "rows": [
                    {"label": label, "counts": [column[i] for column in columns]}
                    for i, (_, label) in enumerate(labelled)
                ],
            }
        )
    return tables


def submitted_without_monitoring(round_: Round) -> int:
    return (
        Application.objects.filter(round=round_, status=Application.Status.SUBMITTED)
        .filter(equality__isnull=True)
        .count()
    )

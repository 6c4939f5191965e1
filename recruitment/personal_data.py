"""The personal data recruitment holds: applications, their answers, the line manager's
support, equality monitoring, reviews, decisions, interviews and offers. What reviewers and
panels wrote about an applicant is blanked when either is erased; the reasons advisers gave
for decisions are blanked when the applicant is erased, and name nobody erased."""

from core.personal_data import EMAIL, Holds

HOLDS = (
    # A decision's reason is about the applicant; others' reasons may name anyone erased.
    Holds(
        "recruitment.Application",
        by={"applicant": {"decision_reason": ""}, "decided_by": {}},
        mentions=("decision_reason",),
    ),
    Holds(
        "recruitment.DecisionRecord",
        by={"application__applicant": {"reason": ""}, "decided_by": {}},
        mentions=("reason",),
    ),
    Holds("recruitment.Answer", by={"application__applicant": {"text": "", "chosen": []}}),
    Holds(
        "recruitment.SupportRequest",
        by={
            "application__applicant": {"manager_name": "", "manager_email": EMAIL, "statement": ""}
        },
        secret=("token_hash",),
    ),
    Holds(
        "recruitment.EqualityResponse",
        by={
            "application__applicant": {
                "ethnicity": "",
                "sex": "",
                "gender_identity": "",
                "disability": "",
                "age_band": "",
                "profession": "",
                "region": "",
            }
        },
    ),
    Holds(
        "recruitment.ReviewAssignment",
        by={"reviewer": {}, "assigned_by": {}, "application__applicant": {}},
    ),
    Holds(
        "recruitment.ConflictDeclaration",
        by={"reviewer": {"organisation": "", "reason": ""}, "application__applicant": {}},
    ),
    Holds(
        "recruitment.Review",
        by={"assignment__reviewer": {}, "assignment__application__applicant": {}},
    ),
    Holds(
        "recruitment.Score",
        by={
            "review__assignment__reviewer": {"comment": ""},
            "review__assignment__application__applicant": {"comment": ""},
        },
    ),
    Holds("recruitment.InterviewInvitation", by={"application__applicant": {}}),
    Holds("recruitment.InterviewBooking", by={"application__applicant": {}}),
    Holds("recruitment.InterviewChange", by={"application__applicant": {}}),
    Holds(
        "recruitment.InterviewScore",
        by={"by": {"notes": ""}, "application__applicant": {"notes": ""}},
    ),
    Holds(
        "recruitment.Offer",
        by={"application__applicant": {"subject": "", "body": ""}},
        secret=("token_hash",),
    ),
    Holds(
        "recruitment.UnsuccessfulEmail",
        by={"application__applicant": {"feedback": "", "subject": "", "body": ""}},
    ),
)

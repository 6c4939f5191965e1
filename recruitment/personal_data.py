"""The personal data recruitment holds: applications, their answers, the line manager's
support, equality monitoring, reviews, interviews and offers. What reviewers and panels
wrote about an applicant is blanked when either is erased."""

from core.personal_data import EMAIL, Holds

HOLDS = (
    Holds("recruitment.Application", by={"applicant": {"decision_reason": ""}, "decided_by": {}}),
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

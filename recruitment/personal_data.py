"""The personal data recruitment holds: applications, their answers, the line manager's
support and equality monitoring."""

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
)

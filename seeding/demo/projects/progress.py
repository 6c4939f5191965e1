"""The wording of the demo's progress log: entries by RAG status, advisers' comments,
evidence links and milestones."""

from projects.models import Rag

HAPPENED = {
    Rag.GREEN: [
        "Ran the second workshop with ward staff; agreed the pathway and who does what.",
        "The pilot went live on two wards this week with no incidents.",
        "Sponsor signed off the business case at the executive meeting.",
        "Clinical safety case approved by the Clinical Safety Officer.",
        "First 40 patients onboarded; feedback so far is positive.",
        "Data from the first month shows length of stay falling on the pilot ward.",
        "Presented progress at the digital board; they want to scale it to a second site.",
        "Trained 25 staff across day and night shifts.",
    ],
    Rag.AMBER: [
        "Supplier has slipped the integration date by three weeks.",
        "Staff turnover on the pilot ward means retraining the team.",
        "Uptake is lower than planned: 30% of eligible patients so far.",
        "Data protection impact assessment needs another round of changes.",
        "Had to rewrite the standard operating procedure after the ward manager left.",
        "Winter pressures mean clinical leads cannot make the project meetings.",
    ],
    Rag.RED: [
        "Information governance sign-off is stuck; the pilot cannot start without it.",
        "Funding for the second phase was not approved in the budget round.",
        "The supplier's product does not meet the trust's cyber security standard.",
        "Pilot paused after a clinical incident review; waiting for the outcome.",
        "Lost my protected time for the project after a change of role.",
    ],
}
BLOCKERS = {
    Rag.GREEN: ["", "", "Need a date for the go-live review."],
    Rag.AMBER: [
        "Need the supplier to commit to a new date.",
        "Need backfill so staff can attend training.",
        "Waiting for the data warehouse team to build the extract.",
    ],
    Rag.RED: [
        "Need the SIRO to make a decision on the data sharing agreement.",
        "Need an executive sponsor to unblock the funding decision.",
        "Need protected time agreed with my line manager.",
    ],
}
NEXT_STEPS = [
    "Meet the sponsor to agree the scope of phase two.",
    "Collect four weeks of baseline data before the next change.",
    "Run a feedback session with patients and carers.",
    "Write up the evaluation plan with the analytics team.",
    "Share the pilot results with the divisional leadership team.",
    "Book the go-live review and confirm the rota.",
]
# An adviser's comment fits the entry it is on: praise for green, help for amber and red.
COMMENTS_BY_RAG = {
    Rag.GREEN: [
        "Great progress. Have you thought about how you will measure the impact on staff time?",
        "Lovely to see this moving. Keep a note of it for your showcase statement.",
    ],
    Rag.AMBER: [
        "Worth raising at your learning set: others will have met something like this.",
        "Thanks for flagging this early. Would a mentor who has been through it help?",
    ],
    Rag.RED: [
        "This needs your sponsor's help. Shall we talk it through before you raise it?",
        "Could one of the mentors help here? Book a slot with them this week.",
    ],
}
# Only on a red entry that follows another red one.
RED_TWICE_COMMENT = "Two reds in a row: let's talk this week. I have sent you some times."
# Every comment, for data where the wording need not match (the scale data).
COMMENTS = [body for bodies in COMMENTS_BY_RAG.values() for body in bodies]
EVIDENCE = [
    ("Pilot dashboard", "https://dashboards.example.nhs.uk/virtual-ward/pilot"),
    ("Business case", "https://sharepoint.example.nhs.uk/sites/digital/business-case.pdf"),
    ("Workshop notes", "https://future.nhs.uk/DigitalPioneers/view?objectId=1045"),
    ("", "https://www.england.nhs.uk/digitaltechnology/"),
]
MILESTONES = [
    ("Scope agreed with sponsor", 30),
    ("Information governance approval", 100),
    ("Pilot live", 180),
    ("Evaluation and handover to business as usual", 330),
]

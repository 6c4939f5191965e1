"""Demo projects: a plausible year of progress for every fellow. Idempotent.

Each fellow's story is drawn from a random generator seeded by their place in
the cohort, so the demo is the same every time it is loaded. Dates are relative
to today, so the running cohort has fellows who have gone quiet, fellows who
are red twice in a row, and overdue milestones.
"""

import datetime
import random

from django.utils import timezone

from accounts.models import Membership, Role
from cohorts.models import Theme
from core.clock import LONDON
from projects.models import (
    Comment,
    EvidenceLink,
    ImpactStatement,
    Milestone,
    ProgressEntry,
    ProgressEntryRevision,
    Project,
    Rag,
    ShowcasePlace,
)

# (title, summary); the completed cohort takes the first 24, the running one the rest.
PROJECTS = [
    (
        "Virtual ward for frail older people",
        "Remote monitoring so frail patients recover at home, with a consultant-led team "
        "watching their observations.",
    ),
    (
        "Electronic prescribing on the paediatric wards",
        "Replacing paper drug charts on three children's wards with electronic prescribing "
        "and dose checking.",
    ),
    (
        "Digital pre-operative assessment",
        "An online questionnaire that triages patients before surgery, so nurses see the "
        "complex cases face to face.",
    ),
    (
        "Patient-initiated follow-up in rheumatology",
        "Patients book their own follow-up when they need it instead of routine clinic slots.",
    ),
    (
        "Shared care record for mental health crisis teams",
        "Crisis teams see the same care plan as the GP and the emergency department.",
    ),
    (
        "Ambulance handover dashboard",
        "A live view of ambulance handover times across the sector's emergency departments.",
    ),
    (
        "Digital maternity notes",
        "Women carry their maternity notes on their phone and midwives update them at the bedside.",
    ),
    (
        "Discharge to assess tracker",
        "One list of patients waiting for care packages, shared by the hospital and the council.",
    ),
    (
        "Remote monitoring for heart failure",
        "Weight and symptom readings from home flag deterioration before an admission.",
    ),
    (
        "Robotic process automation for referrals",
        "Software robots file incoming GP referrals, freeing up booking clerks.",
    ),
    (
        "Population health dashboard for diabetes",
        "Practice-level data on diabetes care processes to target support where it is needed.",
    ),
    (
        "Digital therapies in talking therapies",
        "Offering guided digital therapy to people on the waiting list for talking therapies.",
    ),
    (
        "Electronic observations in community hospitals",
        "Nurses record observations on handheld devices with automatic early warning scores.",
    ),
    (
        "Online consultation in general practice",
        "A single online front door for patients, triaged by a clinical team.",
    ),
    (
        "Theatre scheduling optimisation",
        "Using historical case lengths to plan theatre lists that finish on time.",
    ),
    (
        "Digital inclusion for outpatients",
        "Helping patients without smartphones or data use video appointments and the NHS App.",
    ),
    (
        "Speech recognition for clinic letters",
        "Consultants dictate straight into the record; letters go out the same day.",
    ),
    (
        "Falls prevention with sensors in care homes",
        "Bed and chair sensors alert staff before a resident at risk of falling stands up.",
    ),
    (
        "Structured handover on the medical wards",
        "An electronic handover tool replacing paper lists at shift change.",
    ),
    (
        "Pharmacy stock visibility across sites",
        "Seeing stock levels in every pharmacy so urgent medicines can be moved, not reordered.",
    ),
    (
        "Physiotherapy exercise app after knee surgery",
        "Patients follow video exercise plans at home and physiotherapists see their progress.",
    ),
    (
        "Sepsis alerting in the emergency department",
        "An alert that prompts the sepsis bundle when observations and results point to it.",
    ),
    (
        "Self check-in kiosks in outpatients",
        "Patients check in on arrival and update their contact details themselves.",
    ),
    (
        "Community nursing scheduling",
        "Scheduling software that plans district nurses' visits around skills and travel.",
    ),
    (
        "Digital front door for urgent care",
        "An online triage that books patients into the right urgent care slot.",
    ),
    (
        "Electronic patient-reported outcomes in cancer care",
        "Patients report side effects between appointments and teams act sooner.",
    ),
    (
        "Paperless outpatient clinics",
        "Clinicians work from the electronic record in clinic; no paper notes are pulled.",
    ),
    (
        "Bed management command centre",
        "A real-time view of beds, discharges and admissions across the trust.",
    ),
    (
        "Wearables for early warning on surgical wards",
        "Continuous monitoring patches that alert nurses to deteriorating patients.",
    ),
    (
        "Video consultations in memory services",
        "Follow-up memory clinic appointments by video, with carers joining from home.",
    ),
    (
        "Clinical coding automation",
        "Natural language processing suggests codes from discharge summaries for coders to check.",
    ),
    (
        "Digital care plans in learning disability services",
        "Accessible care plans that people with a learning disability help write and can read.",
    ),
    (
        "Interoperable end of life care plans",
        "Urgent care plans shared between hospices, GPs, ambulance crews and hospitals.",
    ),
    (
        "Smarter rostering for nursing",
        "Self-rostering for ward nurses, with safe staffing levels checked automatically.",
    ),
    (
        "Asthma care in schools with a shared plan",
        "School nurses, GPs and families share one asthma plan for each child.",
    ),
    (
        "Automated results acknowledgement",
        "Making sure every test result is seen and acted on by the team that ordered it.",
    ),
    (
        "Dermatology photo triage",
        "GPs send dermatoscope photos so specialists triage referrals without a first clinic.",
    ),
    (
        "Digital wound care in the community",
        "Photos and measurements of wounds tracked over time by community nurses.",
    ),
    (
        "Frequent attender support with shared data",
        "Identifying people who often attend the emergency department and offering support.",
    ),
    (
        "NHS App messaging for appointment reminders",
        "Sending appointment letters and reminders through the NHS App to cut missed visits.",
    ),
    (
        "Paediatric early warning scores on tablets",
        "Electronic paediatric early warning scores with escalation to the outreach team.",
    ),
    (
        "Stroke pathway video triage",
        "Paramedics video-call a stroke consultant from the ambulance to choose the hospital.",
    ),
    (
        "Musculoskeletal self-referral online",
        "People refer themselves to physiotherapy online without seeing a GP first.",
    ),
    (
        "Medicines reconciliation at admission",
        "Pharmacy technicians use the shared care record to reconcile medicines on admission.",
    ),
    (
        "Clinical decision support for antimicrobials",
        "Prompts that guide antibiotic choice and review at 48 hours.",
    ),
    (
        "Digital referral management for community services",
        "One electronic route into community services with status updates for referrers.",
    ),
    (
        "Perinatal mental health digital pathway",
        "Screening and self-referral for perinatal mental health support online.",
    ),
    (
        "Outpatient waiting list validation",
        "Contacting patients by text to check they still need their appointment.",
    ),
]

# Each project's development themes (the programme's theme list, made by cohorts.demo);
# they shape the mentors suggested to its fellow.
PROJECT_THEMES = {
    "Virtual ward for frail older people": ["Remote monitoring", "Clinical safety"],
    "Electronic prescribing on the paediatric wards": ["Clinical safety", "Procurement"],
    "Digital pre-operative assessment": ["User-centred design", "Clinical safety"],
    "Patient-initiated follow-up in rheumatology": ["User-centred design", "Data and analytics"],
    "Shared care record for mental health crisis teams": ["Interoperability", "Clinical safety"],
    "Ambulance handover dashboard": ["Data and analytics", "Interoperability"],
    "Digital maternity notes": ["User-centred design", "Interoperability"],
    "Discharge to assess tracker": ["Interoperability", "Leading change"],
    "Remote monitoring for heart failure": ["Remote monitoring", "Business cases"],
    "Robotic process automation for referrals": ["AI and automation", "Business cases"],
    "Population health dashboard for diabetes": ["Data and analytics", "Health inequalities"],
    "Digital therapies in talking therapies": ["User-centred design", "Procurement"],
    "Electronic observations in community hospitals": ["Clinical safety", "Leading change"],
    "Online consultation in general practice": ["Health inequalities", "User-centred design"],
    "Theatre scheduling optimisation": ["Data and analytics", "Business cases"],
    "Digital inclusion for outpatients": ["Health inequalities", "User-centred design"],
    "Speech recognition for clinic letters": ["AI and automation", "Procurement"],
    "Falls prevention with sensors in care homes": ["Remote monitoring", "Procurement"],
    "Structured handover on the medical wards": ["Clinical safety", "Leading change"],
    "Pharmacy stock visibility across sites": ["Interoperability", "Data and analytics"],
    "Physiotherapy exercise app after knee surgery": ["Remote monitoring", "User-centred design"],
    "Sepsis alerting in the emergency department": ["Clinical safety", "AI and automation"],
    "Self check-in kiosks in outpatients": ["Procurement", "Health inequalities"],
    "Community nursing scheduling": ["Data and analytics", "Procurement"],
    "Digital front door for urgent care": [
        "User-centred design",
        "Clinical safety",
        "Interoperability",
    ],
    "Electronic patient-reported outcomes in cancer care": [
        "Remote monitoring",
        "User-centred design",
    ],
    "Paperless outpatient clinics": ["Leading change", "Business cases"],
    "Bed management command centre": ["Data and analytics", "Leading change"],
    "Wearables for early warning on surgical wards": ["Remote monitoring", "Clinical safety"],
    "Video consultations in memory services": ["Health inequalities", "User-centred design"],
    "Clinical coding automation": ["AI and automation", "Data and analytics"],
    "Digital care plans in learning disability services": [
        "Health inequalities",
        "Interoperability",
    ],
    "Interoperable end of life care plans": ["Interoperability", "Leading change"],
    "Smarter rostering for nursing": ["Procurement", "Data and analytics"],
    "Asthma care in schools with a shared plan": ["Interoperability", "Health inequalities"],
    "Automated results acknowledgement": ["Clinical safety", "AI and automation"],
    "Dermatology photo triage": ["AI and automation", "Clinical safety"],
    "Digital wound care in the community": ["Remote monitoring", "Data and analytics"],
    "Frequent attender support with shared data": ["Data and analytics", "Health inequalities"],
    "NHS App messaging for appointment reminders": ["User-centred design", "Health inequalities"],
    "Paediatric early warning scores on tablets": ["Clinical safety", "Procurement"],
    "Stroke pathway video triage": ["Clinical safety", "Leading change"],
    "Musculoskeletal self-referral online": ["User-centred design", "Business cases"],
    "Medicines reconciliation at admission": ["Interoperability", "Clinical safety"],
    "Clinical decision support for antimicrobials": ["AI and automation", "Clinical safety"],
    "Digital referral management for community services": ["Interoperability", "Procurement"],
    "Perinatal mental health digital pathway": ["User-centred design", "Leading change"],
    "Outpatient waiting list validation": ["Data and analytics", "AI and automation"],
}

SPONSORS = [
    ("Dr Ruth Adebayo", "Chief Medical Officer"),
    ("Claire Donnelly", "Chief Nurse"),
    ("Mark Ellison", "Chief Information Officer"),
    ("Dr Sunita Rao", "Chief Clinical Information Officer"),
    ("Joanne Pike", "Director of Operations"),
    ("Dr Tom Hargreaves", "Clinical Director"),
]

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
COMMENTS = [
    "Great progress. Have you thought about how you will measure the impact on staff time?",
    "This is a common blocker. Speak to your Caldicott Guardian early; I can introduce you.",
    "Worth raising at your learning set: others have been through the same supplier issues.",
    "Could one of the mentors with IG experience help here? Book a slot with them.",
    "Lovely to see the data moving. Keep a note of it for your showcase statement.",
    "Two reds in a row: let's talk this week. I have sent you some times.",
]
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
# Positions in the running cohort with a story worth seeing on the board.
QUIET = {5, 11, 17, 22}
RED_TWICE = {3, 9, 15}
LATE_MILESTONES = {2, 6, 9, 14, 19}
PRESENTING = 16


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, 30), tzinfo=LONDON)


def rag_walk(rng: random.Random, count: int) -> list[str]:
    """Mostly green and amber, sometimes red, as a project really goes."""
    rags, state = [], rng.choice([Rag.GREEN, Rag.GREEN, Rag.AMBER])
    for _ in range(count):
        roll = rng.random()
        if state == Rag.GREEN:
            state = Rag.AMBER if roll < 0.2 else Rag.GREEN
        elif state == Rag.AMBER:
            state = Rag.GREEN if roll < 0.45 else Rag.RED if roll < 0.6 else Rag.AMBER
        else:
            state = Rag.AMBER if roll < 0.6 else Rag.RED
        rags.append(state)
    return rags


def _entry_dates(rng, start: datetime.date, last: datetime.date) -> list[datetime.date]:
    dates, day = [], start + datetime.timedelta(days=10 + rng.randint(0, 6))
    while day <= last:
        dates.append(day)
        day += datetime.timedelta(days=14 + rng.randint(-3, 3))
    return dates


def _story(world, cohort, index, fellow, project, today, now):
    """Entries, milestones and comments for one project (not yet saved)."""
    rng = random.Random(f"{cohort.starts_on}-{index}")
    running = cohort == world.running
    last = min(today, cohort.ends_on)
    if running and index in QUIET:
        last = today - datetime.timedelta(days=25 + rng.randint(0, 20))
    dates = _entry_dates(rng, cohort.starts_on, last)
    if running and index == 0:  # fellow@example.org: a recent entry they can still change
        dates = [d for d in dates if d < today - datetime.timedelta(days=10)]
        dates.append(today - datetime.timedelta(days=2))
    rags = rag_walk(rng, len(dates))
    if running and index in RED_TWICE and len(rags) >= 2:
        rags[-2:] = [Rag.RED, Rag.RED]
    entries = []
    for day, rag in zip(dates, rags, strict=True):
        created = min(_at(day, 17), now)
        entries.append(
            ProgressEntry(
                project=project,
                author=fellow,
                happened_on=day,
                what_happened=rng.choice(HAPPENED[rag]),
                rag=rag,
                blockers=rng.choice(BLOCKERS[rag]),
                next_steps=rng.choice(NEXT_STEPS),
                created=created,
            )
        )
    milestones = []
    for number, (title, offset) in enumerate(MILESTONES):
        due = cohort.starts_on + datetime.timedelta(days=offset)
        late = running and index in LATE_MILESTONES and number in (1, 2)
        done = None if late or due >= today else due + datetime.timedelta(days=rng.randint(-7, 7))
        milestones.append(
            Milestone(project=project, title=title, due_on=due, done_on=done and min(done, today))
        )
    return entries, milestones


def _comments(world, entries, now, rng) -> list[Comment]:
    comments = []
    for entry in entries:
        if entry.rag == Rag.GREEN and rng.random() > 0.15:
            continue
        if rng.random() > 0.5:
            continue
        created = min(entry.created + datetime.timedelta(days=1, hours=2), now)
        comments.append(
            Comment(
                entry=entry,
                author=rng.choice(world.advisers),
                body=rng.choice(COMMENTS),
                created=created,
                read_at=created + datetime.timedelta(hours=20),
                emailed_at=created,
            )
        )
    return comments


def _fellow_at_home(world, project, entries, now) -> list[Comment]:
    """fellow@example.org: two unread comments and an entry that has been changed once."""
    latest, previous = entries[-1], entries[-2]
    latest.what_happened = (
        "Demonstrated the remote monitoring dashboard to the consultants; two wards "
        "want to join the pilot next month."
    )
    latest.rag = Rag.AMBER
    latest.blockers = "Still waiting for the data sharing agreement with the GP federation."
    latest.save(update_fields=["what_happened", "rag", "blockers"])
    ProgressEntryRevision.objects.create(
        entry=latest,
        edited_by=project.fellow,
        edited_at=latest.created + datetime.timedelta(hours=3),
        happened_on=latest.happened_on,
        what_happened="Demonstrated the dashboard to the consultants.",
        rag=Rag.GREEN,
        blockers="",
        next_steps=latest.next_steps,
    )
    return [
        Comment(
            entry=latest,
            author=world.advisers[0],
            body="The data sharing agreement is a common blocker. The ICB's IG lead can help: "
            "shall I introduce you?",
            created=now - datetime.timedelta(hours=20),
            emailed_at=now - datetime.timedelta(hours=20),
        ),
        Comment(
            entry=previous,
            author=world.advisers[1],
            body="Good to see the consultants on board. Keep a note of the numbers for your "
            "showcase statement.",
            created=now - datetime.timedelta(days=3),
            emailed_at=now - datetime.timedelta(days=3),
        ),
    ]


def _impact(project, rng) -> list[ImpactStatement]:
    statements = [
        ImpactStatement(
            project=project,
            kind=ImpactStatement.Kind.SHOWCASE,
            what_changed=f"{project.title} went live and is now part of how the service works.",
            for_whom="Patients, their carers and the clinical teams who look after them.",
            how_measured="Before and after figures from the trust's data warehouse, and a "
            "survey of 60 staff.",
            will_it_last="Funded in next year's budget, with a named service owner.",
        )
    ]
    if rng.random() < 0.7:
        statements.append(
            ImpactStatement(
                project=project,
                kind=ImpactStatement.Kind.FOLLOW_UP,
                what_changed="Six months on, the service has been extended to two more sites.",
                for_whom="Patients across the integrated care system.",
                how_measured="Monthly reporting to the digital board.",
                will_it_last="Yes: it is in the ICS digital strategy and the team has grown.",
            )
        )
    return statements


def _status(world, cohort, index) -> str:
    if cohort == world.completed:
        return Project.Status.COMPLETED
    return {20: Project.Status.PAUSED, 21: Project.Status.PLANNING}.get(
        index, Project.Status.IN_PROGRESS
    )


def _memberships(cohort) -> dict[int, Membership]:
    rows = Membership.objects.filter(cohort=cohort, role=Role.FELLOW)
    return {membership.user_id: membership for membership in rows}


def seed(world) -> None:
    today, now = timezone.localdate(), timezone.now()
    for offset, cohort in enumerate(world.cohorts):
        existing = set(Project.objects.filter(cohort=cohort).values_list("fellow_id", flat=True))
        memberships = _memberships(cohort)
        fellows = world.fellows_of(cohort)
        new = []
        for index, fellow in enumerate(fellows):
            if fellow.pk in existing:
                continue
            title, summary = PROJECTS[(offset * 24 + index) % len(PROJECTS)]
            sponsor = SPONSORS[index % len(SPONSORS)]
            membership = memberships.get(fellow.pk)
            new.append(
                (
                    index,
                    Project(
                        cohort=cohort,
                        fellow=fellow,
                        title=title,
                        summary=summary,
                        problem=f"{summary} Today this depends on paper, phone calls and "
                        "goodwill, and patients wait.",
                        intended_outcomes="Shorter waits, fewer avoidable admissions and "
                        "time given back to clinical staff.",
                        organisation=membership.organisation if membership else "",
                        sponsor_name=sponsor[0],
                        sponsor_role=sponsor[1],
                        status=_status(world, cohort, index),
                    ),
                )
            )
        if new:
            Project.objects.bulk_create([project for _, project in new])
            _seed_stories(world, cohort, new, today, now)
    _tag_themes(world)


def _tag_themes(world) -> None:
    """Tag projects that have no themes yet (also those of a demo loaded before themes)."""
    themes = {theme.name: theme for theme in Theme.objects.filter(programme=world.programme)}
    untagged = Project.objects.filter(cohort__in=world.cohorts, themes__isnull=True)
    Through = Project.themes.through
    Through.objects.bulk_create(
        Through(project_id=project_id, theme=themes[name])
        for project_id, title in untagged.values_list("pk", "title")
        for name in PROJECT_THEMES.get(title, [])
        if name in themes
    )


def _seed_stories(world, cohort, new, today, now) -> None:
    stories = []
    all_entries, all_milestones = [], []
    for index, project in new:
        entries, milestones = _story(world, cohort, index, project.fellow, project, today, now)
        stories.append((index, project, entries))
        all_entries += entries
        all_milestones += milestones
    ProgressEntry.objects.bulk_create(all_entries)
    Milestone.objects.bulk_create(all_milestones)

    comments, links, statements = [], [], []
    rng = random.Random(f"comments-{cohort.starts_on}")
    for index, project, entries in stories:
        comments += _comments(world, entries, now, rng)
        for number, entry in enumerate(entries):
            if number % 3 == 1:
                label, url = EVIDENCE[(index + number) % len(EVIDENCE)]
                links.append(EvidenceLink(entry=entry, url=url, label=label))
        if cohort == world.running and index == 0 and len(entries) >= 2:
            comments += _fellow_at_home(world, project, entries, now)
        if cohort == world.completed:
            statements += _impact(project, rng)
    Comment.objects.bulk_create(comments)
    EvidenceLink.objects.bulk_create(links)
    ImpactStatement.objects.bulk_create(statements)
    if cohort == world.completed and not ShowcasePlace.objects.filter(cohort=cohort).exists():
        presenting = [project for _, project, _ in stories][:PRESENTING]
        ShowcasePlace.objects.bulk_create(
            ShowcasePlace(cohort=cohort, project=project, position=position)
            for position, project in enumerate(presenting, start=1)
        )

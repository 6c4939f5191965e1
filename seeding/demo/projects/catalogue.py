"""The demo's projects: what each is about, its development themes, and its sponsors."""

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

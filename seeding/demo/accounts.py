"""Demo people, programme and cohorts. Idempotent: running it again changes nothing.

Dates are relative to the day it runs, so the running cohort is running today.
"""

import datetime
from dataclasses import dataclass, field
from functools import cache

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from accounts.models import Cohort, Membership, Programme, Role, User

DEMO_PASSWORD = "pioneer-demo"

ORGANISATIONS = [
    ("Barts Health NHS Trust", "acute"),
    ("Guy's and St Thomas' NHS Foundation Trust", "acute"),
    ("King's College Hospital NHS Foundation Trust", "acute"),
    ("Imperial College Healthcare NHS Trust", "acute"),
    ("Whittington Health NHS Trust", "community"),
    ("Central London Community Healthcare NHS Trust", "community"),
    ("South London and Maudsley NHS Foundation Trust", "mental health"),
    ("North East London NHS Foundation Trust", "mental health"),
    ("London Ambulance Service NHS Trust", "ambulance"),
    ("North Central London Integrated Care Board", "commissioner"),
    ("South East London Integrated Care Board", "commissioner"),
    ("Lambeth GP Federation", "primary care"),
]

# (job title, profession)
ROLES = [
    ("Consultant Emergency Physician", "Doctor"),
    ("Chief Nursing Information Officer", "Nurse"),
    ("Advanced Clinical Practitioner", "Nurse"),
    ("Digital Transformation Lead", "Digital and IT"),
    ("Clinical Safety Officer", "Digital and IT"),
    ("Lead Pharmacist, Electronic Prescribing", "Pharmacist"),
    ("Head of Therapies", "Allied health professional"),
    ("Consultant Psychiatrist", "Doctor"),
    ("GP Partner", "Doctor"),
    ("Deputy Director of Operations", "Manager"),
    ("Paramedic Team Leader", "Allied health professional"),
    ("Senior Physiotherapist", "Allied health professional"),
    ("Ward Sister", "Nurse"),
    ("Programme Manager, Population Health", "Manager"),
    ("Specialist Midwife for Digital Maternity", "Midwife"),
    ("Chief Clinical Information Officer", "Doctor"),
]

FIRST = [
    "Amara",
    "Ben",
    "Chloe",
    "Dev",
    "Efua",
    "Fergus",
    "Grace",
    "Hamza",
    "Isla",
    "Jonah",
    "Kiran",
    "Leah",
    "Mateo",
    "Niamh",
    "Oluwaseun",
    "Priya",
    "Quentin",
    "Rosa",
    "Samir",
    "Tamsin",
    "Uchenna",
    "Verity",
    "Wei",
    "Yasmin",
    "Zach",
    "Aled",
    "Bethan",
    "Callum",
    "Deborah",
    "Eilidh",
    "Farah",
    "Gareth",
    "Hannah",
    "Imran",
    "Jess",
    "Kwame",
    "Lowri",
    "Marcus",
    "Nadia",
    "Owen",
    "Parveen",
    "Rhys",
    "Sade",
    "Tom",
    "Ursula",
    "Vikram",
    "Winifred",
    "Xavier",
]
LAST = [
    "Okafor",
    "Patel",
    "Murphy",
    "Sharma",
    "Mensah",
    "Campbell",
    "Hughes",
    "Khan",
    "Fraser",
    "Cohen",
    "Rao",
    "Williams",
    "Garcia",
    "Byrne",
    "Adeyemi",
    "Chaudhry",
    "Blake",
    "Silva",
    "Haddad",
    "Pryce",
    "Eze",
    "Lloyd",
    "Zhang",
    "Begum",
    "Morgan",
    "Evans",
    "Thomas",
    "Reid",
    "Ahmed",
    "MacLeod",
    "Hussain",
    "Jones",
    "Price",
    "Malik",
    "Turner",
    "Boateng",
    "Davies",
    "Wright",
    "Ali",
    "Roberts",
    "Kaur",
    "Powell",
    "Bello",
    "Harris",
    "Novak",
    "Mehta",
    "Scott",
    "Dubois",
]

FELLOWS_PER_COHORT = 24


@dataclass
class DemoWorld:
    programme: Programme
    completed: Cohort
    running: Cohort
    advisers: list[User] = field(default_factory=list)
    mentors: list[User] = field(default_factory=list)
    facilitators: list[User] = field(default_factory=list)
    fellows: dict[int, list[User]] = field(default_factory=dict)

    @property
    def cohorts(self) -> list[Cohort]:
        return [self.completed, self.running]

    def fellows_of(self, cohort: Cohort) -> list[User]:
        return self.fellows[cohort.pk]

    def organisation_of(self, user: User, cohort: Cohort | None = None) -> str:
        membership = Membership.objects.filter(user=user, cohort=cohort).first()
        return membership.organisation if membership else ""


@cache
def demo_password_hash() -> str:
    """Hashing is deliberately slow, so hash the shared demo password once."""
    return make_password(DEMO_PASSWORD)


def person(email: str, name: str) -> User:
    user, _ = User.objects.get_or_create(
        email=email, defaults={"name": name, "password": demo_password_hash()}
    )
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"primary": True, "verified": True}
    )
    return user


def grant(user, programme, role, cohort=None, organisation="", job_title="", profession=""):
    Membership.objects.get_or_create(
        user=user,
        programme=programme,
        cohort=cohort,
        role=role,
        defaults={"organisation": organisation, "job_title": job_title, "profession": profession},
    )


def cohort_dates(today: datetime.date) -> tuple[tuple, tuple]:
    """The running cohort began about five months ago; the completed one a year before."""
    start = (today - datetime.timedelta(days=150)).replace(day=1)
    running = (start, start.replace(year=start.year + 1) - datetime.timedelta(days=1))
    completed = (start.replace(year=start.year - 1), start - datetime.timedelta(days=1))
    return completed, running


def _cohort(programme, label, dates, status):
    existing = programme.cohorts.filter(status=status).order_by("-starts_on").first()
    if existing:
        return existing
    name = f"{label} ({dates[0]:%Y}-{dates[1]:%y})"
    return Cohort.objects.create(
        programme=programme, name=name, starts_on=dates[0], ends_on=dates[1], status=status
    )


def seed() -> DemoWorld:
    programme, _ = Programme.objects.get_or_create(
        name="Digital Pioneer Fellowship",
        defaults={
            "description": (
                "A 12-month fellowship for people who lead digital transformation in "
                "health and care: teaching days, a real project, action learning sets "
                "and micro-mentoring."
            )
        },
    )
    completed_dates, running_dates = cohort_dates(timezone.localdate())
    world = DemoWorld(
        programme=programme,
        completed=_cohort(programme, "Cohort 1", completed_dates, Cohort.Status.COMPLETED),
        running=_cohort(programme, "Cohort 2", running_dates, Cohort.Status.RUNNING),
    )

    for email, name in [
        ("adviser@example.org", "Adaeze Nwosu"),
        ("adviser2@example.org", "Iain Petrie"),
    ]:
        user = person(email, name)
        grant(user, programme, Role.ADVISER, organisation="DigitalHealth.London")
        world.advisers.append(user)

    # For the Django admin at /admin/; no role on the programme.
    admin = person("admin@example.org", "Pioneer Administrator")
    if not (admin.is_staff and admin.is_superuser):
        admin.is_staff = admin.is_superuser = True
        admin.save(update_fields=["is_staff", "is_superuser"])

    mentors = [
        ("mentor@example.org", "Dr Helen Ashworth", "Chief Clinical Information Officer"),
        ("mentor2@example.org", "Marcus Oyelaran", "Director of Digital Strategy"),
        ("mentor3@example.org", "Sian Gwilliam", "Head of User-Centred Design"),
        ("mentor4@example.org", "Rajiv Menon", "Chief Information Officer"),
        ("mentor5@example.org", "Dr Claire Whitfield", "Director of Nursing, Digital"),
        ("mentor6@example.org", "Tunde Bakare", "Head of Data and Analytics"),
    ]
    for index, (email, name, title) in enumerate(mentors):
        user = person(email, name)
        organisation = ORGANISATIONS[(index * 5) % len(ORGANISATIONS)][0]
        grant(user, programme, Role.MENTOR, organisation=organisation, job_title=title)
        world.mentors.append(user)

    for email, name in [
        ("facilitator@example.org", "Gillian Forsyth"),
        ("facilitator2@example.org", "Kofi Asante"),
    ]:
        user = person(email, name)
        for cohort in world.cohorts:
            grant(user, programme, Role.FACILITATOR, cohort, organisation="Independent coach")
        world.facilitators.append(user)

    for offset, cohort in enumerate(world.cohorts):
        fellows = []
        for index in range(FELLOWS_PER_COHORT):
            n = offset * FELLOWS_PER_COHORT + index
            if cohort == world.running and index < 2:
                email = "fellow@example.org" if index == 0 else "fellow2@example.org"
            else:
                email = f"fellow.{cohort.starts_on:%Y}.{index + 1:02d}@example.org"
            name = f"{FIRST[n % len(FIRST)]} {LAST[(n * 7) % len(LAST)]}"
            user = person(email, name)
            organisation = ORGANISATIONS[n % len(ORGANISATIONS)][0]
            job_title, profession = ROLES[(n * 3) % len(ROLES)]
            grant(user, programme, Role.FELLOW, cohort, organisation, job_title, profession)
            fellows.append(user)
        world.fellows[cohort.pk] = fellows
    return world

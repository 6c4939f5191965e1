"""Privacy tests keep exports in a folder of their own, and can give one person a row in
every table that holds personal data."""

import datetime
from dataclasses import dataclass

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from allauth.usersessions.models import UserSession
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from accounts.factories import CohortFactory, MembershipFactory, make_fellow
from accounts.models import Invitation, Role, User
from audit.models import Action, Event, Subject
from cohorts.factories import AttendanceFactory, IntakeInterviewFactory, LearningSetFactory, place
from cohorts.models import DevelopmentGoal, IntakePrefill
from evaluation.factories import WaveFactory, make_framework
from evaluation.models import AdviserRating, Answer, Domain, Indicator, LookingBack, Response, Score
from mentoring.factories import BookingFactory, SlotFactory, days_ahead, make_mentor_profile
from mentoring.models import WaitlistEntry
from privacy.models import Erasure, RetentionNotice
from projects.factories import (
    CommentFactory,
    ImpactStatementFactory,
    MilestoneFactory,
    ProgressEntryFactory,
    ProjectFactory,
)
from projects.models import CommentReply, EvidenceLink, ProgressEntryRevision, ShowcasePlace
from recruitment.factories import (
    AnswerFactory,
    ApplicationFactory,
    CriterionFactory,
    InterviewSlotFactory,
    OfferFactory,
)
from recruitment.models import (
    ConflictDeclaration,
    DecisionRecord,
    EqualityResponse,
    InterviewBooking,
    InterviewChange,
    InterviewInvitation,
    InterviewScore,
    Review,
    ReviewAssignment,
    SupportRequest,
    UnsuccessfulEmail,
)
from recruitment.models import Score as RecruitmentScore
from tests.matrix import World


@pytest.fixture(autouse=True)
def exports_dir(settings, tmp_path):
    settings.STORAGES = settings.STORAGES | {
        "privacy_exports": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "exports")},
        }
    }
    return tmp_path / "exports"


@dataclass
class Everything:
    """The owner's rows, one or more in each table; what a test looks for afterwards."""

    person: User
    words: str  # a phrase they wrote, found in their free text
    mentor_slot_booking: object  # a session still to come where the person mentors
    fellow_booking: object  # a session still to come where the person is the fellow


WORDS = "Chloe's own words about her ward"


def give_everything(world: World) -> Everything:
    """Make `world.owner` a fellow with a project, interview, bookings, answers, scores
    and an application, a facilitator of a learning set, and a mentor on the other
    programme: a row in every table that can hold a person."""
    person, adviser = world.owner, world.adviser
    # accounts
    Invitation.objects.create(
        email=person.email,
        name=person.name,
        programme=world.programme,
        cohort=world.cohort,
        role=Role.FELLOW,
        token_hash="a" * 64,
        invited_by=adviser,
        expires_at=timezone.now() + datetime.timedelta(days=7),
        accepted_at=timezone.now(),
        accepted_by=person,
    )
    EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
    Authenticator.objects.create(user=person, type="recovery_codes", data={"seed": "secret"})
    SocialAccount.objects.create(
        user=person, provider="microsoft", uid="chloe-oid", extra_data={"mail": person.email}
    )
    UserSession.objects.create(
        user=person, ip="192.0.2.1", session_key="s" * 32, user_agent="Firefox"
    )
    LogEntry.objects.create(
        user=person,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(person.pk),
        object_repr=person.name,
        action_flag=ADDITION,
    )
    # cohorts
    own_set = LearningSetFactory(cohort=world.cohort, facilitator=person)
    place(LearningSetFactory(cohort=world.cohort), person)
    interview = IntakeInterviewFactory(
        cohort=world.cohort, fellow=person, interviewer=adviser, hopes=WORDS
    )
    DevelopmentGoal.objects.create(interview=interview, text=WORDS)
    AttendanceFactory(session__cohort=world.cohort, fellow=person, recorded_by=adviser)
    assert own_set.facilitator == person
    # projects
    project = ProjectFactory(cohort=world.cohort, fellow=person, summary=WORDS)
    MilestoneFactory(project=project)
    entry = ProgressEntryFactory(project=project, what_happened=WORDS)
    EvidenceLink.objects.create(entry=entry, url="https://example.org/chloe", label=WORDS)
    ProgressEntryRevision.objects.create(
        entry=entry, edited_by=person, happened_on=entry.happened_on, what_happened=WORDS, rag="G"
    )
    comment = CommentFactory(entry=entry, author=person, body=WORDS)
    CommentReply.objects.create(comment=comment, author=person, body=WORDS)
    ImpactStatementFactory(project=project, what_changed=WORDS)
    ShowcasePlace.objects.create(cohort=world.cohort, project=project, position=1)
    # mentoring: the owner books the world's mentor, and mentors on the other programme
    slot = SlotFactory(mentor=world.mentor, programme=world.programme, starts_at=days_ahead(4))
    fellow_booking = BookingFactory(
        slot=slot, fellow=person, cohort=world.cohort, agenda=WORDS, fellow_takeaway=WORDS
    )
    make_mentor_profile(
        world.other_programme,
        user=MembershipFactory(
            user=person, programme=world.other_programme, cohort=None, role=Role.MENTOR
        ).user,
        bio=WORDS,
    )
    own_slot = SlotFactory(mentor=person, programme=world.other_programme, starts_at=days_ahead(5))
    mentee = make_fellow(CohortFactory(programme=world.other_programme))
    mentor_slot_booking = BookingFactory(
        slot=own_slot, fellow=mentee, cohort=mentee.memberships.get().cohort
    )
    SlotFactory(mentor=person, programme=world.other_programme, starts_at=days_ahead(6))
    WaitlistEntry.objects.create(
        mentor=world.mentor,
        fellow=person,
        programme=world.programme,
        expires_at=timezone.now() + datetime.timedelta(days=14),
    )
    # evaluation
    framework = make_framework(adviser_rated={"skilled": 1})
    wave = WaveFactory(cohort=world.cohort, framework=framework)
    response = Response.objects.create(wave=wave, fellow=person, submitted_at=timezone.now())
    statement = Indicator.objects.filter(
        domain__framework=framework, kind=Indicator.Kind.SELF_ASSESSMENT
    ).first()
    Answer.objects.create(response=response, indicator=statement, value=3)
    domain = Domain.objects.get(framework=framework, key="skilled")
    LookingBack.objects.create(response=response, domain=domain, value=2)
    rated = Indicator.objects.get(domain__framework=framework, kind=Indicator.Kind.ADVISER_RATING)
    AdviserRating.objects.create(
        wave=wave, fellow=person, indicator=rated, value=3, rated_by=adviser
    )
    Score.objects.create(
        wave=wave,
        fellow=person,
        domain=domain,
        value=60,
        answered=1,
        expected=1,
        evidence=[{"statement": "Met", "records": [world.fellow.name]}],
    )
    # recruitment
    application = ApplicationFactory(applicant=person, decided_by=adviser)
    AnswerFactory(application=application, text=WORDS)
    SupportRequest.objects.create(
        application=application,
        manager_name="Dr Ward Manager",
        manager_email="manager@example.org",
        token_hash="b" * 64,
        statement=WORDS,
    )
    EqualityResponse.objects.create(application=application, ethnicity="Prefer not to say")
    DecisionRecord.objects.create(
        application=application,
        decision="shortlisted",
        reason=WORDS,
        decided_by=adviser,
        decided_at=timezone.now(),
    )
    assignment = ReviewAssignment.objects.create(
        application=application, reviewer=adviser, assigned_by=adviser
    )
    RecruitmentScore.objects.create(
        review=Review.objects.create(assignment=assignment),
        criterion=CriterionFactory(round=application.round),
        score=4,
        comment=WORDS,
    )
    ConflictDeclaration.objects.create(
        reviewer=world.mentor, application=application, reason="We work on the same ward"
    )
    InterviewInvitation.objects.create(application=application)
    InterviewBooking.objects.create(
        slot=InterviewSlotFactory(round=application.round), application=application
    )
    InterviewChange.objects.create(
        application=application,
        kind=InterviewChange.Kind.CANCELLED,
        old_booking_id=1,
        starts_at=application.round.closes_at,
        ends_at=application.round.closes_at,
        place="Room 1",
    )
    InterviewScore.objects.create(application=application, by=adviser, score=4, notes=WORDS)
    OfferFactory(application=application)
    UnsuccessfulEmail.objects.create(
        application=ApplicationFactory(applicant=person), feedback=WORDS
    )
    IntakePrefill.objects.create(cohort=world.cohort, fellow=person, hopes=WORDS)
    # audit: something the owner did that concerns them and another fellow
    event = Event.objects.create(actor=person, action=Action.UPDATE, object_type="projects.comment")
    Subject.objects.create(event=event, person=person)
    Subject.objects.create(event=event, person=world.fellow)
    # privacy
    Erasure.objects.create(person=person, programme=world.programme, requested_by=adviser)
    RetentionNotice.objects.create(
        person=person, programme=world.programme, due_on=timezone.localdate()
    )
    return Everything(person, WORDS, mentor_slot_booking, fellow_booking)

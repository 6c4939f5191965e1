"""Interview slots, an applicant's booking of one, and the panel's scores.

A slot booked twice is refused by the database (one-to-one), so two applicants racing for
the last slot get one booking and one plain message, never a 500.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from audit import services as audit
from audit.models import Action
from core.changes import Places, record
from core.clock import london_span
from core.db import refused_on_conflict, refused_when_busy
from core.mail import enqueue
from recruitment.models import (
    Application,
    InterviewBooking,
    InterviewChange,
    InterviewInvitation,
    InterviewScore,
    InterviewSlot,
    Round,
)
from recruitment.models.interviews import ALREADY_BOOKED, SLOT_TAKEN

Decision = Application.Decision
# An applicant may cancel or move their interview until this long before it starts.
CHANGE_CUTOFF = datetime.timedelta(hours=24)


def _clean(instance) -> None:
    """full_clean() with the messages flattened, so a form shows them at the top."""
    try:
        instance.full_clean()
    except ValidationError as error:
        raise ValidationError(error.messages) from error


def interview_slot_create(
    *, round: Round, day: datetime.date, start: datetime.time, minutes: int, place: str
) -> InterviewSlot:
    """Publish a slot at a UK wall-clock time."""
    starts_at, ends_at = london_span(day, start, minutes)
    if starts_at <= timezone.now():
        raise ValidationError("Choose a time in the future.")
    slot = InterviewSlot(round=round, starts_at=starts_at, ends_at=ends_at, place=place.strip())
    _clean(slot)
    slot.save()
    return slot


@transaction.atomic
def interview_slot_remove(*, slot: InterviewSlot) -> None:
    """Take back a slot nobody has booked."""
    locked = InterviewSlot.objects.select_for_update().get(pk=slot.pk)
    if InterviewBooking.objects.filter(slot=locked).exists():
        raise ValidationError("This slot is booked, so it cannot be removed.")
    locked.delete()


@transaction.atomic
def interview_invitations_send(*, round: Round) -> int:
    """Email every shortlisted applicant not yet asked to choose an interview slot."""
    if not InterviewSlot.objects.filter(round=round, starts_at__gt=timezone.now()).exists():
        raise ValidationError("Add interview slots first: the email asks applicants to choose one.")
    waiting = Application.objects.filter(
        round=round, decision=Decision.SHORTLISTED, interview_invitation__isnull=True
    ).values_list("pk", flat=True)
    made = InterviewInvitation.objects.bulk_create(
        [InterviewInvitation(application_id=pk) for pk in waiting]
    )
    if not made:
        raise ValidationError("Every shortlisted applicant has been asked to book already.")
    # One insert sends no signal: the trail and the round's stamp are written here.
    audit.changes_record(action=Action.CREATE, pairs=[(None, invitation) for invitation in made])
    record(Places(rounds={round.pk}))
    for invitation in made:
        enqueue("recruitment.tasks.send_interview_invitation", invitation.pk)
    return len(made)


def _bookable(application: Application) -> None:
    if application.decision != Decision.SHORTLISTED:
        raise ValidationError("Only applicants shortlisted for interview can book one.")


@refused_when_busy()
@transaction.atomic
def interview_book(*, application: Application, slot: InterviewSlot) -> InterviewBooking:
    """A shortlisted applicant books a free slot of their round, and gets an invite."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    _bookable(application)
    if slot.round_id != application.round_id:
        raise ValidationError(SLOT_TAKEN)
    if slot.starts_at <= timezone.now():
        raise ValidationError("This slot has already started. Choose a later time.")
    if InterviewBooking.objects.filter(application=application).exists():
        raise ValidationError(ALREADY_BOOKED)
    booking = InterviewBooking(slot=slot, application=application)
    _clean(booking)
    with refused_on_conflict(SLOT_TAKEN):
        booking.save()
    enqueue("recruitment.tasks.send_interview_invite", booking.pk)
    return booking


def change_deadline(booking: InterviewBooking) -> datetime.datetime:
    return booking.slot.starts_at - CHANGE_CUTOFF


def _changeable(application: Application, now: datetime.datetime) -> InterviewBooking:
    booking = (
        InterviewBooking.objects.select_related("slot").filter(application=application).first()
    )
    if booking is None:
        raise ValidationError("You have no interview booked.")
    if now >= change_deadline(booking):
        raise ValidationError(
            "Your interview is less than 24 hours away, so it can no longer be changed "
            "here. Contact the programme team."
        )
    return booking


def _record_change(booking: InterviewBooking, kind: str, new_slot=None) -> InterviewChange:
    change = InterviewChange.objects.create(
        application_id=booking.application_id,
        kind=kind,
        old_booking_id=booking.pk,
        starts_at=booking.slot.starts_at,
        ends_at=booking.slot.ends_at,
        place=booking.slot.place,
        new_slot=new_slot,
    )
    booking.delete()
    enqueue("recruitment.tasks.send_interview_changed", change.pk)
    enqueue("recruitment.tasks.send_interview_cancel", change.pk)
    return change


@refused_when_busy()
@transaction.atomic
def interview_cancel(
    *, application: Application, now: datetime.datetime | None = None
) -> InterviewChange:
    """The applicant gives up their slot, up to CHANGE_CUTOFF before it; the slot is free
    again and they may book another while they are shortlisted."""
    now = now or timezone.now()
    application = Application.objects.select_for_update().get(pk=application.pk)
    booking = _changeable(application, now)
    return _record_change(booking, InterviewChange.Kind.CANCELLED)


@refused_when_busy()
@transaction.atomic
def interview_move(
    *, application: Application, slot: InterviewSlot, now: datetime.datetime | None = None
) -> InterviewBooking:
    """The applicant swaps their slot for a free one, up to CHANGE_CUTOFF before theirs.
    The old booking goes (its calendar event is cancelled) and a new one takes the slot; a
    slot taken meanwhile refuses the whole move, keeping the old booking."""
    now = now or timezone.now()
    application = Application.objects.select_for_update().get(pk=application.pk)
    _bookable(application)
    booking = _changeable(application, now)
    if slot.round_id != application.round_id or slot.pk == booking.slot_id:
        raise ValidationError("Choose a different time from the one you have.")
    if slot.starts_at <= now:
        raise ValidationError("This slot has already started. Choose a later time.")
    _record_change(booking, InterviewChange.Kind.MOVED, new_slot=slot)
    moved = InterviewBooking(slot=slot, application=application)
    _clean(moved)
    with refused_on_conflict(SLOT_TAKEN):
        moved.save()
    enqueue("recruitment.tasks.send_interview_invite", moved.pk)
    return moved


@transaction.atomic
def interview_score_save(
    *, application: Application, by: User, score: int, notes: str = ""
) -> InterviewScore:
    """A panel member records (or corrects) their score and notes on an interview."""
    if not InterviewBooking.objects.filter(application=application).exists():
        raise ValidationError("This applicant has not booked an interview.")
    record = InterviewScore.objects.filter(application=application, by=by).first()
    record = record or InterviewScore(application=application, by=by)
    record.score = score
    record.notes = notes.strip()
    _clean(record)
    with refused_on_conflict("Your score was saved a moment ago. Check it and save again."):
        record.save()
    return record

"""Recruitment's emails and its daily tidy-up. Each email task takes ids, loads, and claims
its row before sending, so running it twice, or on two workers at once, sends once."""

import dataclasses
from email.utils import parseaddr

from celery import shared_task
from django.conf import settings
from django.urls import reverse

from accounts.models import Membership, Role, hash_token
from core.ical import CalendarEvent, build_calendar, uid_for
from core.mail import EMAIL_TASK_OPTIONS, send_once, send_templated_email
from recruitment.models import (
    ConflictDeclaration,
    InterviewBooking,
    InterviewChange,
    InterviewInvitation,
    Offer,
    SupportRequest,
    UnsuccessfulEmail,
)
from recruitment.selectors.interviews import interview_event
from recruitment.selectors.offers import uk_deadline, waiting_list
from recruitment.services.offers import offers_lapse


@shared_task(**EMAIL_TASK_OPTIONS)
def send_support_request(support_id: int, token: str) -> None:
    """Email the line manager their link; a link since replaced is never sent."""
    support = (
        SupportRequest.objects.select_related("application__applicant", "application__round")
        .filter(pk=support_id, token_hash=hash_token(token), status=SupportRequest.Status.WAITING)
        .first()
    )
    if support is None:
        return
    with send_once(SupportRequest.objects.filter(pk=support.pk), "sent_at") as won:
        if won:
            send_templated_email(
                to=[support.manager_email],
                template="recruitment_support_request",
                context={
                    "support": support,
                    "applicant": support.application.applicant,
                    "round": support.application.round,
                    "reminder": support.reminded_at is not None,
                    "respond_path": reverse("recruitment:support_respond", args=[token]),
                },
            )


@shared_task(**EMAIL_TASK_OPTIONS)
def send_interview_invitation(invitation_id: int) -> None:
    """Ask a shortlisted applicant to choose an interview slot."""
    invitation = (
        InterviewInvitation.objects.select_related(
            "application__applicant", "application__round__cohort__programme"
        )
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None:
        return
    with send_once(InterviewInvitation.objects.filter(pk=invitation_id), "sent_at") as won:
        if won:
            send_templated_email(
                to=[invitation.application.applicant.email],
                template="recruitment_interview_invitation",
                context={
                    "application": invitation.application,
                    "cohort": invitation.application.round.cohort,
                },
            )


@shared_task(**EMAIL_TASK_OPTIONS)
def send_interview_invite(booking_id: int) -> None:
    booking = (
        InterviewBooking.objects.select_related(
            "slot", "application__applicant", "application__round__cohort__programme"
        )
        .filter(pk=booking_id)
        .first()
    )
    if booking is None:
        return
    with send_once(InterviewBooking.objects.filter(pk=booking_id), "invite_sent_at") as won:
        if won:
            event = dataclasses.replace(
                interview_event(booking), organizer_email=parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
            )
            invite = build_calendar([event], method="REQUEST")
            send_templated_email(
                to=[booking.application.applicant.email],
                template="recruitment_interview_booked",
                context={"booking": booking, "cohort": booking.application.round.cohort},
                attachments=[("invite.ics", invite, "text/calendar")],
            )


def _change(change_id: int) -> InterviewChange | None:
    return (
        InterviewChange.objects.select_related(
            "application__applicant", "application__round__cohort__programme", "new_slot"
        )
        .filter(pk=change_id)
        .first()
    )


def _advisers_of(round_) -> list[str]:
    return list(
        Membership.objects.filter(
            programme_id=round_.cohort.programme_id, role=Role.ADVISER, is_active=True
        ).values_list("user__email", flat=True)
    )


@shared_task(**EMAIL_TASK_OPTIONS)
def send_interview_changed(change_id: int) -> None:
    """Tell the round's advisers an applicant cancelled or moved their interview."""
    change = _change(change_id)
    if change is None:
        return
    round_ = change.application.round
    advisers = _advisers_of(round_)
    with send_once(InterviewChange.objects.filter(pk=change.pk), "advisers_told_at") as won:
        if won and advisers:
            send_templated_email(
                to=advisers,
                template="recruitment_interview_changed",
                context={
                    "change": change,
                    "round": round_,
                    "path": reverse("recruitment:round_interviews", args=[round_.pk]),
                },
            )


@shared_task(**EMAIL_TASK_OPTIONS)
def send_interview_cancel(change_id: int) -> None:
    """Take the old interview out of the applicant's calendar (METHOD:CANCEL)."""
    change = _change(change_id)
    if change is None:
        return
    applicant = change.application.applicant
    with send_once(InterviewChange.objects.filter(pk=change.pk), "cancel_sent_at") as won:
        if won:
            event = CalendarEvent(
                uid=uid_for("interview", change.old_booking_id),
                start=change.starts_at,
                end=change.ends_at,
                summary=f"Interview for {change.application.round.cohort.programme.name}",
                location=change.place,
                sequence=1,
                cancelled=True,
                organizer_email=parseaddr(settings.DEFAULT_FROM_EMAIL)[1],
                attendee_emails=(applicant.email,),
            )
            send_templated_email(
                to=[applicant.email],
                template="recruitment_interview_cancelled",
                context={"change": change, "cohort": change.application.round.cohort},
                attachments=[
                    ("cancel.ics", build_calendar([event], method="CANCEL"), "text/calendar")
                ],
            )


@shared_task(**EMAIL_TASK_OPTIONS)
def send_offer(offer_id: int, token: str) -> None:
    offer = (
        Offer.objects.select_related("application__applicant")
        .filter(pk=offer_id, token_hash=hash_token(token), status=Offer.Status.SENT)
        .first()
    )
    if offer is None:
        return
    with send_once(Offer.objects.filter(pk=offer_id), "sent_at") as won:
        if won:
            send_templated_email(
                to=[offer.application.applicant.email],
                template="recruitment_offer",
                context={
                    "offer": offer,
                    "respond_path": reverse("recruitment:offer_respond", args=[token]),
                },
            )


@shared_task(**EMAIL_TASK_OPTIONS)
def send_unsuccessful_email(email_id: int) -> None:
    email = (
        UnsuccessfulEmail.objects.select_related("application__applicant")
        .filter(pk=email_id, queued_at__isnull=False)
        .first()
    )
    if email is None:
        return
    with send_once(UnsuccessfulEmail.objects.filter(pk=email_id), "sent_at") as won:
        if won:
            send_templated_email(
                to=[email.application.applicant.email],
                template="recruitment_unsuccessful",
                context={"email": email},
            )


@shared_task(**EMAIL_TASK_OPTIONS)
def send_place_free(offer_id: int) -> None:
    """Tell the round's advisers that a decline or a lapse freed a place, naming the top of
    the waiting list as it stands now."""
    offer = (
        Offer.objects.select_related("application__round__cohort__programme")
        .filter(pk=offer_id, status__in=(Offer.Status.DECLINED, Offer.Status.LAPSED))
        .first()
    )
    if offer is None:
        return
    round_ = offer.application.round
    advisers = _advisers_of(round_)
    with send_once(Offer.objects.filter(pk=offer.pk), "advisers_told_at") as won:
        if won and advisers:
            send_templated_email(
                to=advisers,
                template="recruitment_place_free",
                context={
                    "offer": offer,
                    "round": round_,
                    "next": waiting_list(round_).first(),
                    "path": reverse("recruitment:round_offers", args=[round_.pk]),
                },
            )


@shared_task(**EMAIL_TASK_OPTIONS)
def send_offer_lapsed(offer_id: int) -> None:
    """Tell the applicant their offer lapsed unanswered."""
    offer = (
        Offer.objects.select_related("application__applicant", "application__round__cohort")
        .filter(pk=offer_id, status=Offer.Status.LAPSED)
        .first()
    )
    if offer is None:
        return
    with send_once(Offer.objects.filter(pk=offer.pk), "lapse_told_at") as won:
        if won:
            send_templated_email(
                to=[offer.application.applicant.email],
                template="recruitment_offer_lapsed",
                context={
                    "offer": offer,
                    "cohort": offer.application.round.cohort,
                    "respond_by": uk_deadline(offer.respond_by),
                },
            )


@shared_task
def lapse_unanswered_offers() -> int:
    """Hourly (beat): offers past their deadline lapse, freeing places for the waiting list."""
    return offers_lapse()


@shared_task(**EMAIL_TASK_OPTIONS)
def send_reviewer_needed(conflict_id: int) -> None:
    """Tell the programme's advisers that a reviewer's conflict left an application with
    nobody free to take it."""
    conflict = (
        ConflictDeclaration.objects.select_related("application__round__cohort__programme")
        .filter(pk=conflict_id, application__isnull=False)
        .first()
    )
    if conflict is None:
        return
    round_ = conflict.application.round
    advisers = _advisers_of(round_)
    with send_once(ConflictDeclaration.objects.filter(pk=conflict.pk), "advisers_told_at") as won:
        if won and advisers:
            send_templated_email(
                to=advisers,
                template="recruitment_reviewer_needed",
                context={
                    "application": conflict.application,
                    "round": round_,
                    "path": reverse(
                        "recruitment:application_reviewers", args=[conflict.application_id]
                    ),
                },
            )

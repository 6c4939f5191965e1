"""The adviser's decision on an application, with its reason kept for the record: the
application holds the latest, and every decision is appended to its history.

The offers side (interviews, offer emails) acts on these decisions; it records them through
`application_decide` too."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from recruitment.models import Application, DecisionRecord, Offer

OFFER_STANDS = (
    "An offer has been sent to this applicant: the decision stands while the offer is "
    "waiting for an answer or has been accepted."
)

DECISIONS = [choice for choice in Application.Decision if choice != Application.Decision.NONE]


@transaction.atomic
def application_decide(
    *, application: Application, decision: str, reason: str, by: User
) -> Application:
    """Shortlist, offer, put on the waiting list or decline a submitted application."""
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if locked.status != Application.Status.SUBMITTED:
        raise ValidationError("Only a submitted application can be decided.")
    live = Offer.objects.filter(
        application=locked, status__in=[Offer.Status.SENT, Offer.Status.ACCEPTED]
    )
    if live.exists():
        raise ValidationError(OFFER_STANDS)
    if decision not in DECISIONS:
        raise ValidationError("Choose a decision.")
    reason = reason.strip()
    if not reason:
        raise ValidationError("Give the reason for this decision, for the record.")
    locked.decision = decision
    locked.decision_reason = reason
    locked.decided_at = timezone.now()
    locked.decided_by = by
    locked.full_clean(validate_constraints=False)
    locked.save(
        update_fields=["decision", "decision_reason", "decided_at", "decided_by", "updated"]
    )
    record = DecisionRecord(
        application=locked,
        decision=decision,
        reason=reason,
        decided_by=by,
        decided_at=locked.decided_at,
    )
    record.full_clean()
    record.save()
    application.decision = locked.decision
    application.decision_reason = locked.decision_reason
    application.decided_at = locked.decided_at
    application.decided_by = by
    return locked

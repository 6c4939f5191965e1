"""The email to applicants who were not offered a place, with curated feedback."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.mail import enqueue
from recruitment.models import Application, EmailTemplate, Round, UnsuccessfulEmail
from recruitment.selectors.offers import email_template_for, fill_placeholders, placeholder_values

NOT_DECLINED = "Feedback goes only to applicants who were not offered a place."


@transaction.atomic
def unsuccessful_feedback_save(*, application: Application, feedback: str) -> UnsuccessfulEmail:
    """The adviser writes the feedback to include, until the email has gone."""
    if application.decision != Application.Decision.DECLINED:
        raise ValidationError(NOT_DECLINED)
    email, _ = UnsuccessfulEmail.objects.select_for_update().get_or_create(application=application)
    if email.queued_at is not None:
        raise ValidationError("The email to this applicant has been sent already.")
    email.feedback = feedback.strip()
    email.full_clean()
    email.save(update_fields=["feedback"])
    return email


@transaction.atomic
def unsuccessful_emails_send(*, round: Round) -> int:
    """Send the round's unsuccessful email to every applicant not offered a place who has
    not had it yet; each gets it once."""
    template = email_template_for(round, EmailTemplate.Kind.UNSUCCESSFUL)
    applications = (
        Application.objects.select_for_update(of=("self",))
        .filter(round=round, decision=Application.Decision.DECLINED)
        .exclude(unsuccessful_email__queued_at__isnull=False)
        .select_related("applicant", "round__cohort__programme")
    )
    now = timezone.now()
    sent = 0
    for application in applications:
        email, _ = UnsuccessfulEmail.objects.get_or_create(application=application)
        values = placeholder_values(application)
        email.subject = fill_placeholders(template.subject, values)
        email.body = fill_placeholders(template.body, values)
        email.queued_at = now
        email.save(update_fields=["subject", "body", "queued_at"])
        enqueue("recruitment.tasks.send_unsuccessful_email", email.pk)
        sent += 1
    if not sent:
        raise ValidationError("Everyone not offered a place has had their email already.")
    return sent

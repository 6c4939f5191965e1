"""Applications as their applicant and their round's advisers see them."""

from django.db.models import QuerySet

from recruitment.models import Answer, Application, Question

APPLICATIONS = Application.objects.select_related(
    "round__cohort__programme", "round__form", "applicant"
)


# What an application's status shows its applicant (templates/recruitment/includes/status.html).
TOLD = ("offer", "unsuccessful_email", "interview__slot", "interview_invitation")


def applications_of(user) -> QuerySet[Application]:
    """The person's own applications, newest round first, with their support request and
    what they have been told: interview invitation and booking, offer, unsuccessful email."""
    return (
        Application.objects.filter(applicant=user)
        .select_related(*TOLD, "round__cohort__programme", "support")
        .order_by("-round__closes_at", "pk")
    )


def questions_with_answers(application: Application) -> list[tuple[Question, Answer | None]]:
    """(question, answer or None) in order: for a submitted application the version of the
    form it was submitted on (the round may have moved to a newer one since), for a draft
    the round's form as it is now."""
    answers = {
        answer.question_id: answer for answer in application.answers.select_related("question")
    }
    form_id = application.round.form_id
    if application.status == Application.Status.SUBMITTED and answers:
        form_id = max(answer.question.form_id for answer in answers.values())
    questions = Question.objects.filter(form_id=form_id).order_by("order", "pk")
    return [(question, answers.get(question.pk)) for question in questions]

"""Thin tasks: make a subject access export, email its link, delete expired files, and
apply retention daily."""

from celery import shared_task
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership, Programme, Role
from core.mail import EMAIL_TASK_OPTIONS, send_once, send_templated_email
from privacy.links import download_path
from privacy.models import Export, RetentionNotice
from privacy.services import exports, retention


@shared_task
def build_export(export_id: int) -> None:
    export = Export.objects.select_related("person").filter(pk=export_id).first()
    if export is not None:
        exports.export_build(export=export)


@shared_task(**EMAIL_TASK_OPTIONS)
def send_export_ready(export_id: int) -> None:
    export = Export.objects.select_related("person").filter(pk=export_id).first()
    if export is None or export.deleted_at is not None:
        return
    with send_once(Export.objects.filter(pk=export_id), "emailed_at") as won:
        if won:
            send_templated_email(
                to=[export.person.email],
                template="privacy_export_ready",
                context={
                    "person": export.person,
                    "export": export,
                    "download_path": download_path(export),
                },
            )


@shared_task
def delete_expired_exports() -> int:
    return exports.exports_delete_expired()


@shared_task
def apply_retention() -> tuple[int, int]:
    return retention.retention_apply(today=timezone.localdate())


@shared_task(**EMAIL_TASK_OPTIONS)
def send_retention_notice(programme_id: int) -> None:
    programme = Programme.objects.filter(pk=programme_id).first()
    if programme is None:
        return
    waiting = RetentionNotice.objects.filter(programme=programme, sent_at__isnull=True)
    notices = list(waiting.select_related("person").order_by("due_on", "person__name"))
    advisers = list(
        Membership.objects.filter(programme=programme, role=Role.ADVISER, is_active=True)
        .filter(user__is_active=True)
        .values_list("user__email", flat=True)
    )
    if not notices or not advisers:
        return
    with send_once(
        RetentionNotice.objects.filter(pk__in=[n.pk for n in notices]), "sent_at"
    ) as won:
        if won:
            send_templated_email(
                to=advisers,
                template="privacy_retention_notice",
                context={
                    "programme": programme,
                    "notices": notices,
                    "report_path": reverse("privacy:retention", args=[programme.pk]),
                },
            )

"""A person's own data: ask for a copy, and download it from the emailed link."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.models import Programme
from accounts.roles import roles_of
from privacy import links, selectors
from privacy.services.exports import export_request, export_storage


@login_required
def index(request):
    exports = selectors.exports_of(request.user)[:10]
    programmes = Programme.objects.filter(pk__in=roles_of(request.user).adviser_programmes)
    return render(
        request,
        "privacy/index.html",
        {
            "exports": [(export, links.download_path(export)) for export in exports],
            "programmes": programmes,
            "now": timezone.now(),
        },
    )


@require_POST
@login_required
def export_ask(request):
    waiting = selectors.exports_of(request.user).filter(ready_at__isnull=True)
    if waiting.filter(requested_at__gte=timezone.now() - datetime.timedelta(hours=1)).exists():
        messages.info(request, "Your copy is being prepared. We will email you when it is ready.")
    else:
        export_request(person=request.user)
        messages.success(
            request,
            "We are preparing a copy of your data. We will email you a link to download it; "
            "the link works for 7 days.",
        )
    return redirect("privacy:index")


@login_required
def export_download(request, token):
    export_id = links.export_id_of(token)
    export = (
        selectors.exports_of(request.user)
        .filter(pk=export_id, ready_at__isnull=False, deleted_at__isnull=True)
        .filter(expires_at__gt=timezone.now())
        .first()
    )
    if export is None:
        raise Http404("No copy of your data matches this link.")
    response = StreamingHttpResponse(_chunks(export.file), content_type="application/zip")
    response["Content-Disposition"] = (
        f'attachment; filename="pioneer-data-{export.ready_at:%Y-%m-%d}.zip"'
    )
    response.about = request.user  # whose data, for the audit trail's record of the download
    return response


def _chunks(name: str):
    # Opened only once the response is sent, and closed at its end, wherever it is stored.
    with export_storage().open(name, "rb") as stored:
        yield from iter(lambda: stored.read(64 * 1024), b"")

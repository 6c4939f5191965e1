"""The emailed download link of an export: signed, and good for the export's 7 days."""

import datetime

from django.core import signing
from django.urls import reverse

from privacy.models import Export
from privacy.services.exports import LINK_DAYS

_SALT = "privacy.export"


def download_path(export: Export) -> str:
    token = signing.dumps(export.pk, salt=_SALT, compress=False)
    return reverse("privacy:export_download", args=[token])


def export_id_of(token: str) -> int | None:
    """The export a link names, or None when it is forged or more than 7 days old."""
    try:
        value = signing.loads(token, salt=_SALT, max_age=datetime.timedelta(days=LINK_DAYS))
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None

"""Give recorded events their request, and record every file a person downloads."""

from audit import services
from audit.context import origin, origin_of


class AuditMiddleware:
    """After AuthenticationMiddleware. Any response sent as an attachment (every CSV and
    report export, the subject access file) is recorded as a download, so an export
    added later is recorded without remembering to."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = origin.set(origin_of(request))
        try:
            response = self.get_response(request)
            attachment = response.get("Content-Disposition", "").startswith("attachment")
            if attachment and response.status_code == 200:
                services.download_record(
                    file_name=_file_name(response["Content-Disposition"]),
                    about=getattr(response, "about", None),
                    people=getattr(response, "people", None),
                )
            return response
        finally:
            origin.reset(token)


def _file_name(disposition: str) -> str:
    _, _, name = disposition.partition("filename=")
    return name.strip().strip('"')[:200]

from django.urls import path

from privacy.views import erasures, exports, retention

app_name = "privacy"

urlpatterns = [
    path("", exports.index, name="index"),
    path("exports/", exports.export_ask, name="export_ask"),
    path("exports/<str:token>/", exports.export_download, name="export_download"),
    path("programmes/<int:pk>/erasures/", erasures.erasures, name="erasures"),
    path("erasures/<int:pk>/confirm/", erasures.erasure_confirm, name="erasure_confirm"),
    path("erasures/<int:pk>/withdraw/", erasures.erasure_withdraw, name="erasure_withdraw"),
    path("programmes/<int:pk>/retention/", retention.retention, name="retention"),
]

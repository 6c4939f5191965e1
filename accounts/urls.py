from django.urls import path

from accounts import views

urlpatterns = [
    path("programmes/<int:pk>/", views.programme_detail, name="programme_detail"),
    path("programmes/<int:pk>/invite/", views.invite, name="invite"),
    path("invitations/<int:pk>/withdraw/", views.invitation_revoke, name="invitation_revoke"),
    path("invitations/<int:pk>/resend/", views.invitation_resend, name="invitation_resend"),
    path("invitations/accept/<str:token>/", views.invitation_accept, name="invitation_accept"),
    # Beside allauth's /accounts/sessions/, so advisers still to set up MFA may use it too.
    path("accounts/sessions/everywhere/", views.sign_out_everywhere, name="sign_out_everywhere"),
]

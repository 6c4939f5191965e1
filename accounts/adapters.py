from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


class AccountAdapter(DefaultAccountAdapter):
    """People join Pioneer by invitation, never by signing up on their own."""

    def is_open_for_signup(self, request):
        return settings.PIONEER_OPEN_SIGNUP

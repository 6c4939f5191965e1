"""A superuser erases anyone from the people admin, applicants with no role among them;
staff who are not superusers are not offered it."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from accounts.factories import UserFactory
from accounts.models import User
from privacy.models import Erasure
from recruitment.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:accounts_user_changelist"


def admin_client(**flags) -> tuple[Client, User]:
    user = UserFactory(is_staff=True, **flags)
    client = Client()
    client.force_login(user)
    return client, user


def test_a_superuser_erases_an_applicant_from_the_admin():
    client, superuser = admin_client(is_superuser=True)
    applicant = ApplicationFactory(applicant__name="Harriet Applicant").applicant

    response = client.post(
        reverse(CHANGELIST),
        {"action": "erase", "_selected_action": [applicant.pk, superuser.pk]},
        follow=True,
    )

    assert "Erased 1 person." in response.text
    applicant.refresh_from_db()
    assert applicant.name == f"Former applicant {applicant.pk}"
    assert not applicant.is_active
    assert Erasure.objects.get(person=applicant).confirmed_by == superuser
    assert User.objects.get(pk=superuser.pk).is_active  # never themself
    history = client.get(reverse("admin:accounts_user_history", args=[applicant.pk])).text
    assert "Harriet Applicant" not in history


def test_staff_who_are_not_superusers_are_not_offered_erasure():
    client, staff = admin_client(is_superuser=False)
    staff.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_user", "change_user"])
    )
    person = UserFactory()

    page = client.get(reverse(CHANGELIST)).text
    client.post(reverse(CHANGELIST), {"action": "erase", "_selected_action": [person.pk]})

    assert 'value="erase"' not in page
    assert User.objects.get(pk=person.pk).is_active

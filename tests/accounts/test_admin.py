"""The admin saves through the models' own checks."""

import pytest
from django.urls import reverse

from accounts.factories import UserFactory
from accounts.models import Programme

pytestmark = pytest.mark.django_db


def test_the_admin_refuses_a_programme_name_with_a_hidden_direction_character(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.post(
        reverse("admin:accounts_programme_add"),
        {
            "name": "Digital Pioneer\u202e Fellowship",
            "description": "",
            "cohorts-TOTAL_FORMS": "0",
            "cohorts-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200
    assert "Remove the hidden characters that change the direction of the text" in response.text
    assert not Programme.objects.exists()

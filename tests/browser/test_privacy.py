"""The privacy pages in Chromium: each passes axe-core, and a fellow gets a copy of their
data and an adviser sets retention and asks for an erasure by keyboard alone."""

import pytest

from accounts.models import Programme
from privacy.models import Erasure
from tests.browser.axe import violations
from tests.browser.test_keyboard import banner, href_is, press_enter, sign_in, tab_to, text_is

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _exports_in_tmp(settings, tmp_path):
    settings.STORAGES = settings.STORAGES | {
        "privacy_exports": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        }
    }


def test_a_fellow_downloads_a_copy_of_their_data_by_keyboard(demo, page):
    sign_in(page, "fellow@example.org")
    page.goto("/accounts/email/")
    tab_to(page, href_is("/privacy/"))
    press_enter(page)
    assert violations(page) == []

    tab_to(page, text_is("Ask for a copy of your data"))
    press_enter(page)

    assert "We are preparing a copy of your data" in banner(page)
    assert violations(page) == []
    tab_to(page, "(el.textContent || '').startsWith('Download the copy')")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.startswith("pioneer-data-")


def test_an_adviser_sets_retention_and_asks_for_an_erasure_by_keyboard(demo, page):
    programme = Programme.objects.get()
    sign_in(page, "adviser@example.org")
    page.goto(f"/programmes/{programme.pk}/")
    tab_to(page, href_is(f"/privacy/programmes/{programme.pk}/retention/"))
    press_enter(page)
    assert violations(page) == []
    tab_to(page, "el.id === 'id_retention_years'")
    page.keyboard.press("Control+A")
    page.keyboard.type("0")
    press_enter(page)
    assert page.title().startswith("Error: ")
    assert violations(page) == []
    tab_to(page, "el.id === 'id_retention_years'")
    page.keyboard.press("Control+A")
    page.keyboard.type("7")
    press_enter(page)
    assert "now keeps personal data for 7 years" in banner(page)

    page.goto(f"/programmes/{programme.pk}/")
    tab_to(page, href_is(f"/privacy/programmes/{programme.pk}/erasures/"))
    press_enter(page)
    assert violations(page) == []
    tab_to(page, text_is("Ask for erasure"))
    press_enter(page)
    assert page.title().startswith("Error: ")
    assert violations(page) == []
    tab_to(page, "el.id === 'id_person'")
    page.keyboard.press("ArrowDown")
    tab_to(page, "el.id === 'id_understood'")
    page.keyboard.press("Space")
    tab_to(page, text_is("Ask for erasure"))
    press_enter(page)

    assert "Another adviser of" in banner(page)
    assert violations(page) == []
    assert Erasure.objects.filter(done_at__isnull=True).count() == 1
    assert Programme.objects.get().retention_years == 7

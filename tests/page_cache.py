"""Helpers for tests of pages served whole from the cache (core.cached.page)."""

from django.test import Client


def signed_in(user) -> Client:
    """A browser of its own, signed in as `user`: each person's pages are cached apart."""
    client = Client()
    client.force_login(user)
    return client


def cached(response) -> bool:
    """Served from the cache: no template was rendered for it."""
    assert response.status_code == 200
    return response.context is None


def warm(client, url) -> str:
    """View the page twice, the second time from the cache; returns its text."""
    first = client.get(url)
    assert not cached(first)
    second = client.get(url)
    assert cached(second)
    return second.text

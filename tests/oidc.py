"""A local OpenID Connect provider for tests (oidc-provider-mock), and Pioneer set up to
use it, so single sign-on is tested through its real redirects, tokens and user info."""

from contextlib import contextmanager
from urllib.parse import urlsplit

import requests
from oidc_provider_mock import run_server_in_thread

PROVIDER_ID = "testidp"
PROVIDER_NAME = "Test Health Trust"


class IdentityProvider:
    def __init__(self, url: str):
        self.url = url

    def add_person(self, sub: str, **claims) -> None:
        """A person the provider knows, with the claims it will give Pioneer."""
        response = requests.put(f"{self.url}/users/{sub}", json=claims, timeout=5)
        response.raise_for_status()

    def approve(self, authorize_url: str, sub: str) -> str:
        """Sign in at the provider as `sub`; the URL it sends the browser back to."""
        response = requests.post(authorize_url, data={"sub": sub}, allow_redirects=False, timeout=5)
        assert response.status_code == 302, response.text
        return response.headers["Location"]

    def settings(self) -> dict:
        return {
            "openid_connect": {
                "OAUTH_PKCE_ENABLED": True,
                "APPS": [
                    {
                        "provider_id": PROVIDER_ID,
                        "name": PROVIDER_NAME,
                        "client_id": "pioneer",
                        "secret": "pioneer-secret",
                        "settings": {"server_url": self.url},
                    }
                ],
            }
        }


@contextmanager
def identity_provider():
    with run_server_in_thread() as server:
        yield IdentityProvider(f"http://localhost:{server.server_port}")


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"

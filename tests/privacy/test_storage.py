"""Copies of people's data are kept through Django's storage API: local files unless a
bucket is configured, then S3-compatible object storage (django-storages)."""

import json
import os
import subprocess
import sys

from django.conf import settings

STORAGE = (
    "from django.core.files.storage import storages; import json; s = storages['privacy_exports'];"
    "print(json.dumps([type(s).__module__ + '.' + type(s).__name__,"
    " getattr(s, 'bucket_name', None), getattr(s, 'endpoint_url', None),"
    " getattr(s, 'location', None)]))"
)


def storage_with(**env) -> list:
    """The export storage a fresh process builds from `env`, without touching the network."""
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", STORAGE],
        cwd=settings.BASE_DIR,
        env={**os.environ, **env, "DATABASE_URL": "sqlite:///:memory:"},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_exports_are_local_files_by_default(tmp_path):
    backend, _, _, location = storage_with(PRIVACY_EXPORTS_ROOT=str(tmp_path))

    assert backend == "django.core.files.storage.filesystem.FileSystemStorage"
    assert location == str(tmp_path)


def test_a_bucket_keeps_exports_in_s3_compatible_storage():
    backend, bucket, endpoint, location = storage_with(
        PRIVACY_EXPORTS_BUCKET="pioneer-exports",
        PRIVACY_EXPORTS_ENDPOINT_URL="https://minio.example.org",
        PRIVACY_EXPORTS_PREFIX="nhs-trust/exports",
    )

    assert backend == "storages.backends.s3.S3Storage"
    assert (bucket, endpoint, location) == (
        "pioneer-exports",
        "https://minio.example.org",
        "nhs-trust/exports",
    )

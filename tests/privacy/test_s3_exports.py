"""The subject access ZIP kept in real S3-compatible object storage: a moto server on a
free port, with the export storage configured exactly as the env would configure it."""

import datetime
import io
import json
import os
import subprocess
import sys
import zipfile

import boto3
import pytest
import time_machine
from django.utils import timezone
from moto.server import ThreadedMotoServer

from privacy.models import Export
from privacy.tasks import delete_expired_exports
from tests.matrix import LOGIN, assert_matrix, signed_in
from tests.privacy.test_exports import ask

pytestmark = pytest.mark.django_db

BUCKET = "pioneer-exports"
PREFIX = "nhs-trust/exports"
SETTING = (
    "from django.conf import settings; import json;"
    "print(json.dumps(settings.STORAGES['privacy_exports']))"
)


@pytest.fixture(scope="module")
def s3_server():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_server, settings, monkeypatch, exports_dir):
    """Point `privacy_exports` at the server; the STORAGES entry is the one a fresh process
    builds from the env, since settings read the env only at import."""
    env = {
        "PRIVACY_EXPORTS_BUCKET": BUCKET,
        "PRIVACY_EXPORTS_ENDPOINT_URL": s3_server,
        "PRIVACY_EXPORTS_REGION": "us-east-1",
        "PRIVACY_EXPORTS_PREFIX": PREFIX,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)  # the credentials boto3 reads in this process too
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", SETTING],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DATABASE_URL": "sqlite:///:memory:"},
        capture_output=True,
        text=True,
        check=True,
    )
    storage = json.loads(result.stdout.strip().splitlines()[-1])
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    # The settings fixture's change resets django.core.files.storage.storages.
    settings.STORAGES = settings.STORAGES | {"privacy_exports": storage}
    client = boto3.client("s3", endpoint_url=s3_server, region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def keys(client) -> list[str]:
    return [item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def test_the_zip_goes_to_the_bucket_downloads_for_its_owner_only_and_expires(
    client, world, bucket, exports_dir
):
    path = ask(client, world.owner)  # the real build task runs, then the email
    export = Export.objects.get(person=world.owner)

    key = f"{PREFIX}/{export.file}"
    assert keys(bucket) == [key]
    assert not exports_dir.exists()  # nothing fell back to local files
    stored = bucket.get_object(Bucket=BUCKET, Key=key)["Body"].read()
    people = json.loads(zipfile.ZipFile(io.BytesIO(stored)).read("accounts.user.json"))
    assert [person["email"] for person in people] == [world.owner.email]

    client.force_login(world.owner)
    response = client.get(path)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == stored
    assert_matrix(world, path, signed_in(404) | {"owner": 200, "anonymous": LOGIN})

    with time_machine.travel(timezone.now() + datetime.timedelta(days=7, minutes=1)):
        assert delete_expired_exports() == 1

    assert keys(bucket) == []
    client.force_login(world.owner)
    assert client.get(path).status_code == 404

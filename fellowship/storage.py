from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    """Hashed, compressed static files; NHS.UK frontend's JS is an ES module."""

    support_js_module_import_aggregation = True
    # Source maps name files the package does not ship; do not fail on them.
    manifest_strict = False

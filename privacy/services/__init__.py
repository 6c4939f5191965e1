"""Writes of the privacy app, one module per thing: exports, erasures, retention."""

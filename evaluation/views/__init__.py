"""Evaluation pages, one module per sub-domain."""

"""Reads shared by views and other apps, filtered by the rules of `cohorts/rules.py`."""

"""Reads shared by the evaluation's views, each filtered by the rules in rules.py."""

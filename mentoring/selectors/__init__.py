"""Reads shared by views, tasks and other apps. Lists are filtered by the rules' logic."""

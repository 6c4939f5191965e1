"""Reads shared by views, the home page and tasks, a module per sub-domain."""

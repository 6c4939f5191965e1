"""Cohort pages, one module per sub-domain. Views parse input and call services."""

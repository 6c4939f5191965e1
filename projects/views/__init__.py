"""Project pages, a module per sub-domain."""

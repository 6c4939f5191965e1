"""Demo projects: a plausible year of progress for every fellow."""

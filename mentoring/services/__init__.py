"""Every write a person can cause in mentoring."""

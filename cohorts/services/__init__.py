"""Every write a person can cause, one module per sub-domain."""

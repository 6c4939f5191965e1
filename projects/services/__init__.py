"""Every write a person can cause on projects, a module per sub-domain."""

"""Every write in the evaluation, one module per sub-domain."""

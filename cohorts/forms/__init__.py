"""Forms parse and check what people type; the services do the writing."""

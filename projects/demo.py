"""Demo data for this app; filled in with its issue. Must stay idempotent."""


def seed(world) -> None:
    return None

"""The personal data the audit trail holds: what each person did, and what was done about
them. Erasure changes nothing here: the trail is append-only, and it keeps no name,
email or free text (audit/models.py), so the anonymised account is all it points to."""

from core.personal_data import Holds

HOLDS = (
    Holds("audit.Event", by={"actor": {}, "subjects__person": {}}),
    Holds("audit.Subject", by={"person": {}}),
)

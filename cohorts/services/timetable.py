"""A cohort's timetable: adding, changing and removing sessions."""

from django.core.exceptions import ValidationError
from django.db.models import ProtectedError

from accounts.models import Cohort
from cohorts.models import LearningSet, Session
from cohorts.services.cohorts import _within


def _check_session(session: Session) -> None:
    session.full_clean()
    if not _within(session.cohort, session.starts_at, session.ends_at):
        cohort = session.cohort
        raise ValidationError(
            f"The session must fall within the cohort's dates, {cohort.starts_on:%-d %B %Y} "
            f"to {cohort.ends_on:%-d %B %Y}."
        )


def session_create(
    *,
    cohort: Cohort,
    kind: str,
    title: str,
    starts_at,
    ends_at,
    location: str = "",
    online_link: str = "",
    description: str = "",
    learning_set: LearningSet | None = None,
) -> Session:
    session = Session(
        cohort=cohort,
        kind=kind,
        title=title.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        location=location.strip(),
        online_link=online_link.strip(),
        description=description.strip(),
        learning_set=learning_set,
    )
    _check_session(session)
    session.save()
    return session


SESSION_FIELDS = (
    "kind",
    "title",
    "starts_at",
    "ends_at",
    "location",
    "online_link",
    "description",
    "learning_set",
)


def session_update(*, session: Session, **changes) -> Session:
    """Change a session; its SEQUENCE goes up so calendars replace the old event."""
    unknown = set(changes) - set(SESSION_FIELDS)
    if unknown:
        raise TypeError(f"session_update() got unexpected fields {sorted(unknown)}")
    for name, value in changes.items():
        setattr(session, name, value.strip() if isinstance(value, str) else value)
    _check_session(session)
    session.sequence += 1
    session.save()
    return session


def session_delete(*, session: Session) -> None:
    # Attendance PROTECTs its session, so the delete itself refuses.
    try:
        session.delete()
    except ProtectedError as error:
        raise ValidationError(
            "Attendance has been taken for this session, so it cannot be deleted."
        ) from error

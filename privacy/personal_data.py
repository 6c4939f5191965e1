"""Personal data held by the libraries Pioneer uses (declared here, as they cannot), and
by the privacy app itself. Tables of an app that is not installed are skipped."""

from core.personal_data import Holds

HOLDS = (
    # The admin's history names people in its log lines.
    Holds("admin.LogEntry", by={"user": {}}, mentions=("object_repr", "change_message")),
    # Sign-in addresses and second factors go: an erased account never signs in again.
    Holds("account.EmailAddress", by={"user": {}}, delete=True),
    Holds("mfa.Authenticator", by={"user": {}}, delete=True, secret=("data",)),
    Holds("socialaccount.SocialAccount", by={"user": {}}, delete=True),
    # Erasure ends each session first (privacy.services.erasure), then the rows go.
    Holds("usersessions.UserSession", by={"user": {}}, delete=True, secret=("session_key",)),
    Holds("privacy.Export", by={"person": {}}, secret=("file",)),
    Holds("privacy.Erasure", by={"person": {}, "requested_by": {}, "confirmed_by": {}}),
    Holds("privacy.RetentionNotice", by={"person": {}}),
)

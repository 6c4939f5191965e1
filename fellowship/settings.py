"""Pioneer settings, read from the environment only.

With nothing set, the app runs on its embedded default: SQLite in the project
folder, Celery tasks run eagerly and email goes to the console.
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from fellowship.mailers import mailer_from_url

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=True)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable "
            "to a long random string before running with DEBUG off."
        )
    SECRET_KEY = "insecure-development-key-only-for-debug"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Exclusion constraints (mentoring); harmless on SQLite.
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.microsoft",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.usersessions",
    "crispy_forms",
    "rules.apps.AutodiscoverRulesConfig",
    "core",
    "accounts",
    "audit",
    "cohorts",
    "projects",
    "mentoring",
    "evaluation",
    "recruitment",
    "privacy",
    "seeding",
    "fellowship",
]

# Cached pages are keyed by the code that rendered them (core.changes.release):
# the newest file in these folders, so a deploy never serves HTML from old templates.
PIONEER_CODE_DIRS = [*INSTALLED_APPS[INSTALLED_APPS.index("core") :], "templates"]
# How long a cached page may sit unused; stamps, not time, keep it correct.
PIONEER_PAGE_CACHE_SECONDS = env.int("PIONEER_PAGE_CACHE_SECONDS", default=6 * 60 * 60)

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "audit.middleware.AuditMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.IdleTimeoutMiddleware",
    "accounts.middleware.BrowserCookieMiddleware",
    "accounts.middleware.AdviserMFAMiddleware",
]

# `make bench` turns these on: a bare view to compare pages with, and query counts.
PIONEER_BENCH = env.bool("PIONEER_BENCH", default=False)
if PIONEER_BENCH:
    MIDDLEWARE.insert(0, "fellowship.middleware.QueryCountHeaderMiddleware")

ROOT_URLCONF = "fellowship.urls"
WSGI_APPLICATION = "fellowship.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "fellowship.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The server answers requests in threads, each on its own connection. WAL lets pages
    # read while a booking writes; IMMEDIATE takes the write lock when a transaction
    # begins, so writers queue for up to `timeout` seconds. Without IMMEDIATE, two that
    # had both read could not both write, and SQLite failed one at once with
    # "database is locked". Options given in DATABASE_URL (`?timeout=5`) win.
    for option, value in {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }.items():
        DATABASES["default"].setdefault("OPTIONS", {}).setdefault(option, value)
_postgres = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
if _postgres and env.bool("DATABASE_JIT_OFF", default=True):
    # JIT compiling pays off for long reports, not for a page's small queries, where it
    # added up to 25 ms a query at national scale (bench/README.md). A pooler such as
    # PgBouncer refuses startup options: turn this off there and set jit on the server.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = " ".join(filter(None, [options.get("options"), "-c jit=off"]))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "accounts.backends.ModelBackend",
    "accounts.backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# Accounts: email is the login; allauth does sign-in, verification, reset and MFA.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = env.str("ACCOUNT_EMAIL_VERIFICATION", default="mandatory")
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Pioneer] "
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "5/5m/key,20/m/ip",
    "reset_password": "5/m/ip,3/5m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "signup": "20/m/ip",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Pioneer"
PIONEER_REQUIRE_ADVISER_MFA = env.bool("PIONEER_REQUIRE_ADVISER_MFA", default=False)
# Invitations are the way in; only someone applying to an open round may sign up
# (accounts.adapters.open_signup_until).
PIONEER_OPEN_SIGNUP = False
PIONEER_INVITATION_DAYS = env.int("PIONEER_INVITATION_DAYS", default=14)

# Single sign-on (README.md): NHSmail / Microsoft Entra, and any OpenID Connect provider.
# Each appears on the sign-in page only when its client id is set. Nobody gets an account
# this way without an invitation (accounts.adapters.SocialAccountAdapter).
SOCIALACCOUNT_ADAPTER = "accounts.adapters.SocialAccountAdapter"
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_PROVIDERS: dict[str, dict] = {}
PIONEER_MICROSOFT_CLIENT_ID = env.str("PIONEER_MICROSOFT_CLIENT_ID", default="")
if PIONEER_MICROSOFT_CLIENT_ID:
    # Required: NHSmail's tenant (or your own), so that addresses can be trusted.
    _tenant = env.str("PIONEER_MICROSOFT_TENANT")
    SOCIALACCOUNT_PROVIDERS["microsoft"] = {
        "SCOPE": ["openid", "email", "profile", "User.Read"],
        "APPS": [
            {
                "name": env.str("PIONEER_MICROSOFT_NAME", default="NHSmail / Microsoft"),
                "client_id": PIONEER_MICROSOFT_CLIENT_ID,
                "secret": env.str("PIONEER_MICROSOFT_SECRET"),
                # Graph's `mail` is trusted only from one named tenant (NHSmail's): in a
                # multi-tenant setting any tenant's administrator could set any address.
                "settings": {
                    "tenant": _tenant,
                    "verified_email": _tenant not in {"common", "organizations", "consumers"},
                },
            }
        ],
    }
PIONEER_OIDC_CLIENT_ID = env.str("PIONEER_OIDC_CLIENT_ID", default="")
_SSO_ORIGINS = ["https://login.microsoftonline.com"] if PIONEER_MICROSOFT_CLIENT_ID else []
if PIONEER_OIDC_CLIENT_ID:
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": [
            {
                "provider_id": env.str("PIONEER_OIDC_ID", default="oidc"),
                "name": env.str("PIONEER_OIDC_NAME", default="your organisation"),
                "client_id": PIONEER_OIDC_CLIENT_ID,
                "secret": env.str("PIONEER_OIDC_SECRET"),
                # The provider's `email_verified` claim says whether an address is verified.
                "settings": {"server_url": env.str("PIONEER_OIDC_SERVER_URL")},
            }
        ],
    }
    _server = urlsplit(env.str("PIONEER_OIDC_SERVER_URL"))
    _SSO_ORIGINS.append(f"{_server.scheme}://{_server.netloc}")

# Sessions: signed out after this many idle minutes; advisers, who see a whole programme,
# may be given a shorter limit. A cookie recognises browsers, to email about a new one.
PIONEER_IDLE_MINUTES = env.int("PIONEER_IDLE_MINUTES", default=30)
PIONEER_ADVISER_IDLE_MINUTES = env.int("PIONEER_ADVISER_IDLE_MINUTES", default=PIONEER_IDLE_MINUTES)
PIONEER_BROWSER_COOKIE = "pioneer_browser"
PIONEER_BROWSER_COOKIE_DAYS = 2 * 365

CRISPY_ALLOWED_TEMPLATE_PACKS = ("nhsuk",)
CRISPY_TEMPLATE_PACK = "nhsuk"
CRISPY_FAIL_SILENTLY = not DEBUG

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [
    ("nhsuk", BASE_DIR / "node_modules" / "nhsuk-frontend" / "dist" / "nhsuk"),
    BASE_DIR / "static",
    BASE_DIR / "build" / "static",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed names need `collectstatic`; with DEBUG on, files come straight from the finders.
        "BACKEND": env.str(
            "STATICFILES_BACKEND",
            default="django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "fellowship.storage.StaticStorage",
        )
    },
    # Subject access exports (privacy app): local files by default; S3-compatible object
    # storage when PRIVACY_EXPORTS_BUCKET is set, so every web server and worker sees them.
    "privacy_exports": (
        {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": env.str("PRIVACY_EXPORTS_BUCKET"),
                "endpoint_url": env.str("PRIVACY_EXPORTS_ENDPOINT_URL", default="") or None,
                "region_name": env.str("PRIVACY_EXPORTS_REGION", default="") or None,
                "location": env.str("PRIVACY_EXPORTS_PREFIX", default="privacy-exports"),
                "default_acl": "private",
                "querystring_auth": True,
                "file_overwrite": False,
            },
        }
        if env.str("PRIVACY_EXPORTS_BUCKET", default="")
        else {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {
                "location": env.str(
                    "PRIVACY_EXPORTS_ROOT", default=str(BASE_DIR / "var" / "privacy-exports")
                ),
                "base_url": None,
            },
        }
    ),
}
# runserver serves static files itself when DEBUG is on; elsewhere WhiteNoise serves the
# collected files. Finders would make WhiteNoise walk every file for each new handler.
WHITENOISE_USE_FINDERS = env.bool("WHITENOISE_USE_FINDERS", default=False)

# Celery's broker is CELERY_BROKER_URL, else REDIS_URL. With neither, tasks run in-process
# (tests, manage.py commands). `make run` sets CELERY_BROKER_URL=filesystem:// so that its
# worker takes tasks from files and needs no server.
REDIS_URL = env.str("REDIS_URL", default="")
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="") or REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env.bool(
    "CELERY_TASK_ALWAYS_EAGER", default=CELERY_BROKER_URL.startswith("memory://")
)
# A publish gives up within about two seconds when the broker is down or hung (one quick
# retry covers a connection Redis dropped on restart); the task then waits in core's outbox.
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 2}
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
if CELERY_BROKER_URL.startswith("filesystem://"):
    # The web server writes each task as a file into the queue folder, the worker reads
    # it from there. Kombu makes none of these folders; beat keeps its schedule beside them.
    _run = Path(env.str("PIONEER_RUN_DIR", default=str(BASE_DIR / ".run")))
    _folders = {"queue": _run / "broker" / "queue", "control": _run / "broker" / "control"}
    for _folder in _folders.values():
        _folder.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_folders["queue"]),
        "data_folder_out": str(_folders["queue"]),
        "control_folder": str(_folders["control"]),
    }
    CELERY_BEAT_SCHEDULE_FILENAME = str(_run / "beat-schedule")
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_TIME_LIMIT = 5 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 60
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE: dict[str, dict] = {
    # Tasks that could not reach the broker go out again; workers and beat say they are alive
    # (for /healthz). A run that waited past the next one is dropped.
    "core-sweep-outbox": {
        "task": "core.tasks.sweep_outbox",
        "schedule": 60,
        "options": {"expires": 55},
    },
    "core-heartbeat": {"task": "core.tasks.heartbeat", "schedule": 60, "options": {"expires": 55}},
    # The rows behind cached pages' stamps, folded at night.
    "core-changes-compact": {
        "task": "core.tasks.changes_compact",
        "schedule": crontab(minute=40, hour=3),
    },
    # Invitations whose task never ran (say, the broker was down) go out again.
    "accounts-unsent-invitations": {
        "task": "accounts.tasks.sweep_unsent_invitations",
        "schedule": 15 * 60,
    },
    # Mentoring: reminders 24 h and 1 h before, feedback after, nothing lost, waitlist expiry.
    "mentoring-reminders": {"task": "mentoring.tasks.send_due_reminders", "schedule": 5 * 60},
    "mentoring-feedback": {"task": "mentoring.tasks.request_due_feedback", "schedule": 15 * 60},
    "mentoring-unsent": {"task": "mentoring.tasks.sweep_unsent_emails", "schedule": 15 * 60},
    "mentoring-waitlist": {"task": "mentoring.tasks.expire_waitlist", "schedule": 24 * 60 * 60},
    # Evaluation: invite fellows when a wave opens (hourly in the working day, so a fellow
    # who joins late is invited too), remind non-responders once, refresh recent scores.
    "evaluation-invite-to-open-waves": {
        "task": "evaluation.tasks.invite_to_open_waves",
        "schedule": crontab(minute=5, hour="8-18"),
    },
    "evaluation-remind-non-responders": {
        "task": "evaluation.tasks.remind_non_responders",
        "schedule": crontab(minute=15, hour=10),
    },
    "evaluation-recompute-recent-scores": {
        "task": "evaluation.tasks.recompute_recent_scores",
        "schedule": crontab(minute=30, hour=2),
    },
    # Recruitment: offers unanswered by their deadline lapse, freeing the place.
    "recruitment-lapse-offers": {
        "task": "recruitment.tasks.lapse_unanswered_offers",
        "schedule": crontab(minute=10, hour="*"),
    },
    # Projects: remind fellows who have logged nothing for a fortnight (at most fortnightly).
    "projects-nudge-quiet-fellows": {
        "task": "projects.tasks.nudge_quiet_fellows",
        "schedule": crontab(hour=9, minute=30),
    },
    # Privacy: expired subject access files go; retention anonymises and warns daily.
    "privacy-delete-expired-exports": {
        "task": "privacy.tasks.delete_expired_exports",
        "schedule": crontab(minute=20),
    },
    "privacy-apply-retention": {
        "task": "privacy.tasks.apply_retention",
        "schedule": crontab(hour=3, minute=10),
    },
    # Projects: send comment emails whose task never reached the broker.
    "projects-sweep-unsent-comment-emails": {
        "task": "projects.tasks.sweep_unsent_comment_emails",
        "schedule": 15 * 60,
    },
}

if REDIS_URL:
    CACHES = {
        "default": {
            # Django's Redis cache that answers a miss when Redis is down (core/cache.py);
            # a hung Redis costs a request half a second, not a worker.
            "BACKEND": "core.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="pioneer"),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# EMAIL_URL, e.g. smtp+tls://user:password@smtp.example.org:587 (console when unset); the
# schemes are in README.md. EMAIL_TIMEOUT bounds each wait on the SMTP server, in seconds.
# Email goes out from Celery tasks only, so a slow server holds a worker, never a page.
MAILERS = {
    "default": mailer_from_url(
        env.str("EMAIL_URL", default="consolemail://"),
        timeout=env.float("EMAIL_TIMEOUT", default=10),
    )
}
PIONEER_UID_DOMAIN = env.str("PIONEER_UID_DOMAIN", default="pioneer.invalid")
# Links in emails; by default the port `make run` serves on (PORT).
SITE_URL = env.str("SITE_URL", default=f"http://127.0.0.1:{env.int('PORT', default=8000)}")
SITE_URL = SITE_URL.rstrip("/")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Pioneer <pioneer@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security. Behind a TLS-terminating proxy set SECURE_PROXY_SSL_HEADER_ENABLED.
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
# With Redis, sessions are read from the cache and kept in the database too, so a page costs
# one query less and nobody is signed out when the cache is emptied or Redis is down (then
# they are read from the database). Without it each worker would have its own local cache,
# and signing out on one would not sign out on the others.
if REDIS_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
if env.bool("SECURE_PROXY_SSL_HEADER_ENABLED", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
# A single sign-on button posts a form that redirects to the identity provider.
SECURE_CSP["form-action"] += _SSO_ORIGINS

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

# How many reverse proxies in front of Pioneer append to X-Forwarded-For. 0: the address
# the trail records is REMOTE_ADDR; N: the N-th hop from the right of X-Forwarded-For,
# the last one a trusted proxy saw (hops to its left are the client's to forge).
PIONEER_TRUSTED_PROXY_COUNT = env.int("PIONEER_TRUSTED_PROXY_COUNT", default=0)

# The audit trail records every save and delete of these models (audit/signals.py). For
# each: the path to its programme and to the people it is about, as ORM lookups ("pk" is
# the row itself). An app adding a model that holds someone's data adds it here.
AUDIT_MODELS = {
    "accounts.User": {"people": ["pk"]},
    "account.EmailAddress": {"people": ["user"]},  # allauth's: adding or verifying an address
    "accounts.Programme": {"programme": "pk"},
    "accounts.Cohort": {"programme": "programme"},
    "accounts.Membership": {"programme": "programme", "people": ["user"]},
    "accounts.Invitation": {"programme": "programme", "people": ["accepted_by"]},
    "cohorts.Theme": {"programme": "programme"},
    "cohorts.LearningSet": {"programme": "cohort__programme", "people": ["facilitator"]},
    "cohorts.LearningSetMember": {"programme": "cohort__programme", "people": ["fellow"]},
    "cohorts.IntakeInterview": {"programme": "cohort__programme", "people": ["fellow"]},
    "cohorts.DevelopmentGoal": {
        "programme": "interview__cohort__programme",
        "people": ["interview__fellow"],
    },
    "cohorts.Session": {"programme": "cohort__programme"},
    "cohorts.Attendance": {"programme": "session__cohort__programme", "people": ["fellow"]},
    "projects.Project": {"programme": "cohort__programme", "people": ["fellow"]},
    "projects.Milestone": {
        "programme": "project__cohort__programme",
        "people": ["project__fellow"],
    },
    "projects.ProgressEntry": {
        "programme": "project__cohort__programme",
        "people": ["project__fellow"],
    },
    "projects.Comment": {
        "programme": "entry__project__cohort__programme",
        "people": ["entry__project__fellow", "author"],
    },
    "projects.CommentReply": {
        "programme": "comment__entry__project__cohort__programme",
        "people": ["comment__entry__project__fellow", "author"],
    },
    "projects.ImpactStatement": {
        "programme": "project__cohort__programme",
        "people": ["project__fellow"],
    },
    "mentoring.MentoringRules": {"programme": "programme"},
    "mentoring.MentorProfile": {"programme": "programme", "people": ["user"]},
    "mentoring.Slot": {"programme": "programme", "people": ["mentor"]},
    "mentoring.Booking": {"programme": "cohort__programme", "people": ["fellow", "slot__mentor"]},
    "mentoring.WaitlistEntry": {"programme": "programme", "people": ["fellow", "mentor"]},
    "evaluation.Framework": {"programme": "programme"},
    "evaluation.Wave": {"programme": "cohort__programme"},
    # Answers and advisers' ratings are replaced in bulk: their services record them as
    # changes of the response, and of the wave (evaluation/services/answering.py).
    "evaluation.Response": {"programme": "wave__cohort__programme", "people": ["fellow"]},
    "recruitment.ApplicationForm": {"programme": "programme"},
    "recruitment.Round": {"programme": "cohort__programme"},
    "recruitment.Application": {"programme": "round__cohort__programme", "people": ["applicant"]},
    "recruitment.Answer": {
        "programme": "application__round__cohort__programme",
        "people": ["application__applicant"],
    },
    "recruitment.SupportRequest": {
        "programme": "application__round__cohort__programme",
        "people": ["application__applicant"],
    },
    "recruitment.ReviewAssignment": {
        "programme": "application__round__cohort__programme",
        "people": ["reviewer"],
    },
    # The reviewer's, not the applicant's: a blind round must not name its reviewers to
    # applicants. Equality monitoring is never recorded per person.
    "recruitment.Review": {
        "programme": "assignment__application__round__cohort__programme",
        "people": ["assignment__reviewer"],
    },
    "recruitment.InterviewSlot": {"programme": "round__cohort__programme"},
    "recruitment.InterviewInvitation": {
        "programme": "application__round__cohort__programme",
        "people": ["application__applicant"],
    },
    "recruitment.InterviewBooking": {
        "programme": "application__round__cohort__programme",
        "people": ["application__applicant"],
    },
    # The panel member's: the applicant hears the outcome, not each score as it is made.
    "recruitment.InterviewScore": {
        "programme": "application__round__cohort__programme",
        "people": ["by"],
    },
    "recruitment.EmailTemplate": {"programme": "round__cohort__programme"},
    "recruitment.Offer": {
        "programme": "application__round__cohort__programme",
        "people": ["application__applicant"],
    },
    # No person: its feedback is drafted before the applicant is told the outcome.
    "recruitment.UnsuccessfulEmail": {"programme": "application__round__cohort__programme"},
    "cohorts.IntakePrefill": {"programme": "cohort__programme", "people": ["fellow"]},
    # Asking for a copy of one's data, and erasures asked for and done.
    "privacy.Export": {"people": ["person"]},
    "privacy.Erasure": {"programme": "programme", "people": ["person"]},
}

"""Django settings, built from tiebook.config (the one place that reads the environment)."""

from __future__ import annotations

from tiebook import config
from tiebook.core import logs

CONFIG = config.load()

BASE_DIR = CONFIG.home
SECRET_KEY = config.secret_key(CONFIG.home)
DEBUG = CONFIG.debug
ALLOWED_HOSTS = list(CONFIG.allowed_hosts)
TIEBOOK_MODE = CONFIG.mode

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "tiebook.core",
    "tiebook.people",
    "tiebook.interactions",
    "tiebook.followups",
    "tiebook.interchange",
    "tiebook.accounts",
    "tiebook.web",
    "tiebook.events",
    "tiebook.opportunities",
    "tiebook.credentials",
    "tiebook.search",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "tiebook.web.middleware.security_headers",
    "tiebook.web.middleware.BusyDatabase",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "tiebook.urls"
WSGI_APPLICATION = "tiebook.wsgi.application"

DATABASES = {"default": CONFIG.database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tiebook.web.context.tiebook",
            ]
        },
    }
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = CONFIG.time_zone
USE_I18N = False
USE_TZ = True

TIEBOOK_USER = CONFIG.user

# Web: sessions, static files and security.
STATIC_URL = "/static/"
WHITENOISE_USE_FINDERS = True  # serve straight from the package: no collectstatic step
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:today"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Sessions in the database under the hash of their key: a copy of the database signs no one in.
SESSION_ENGINE = "tiebook.accounts.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 30
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Behind a TLS proxy (docs/deploy.md): the public origin, the proxy's word on the scheme, and
# HTTPS-only cookies, redirects and HSTS.
CSRF_TRUSTED_ORIGINS = [CONFIG.public_url] if CONFIG.public_url else []
TIEBOOK_TRUST_PROXY = CONFIG.trust_proxy
if CONFIG.trust_proxy:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# A server's passwords and sessions travel over HTTPS only (browsers also allow localhost).
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = CONFIG.https or CONFIG.mode == "server"
if CONFIG.https:
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    # Subdomains and the browsers' preload list are the domain owner's decision, not tiebook's:
    # other sites may live under the same domain, and preloading cannot be undone quickly.
    SILENCED_SYSTEM_CHECKS = ["security.W005", "security.W021"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Logging: Django's defaults and tiebook's in one configuration, applied here rather than by
# Django, whose defaults would first build a mail-to-admins handler tiebook has no use for.
LOGGING_CONFIG = None
LOGGING = logs.LOGGING
logs.configure()

"""Django settings, built from tiebook.config (the one place that reads the environment)."""

from __future__ import annotations

from tiebook import config

CONFIG = config.load()

BASE_DIR = CONFIG.home
SECRET_KEY = config.secret_key(CONFIG.home)
DEBUG = CONFIG.debug
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "tiebook.core",
    "tiebook.people",
    "tiebook.interactions",
    "tiebook.followups",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
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
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = CONFIG.time_zone
USE_I18N = False
USE_TZ = True

TIEBOOK_USER = CONFIG.user

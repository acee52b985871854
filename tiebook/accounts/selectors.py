"""Reads about accounts."""

from __future__ import annotations

import shlex
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.contrib.auth import get_user_model

from tiebook.config import DEFAULT_USER, default_database_url

LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]")
DEFAULT_PORT = 8000


def usernames_list() -> list[str]:
    """Every account's username, alphabetically."""
    return list(get_user_model().objects.order_by("username").values_list("username", flat=True))


def own_addresses(*, owner) -> list[str]:
    """The owner's own email addresses, normalised: the account's first, then the others."""
    from tiebook.accounts.models import OwnAddress

    first = [owner.email] if owner.email else []
    others = (
        OwnAddress.objects.filter(owner=owner).order_by("email").values_list("email", flat=True)
    )
    return list(dict.fromkeys([*first, *others]))


def _shown_database_url(url: str) -> str:
    """The database URL with its password left out: it is shown on a page."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":PASSWORD@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def _program() -> str:
    """`tiebook` when the shell finds this very installation by that name, else the full path of
    its script (a virtual environment that is not on PATH, as `make run` uses)."""
    script = Path(sys.executable).parent / "tiebook"
    found = shutil.which("tiebook")
    if script.is_file() and (found is None or Path(found).resolve() != script.resolve()):
        return shlex.quote(str(script))
    return "tiebook"


def signin_command(*, host: str, port: int) -> str:
    """The command, to paste into a terminal, that prints a new sign-in link for this server:
    its data directory, database and account, and the host and port its pages are read at."""
    config = settings.CONFIG
    words = [f"TIEBOOK_HOME={shlex.quote(str(config.home))}"]
    if config.database_url != default_database_url(config.home):
        words.append(
            f"TIEBOOK_DATABASE_URL={shlex.quote(_shown_database_url(config.database_url))}"
        )
    if config.user != DEFAULT_USER:
        words.append(f"TIEBOOK_USER={shlex.quote(config.user)}")
    words.append(f"{_program()} login-link")
    if host not in LOCAL_HOSTS:
        words.append(f"--host {shlex.quote(host)}")
    if port != DEFAULT_PORT:
        words.append(f"--port {port}")
    return " ".join(words)


# -- the owner's profile -------------------------------------------------------------------------

PROFILE_LISTS = ("skills", "experiences", "roles", "organizations", "topics")


@dataclass(frozen=True)
class ProfileData:
    """The owner's profile as every interface shows it and later parts match against."""

    headline: str = ""
    skills: tuple[str, ...] = ()
    experiences: tuple[str, ...] = ()
    offer: str = ""
    roles: tuple[str, ...] = ()  # looking for: roles
    organizations: tuple[str, ...] = ()  # looking for: organisations
    topics: tuple[str, ...] = ()  # looking for: topics

    @property
    def is_empty(self) -> bool:
        return self == ProfileData()

    def as_dict(self) -> dict:
        return {
            "headline": self.headline,
            "skills": list(self.skills),
            "experiences": list(self.experiences),
            "offer": self.offer,
            "looking_for": {
                "roles": list(self.roles),
                "organizations": list(self.organizations),
                "topics": list(self.topics),
            },
        }


def profile_data(profile) -> ProfileData:
    """The data of a Profile row (None: the empty profile)."""
    if profile is None:
        return ProfileData()
    return ProfileData(
        headline=profile.headline,
        skills=tuple(profile.skills),
        experiences=tuple(profile.experiences),
        offer=profile.offer,
        roles=tuple(profile.looking_for_roles),
        organizations=tuple(profile.looking_for_orgs),
        topics=tuple(profile.looking_for_topics),
    )


def profile_get(*, owner) -> ProfileData:
    """The owner's profile; empty until they write one."""
    from tiebook.accounts.models import Profile

    return profile_data(Profile.objects.filter(owner=owner).first())

"""Sign-in links and sessions (both kept only as SHA-256 hashes), login throttling, and the
owner's own addresses."""

from __future__ import annotations

from django.conf import settings
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.utils import timezone

from tiebook.core.models import OwnedModel


class SignInToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sign_in_tokens"
    )
    # Only the hash is kept: a copy of the database cannot be used to sign in.
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("created_at")),
                name="signin_token_expires_after_creation",
            )
        ]

    def __str__(self) -> str:
        return f"sign-in token for {self.user_id} (expires {self.expires_at:%Y-%m-%d %H:%M})"


class OwnAddress(OwnedModel):
    """An email address of the owner's own (besides the account's): mail from it is theirs,
    and a calendar or mailbox naming it never makes the owner a person in their network."""

    email = models.CharField(max_length=254)  # normalised

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "email"], name="own_address_once")]

    def __str__(self) -> str:
        return self.email


class LoginThrottle(models.Model):
    """Password attempts for one username from one address, counted in the database so that
    every server process and thread shares them and no flood of other names can push them out.
    Not part of a backup: the rows are forgotten 15 minutes after the latest counted attempt."""

    key = models.CharField(max_length=64, unique=True)  # SHA-256 of the username and address
    attempts = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.attempts} attempts until {self.expires_at:%Y-%m-%d %H:%M}"


class HashedSession(AbstractBaseSession):
    """A signed-in browser's session, stored under the SHA-256 of the key its cookie carries: a
    copy of the database holds no cookie that signs anyone in (see tiebook.accounts.sessions)."""

    session_key = models.CharField(max_length=64, primary_key=True)

    @classmethod
    def get_session_store_class(cls):
        from tiebook.accounts.sessions import SessionStore

        return SessionStore


class Profile(OwnedModel):
    """The owner's own profile: what they can offer and what they are looking for. Later parts
    match it against opportunities, shares and references; it is written by them, never
    generated."""

    headline = models.CharField(max_length=200, blank=True)
    skills = models.JSONField(default=list, blank=True)
    experiences = models.JSONField(default=list, blank=True)
    offer = models.TextField(blank=True)
    looking_for_roles = models.JSONField(default=list, blank=True)
    looking_for_orgs = models.JSONField(default=list, blank=True)
    looking_for_topics = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner"], name="profile_once")]

    def __str__(self) -> str:
        return self.headline or "profile"

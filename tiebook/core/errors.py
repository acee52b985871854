"""The one error hierarchy: services raise these, each interface renders them once."""

from __future__ import annotations


class TiebookError(Exception):
    """Something the user can fix; the message is one sentence meant for them."""

    exit_code = 1

    def __init__(self, message: str, *, field: str | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} {self.hint}" if self.hint else self.message


class ConfigError(TiebookError):
    """The environment holds a bad setting."""


class ValidationError(TiebookError):
    """Input that cannot be accepted (a malformed email, an unknown type, a bad date)."""


class NotFound(TiebookError):
    """The thing asked for does not exist for this owner."""


class Ambiguous(TiebookError):
    """A reference matches more than one thing; `candidates` lists them."""

    exit_code = 2

    def __init__(self, message: str, *, candidates: list[str] | None = None, **kwargs):
        super().__init__(message, **kwargs)
        self.candidates = candidates or []


class Conflict(TiebookError):
    """The request clashes with what is already stored."""

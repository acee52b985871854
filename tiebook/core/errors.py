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
    """Input that cannot be accepted (a malformed email, an unknown type, a bad date).

    When several fields are wrong at once, `problems` holds each one's error (the first is also
    this error's own message), so that a form can show every one beside its field.
    """

    def __init__(self, message: str, *, problems: list[TiebookError] | None = None, **kwargs):
        super().__init__(message, **kwargs)
        self.problems = problems or [self]


class Problems:
    """Collects the first error of each field, so that one submit reports every bad field."""

    def __init__(self) -> None:
        self.found: dict[str, TiebookError] = {}

    def check(self, check, *args, **kwargs):
        """`check(*args, **kwargs)`, or None after noting its error."""
        try:
            return check(*args, **kwargs)
        except ValidationError as error:
            for problem in error.problems:
                self.found.setdefault(problem.field or "", problem)
            return None

    def add(self, error: TiebookError) -> None:
        self.found.setdefault(error.field or "", error)

    def raise_any(self) -> None:
        """Raise what was found: the one error itself, or all of them together."""
        if not self.found:
            return
        errors = list(self.found.values())
        if len(errors) == 1:
            raise errors[0]
        first = errors[0]
        raise ValidationError(first.message, field=first.field, hint=first.hint, problems=errors)


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

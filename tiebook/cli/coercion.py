"""Typer converts every parameter's value with Pydantic, whose import alone costs a small command
about a third of its start-up. A value that needs no Pydantic to convert (an option left out, a
default, a word where a word is wanted, a whole number within its bounds) is converted here to
what Typer would make of it; any other value, and every error, is left to Typer."""

from __future__ import annotations

import re
from typing import Any

_LEFT_TO_TYPER = object()
_DIGITS = re.compile(r"[0-9]{1,18}")


def plain_value(param: Any, value: Any) -> Any:
    """What Typer would convert `value` to, or _LEFT_TO_TYPER when that takes Pydantic."""
    if value is None:
        return None  # Typer keeps None (or makes it () for many values) without converting
    descriptor = param.type_descriptor
    annotation, info = descriptor.annotation, descriptor.parameter_info
    if getattr(info, "parser", None) is not None or type(value) not in (str, annotation):
        return _LEFT_TO_TYPER
    if annotation is str:
        return value
    if annotation is int and type(value) is str:
        if not _DIGITS.fullmatch(value) or getattr(info, "clamp", False):
            return _LEFT_TO_TYPER
        number = int(value)
        low, high = getattr(info, "min", None), getattr(info, "max", None)
        if (low is not None and number < low) or (high is not None and number > high):
            return _LEFT_TO_TYPER  # Typer says what is wrong with it
        return number
    if annotation in (bool, int, float) and type(value) is annotation and value == param.default:
        return value
    return _LEFT_TO_TYPER


def install() -> None:
    """Convert plain values without Pydantic (once; a Typer that converts otherwise is left as it
    is)."""
    try:
        from typer._coercion import PassThroughRuntimeParam
        from typer.core import _TyperParameter
    except ImportError:
        return
    if getattr(_TyperParameter, "_tiebook_plain", False) or not hasattr(
        _TyperParameter, "get_runtime_param"
    ):
        return
    convert = _TyperParameter.process_value

    def process_value(self, ctx, value):
        plain = plain_value(self, value) if self._runtime_param is None else _LEFT_TO_TYPER
        if plain is _LEFT_TO_TYPER:
            return convert(self, ctx, value)
        descriptor = self.type_descriptor
        # Typer's own steps after converting (the required check, the callback) still run: it
        # is handed a value that needs no converting, with a converter that changes nothing.
        self._runtime_param = PassThroughRuntimeParam(
            parameter_info=descriptor.parameter_info, annotation=descriptor.annotation
        )
        try:
            return convert(self, ctx, plain)
        finally:
            self._runtime_param = None  # a later value that needs converting gets Pydantic

    _TyperParameter.process_value = process_value
    _TyperParameter._tiebook_plain = True

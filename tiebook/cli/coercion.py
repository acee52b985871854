"""Typer converts every parameter's value with Pydantic, whose import alone costs a small command
about a third of its start-up. A value with nothing to convert (an option left out, a default, a
word where a word is wanted) skips Pydantic; any other value is converted by Typer as before."""

from __future__ import annotations

from typing import Any

_PLAIN = (bool, int, float, str)


def _nothing_to_convert(param: Any, value: Any) -> bool:
    descriptor = param.type_descriptor
    annotation = descriptor.annotation
    info = descriptor.parameter_info
    if value is None:
        return True  # Typer returns None (or () for many values) without converting anything
    if getattr(info, "parser", None) is not None or annotation not in _PLAIN:
        return False
    if type(value) is not annotation:
        return False
    # A word for a word is kept as it is; a number or a flag only when it is the default.
    return annotation is str or value == param.default


def install() -> None:
    """Let parameters with nothing to convert skip Pydantic (once; a Typer without Pydantic
    conversion is left as it is)."""
    try:
        from typer._coercion import PassThroughRuntimeParam
        from typer.core import _TyperParameter
    except ImportError:
        return
    if getattr(_TyperParameter, "_tiebook_lean", False) or not hasattr(
        _TyperParameter, "get_runtime_param"
    ):
        return
    convert = _TyperParameter.process_value

    def process_value(self, ctx, value):
        if self._runtime_param is not None or not _nothing_to_convert(self, value):
            return convert(self, ctx, value)
        descriptor = self.type_descriptor
        self._runtime_param = PassThroughRuntimeParam(
            parameter_info=descriptor.parameter_info, annotation=descriptor.annotation
        )
        try:
            return convert(self, ctx, value)
        finally:
            self._runtime_param = None  # a later value that needs converting gets Pydantic

    _TyperParameter.process_value = process_value
    _TyperParameter._tiebook_lean = True

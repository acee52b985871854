"""Percentiles and the figures a set of timings is summed up by."""

from __future__ import annotations

import math


def percentile(values: list[float], q: float) -> float:
    """The nearest-rank percentile: the smallest value with at least q% of them at or below it
    (so p95 of 20 timings is the 19th, never an average of two)."""
    if not values:
        raise ValueError("no values")
    if not 0 < q <= 100:
        raise ValueError(f"q must be in (0, 100]; got {q}")
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def timings_summary(took_ms: list[float], *, seconds: float | None = None) -> dict:
    """p50 and p95 in milliseconds, and requests per second over `seconds` of wall time."""
    summary = {
        "p50_ms": round(percentile(took_ms, 50), 1),
        "p95_ms": round(percentile(took_ms, 95), 1),
        "requests": len(took_ms),
    }
    if seconds:
        summary["rps"] = round(len(took_ms) / seconds, 2)
    return summary

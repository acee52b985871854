"""How long search takes for the local user of TIEBOOK_HOME, in-process: who-can-help questions
(`find`) and the People search box's words, each after one warm-up, N times.

Usage: TIEBOOK_HOME=... python scripts/search_timing.py [--times N] [--json]
Prints one line per kind: median and 95th percentile in milliseconds over every query (with
--json, one object: {"find": {"p50_ms", "p95_ms", "requests"}, "people": {...}}).
"""

from __future__ import annotations

import argparse
import json
import time

from benchkit.stats import timings_summary

QUESTIONS = [
    "kubernetes security audit",
    "VAT returns",
    "someone who knows about taxes on freelance income",
    "python",
    "hiring engineers in Berlin",
    "product design",
    "machine learning",
    "licence renewal",
]
WORDS = ["garcia", "ana", "jos gar", "harbor", "smith", "kubernetes", "lee", "berlin"]


def _timed(call, inputs: list[str], times: int) -> list[float]:
    took = []
    for each in inputs:
        call(each)  # warm-up
        for _ in range(times):
            start = time.perf_counter()
            call(each)
            took.append((time.perf_counter() - start) * 1000)
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--times", type=int, default=10)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    from tiebook.core.setup import django_setup

    django_setup()
    from tiebook.core.owners import owner_get_or_create
    from tiebook.people.selectors import PeopleFilter
    from tiebook.search.selectors import find, people_page

    user, _ = owner_get_or_create()
    figures = {
        "find": timings_summary(
            _timed(lambda q: find(owner=user, question=q), QUESTIONS, args.times)
        ),
        "people": timings_summary(
            _timed(
                lambda w: people_page(owner=user, filters=PeopleFilter(query=w)), WORDS, args.times
            )
        ),
    }
    if args.json:
        print(json.dumps(figures))
        return
    for label, key in (("find (who can help)", "find"), ("People search box", "people")):
        summary = figures[key]
        print(f"{label:<28} {summary['p50_ms']:6.1f} ms median, {summary['p95_ms']:6.1f} ms p95")


if __name__ == "__main__":
    main()

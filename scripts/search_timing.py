"""How long search takes for the local user of TIEBOOK_HOME, in-process: who-can-help questions
(`find`) and the People search box's words, each after one warm-up, N times.

Usage: TIEBOOK_HOME=... python scripts/search_timing.py [--times N]
Prints one line per kind: median and 95th percentile in milliseconds over every query.
"""

from __future__ import annotations

import argparse
import statistics
import time

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


def _summary(label: str, took: list[float]) -> None:
    took.sort()
    p95 = took[max(0, round(0.95 * len(took)) - 1)]
    print(f"{label:<28} {statistics.median(took):6.1f} ms median, {p95:6.1f} ms p95")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--times", type=int, default=10)
    args = parser.parse_args()

    from tiebook.core.setup import django_setup

    django_setup()
    from tiebook.core.owners import owner_get_or_create
    from tiebook.people.selectors import PeopleFilter
    from tiebook.search.selectors import find, people_page

    user, _ = owner_get_or_create()
    took = []
    for question in QUESTIONS:
        find(owner=user, question=question)  # warm-up
        for _ in range(args.times):
            start = time.perf_counter()
            find(owner=user, question=question)
            took.append((time.perf_counter() - start) * 1000)
    _summary("find (who can help)", took)
    took = []
    for words in WORDS:
        people_page(owner=user, filters=PeopleFilter(query=words))
        for _ in range(args.times):
            start = time.perf_counter()
            people_page(owner=user, filters=PeopleFilter(query=words))
            took.append((time.perf_counter() - start) * 1000)
    _summary("People search box", took)


if __name__ == "__main__":
    main()

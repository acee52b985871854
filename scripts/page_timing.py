"""How long pages take for the local user of TIEBOOK_HOME: each path fetched in-process through
Django's test client (no network, no server threads), after one warm-up, N times.

Usage: TIEBOOK_HOME=... python scripts/page_timing.py [--times N] PATH...
Prints one line per path: median and 95th percentile in milliseconds, and the status.
"""

from __future__ import annotations

import argparse
import statistics
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--times", type=int, default=20)
    args = parser.parse_args()

    from tiebook.core.setup import django_setup

    django_setup()
    from django.test import Client

    from tiebook.core.owners import owner_get_or_create

    user, _ = owner_get_or_create()
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    for path in args.paths:
        status = client.get(path).status_code  # warm-up: caches, imports
        took = []
        for _ in range(args.times):
            start = time.perf_counter()
            client.get(path)
            took.append((time.perf_counter() - start) * 1000)
        took.sort()
        p95 = took[max(0, round(0.95 * len(took)) - 1)]
        median = statistics.median(took)
        print(f"page {path:<22} {median:6.0f} ms median, {p95:6.0f} ms p95   status {status}")


if __name__ == "__main__":
    main()

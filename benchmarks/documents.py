"""Part of `make bench`: how long staff wait for the briefing book at the desk.

Seeds the demo visit (the first real visit: 7 days, four members) beside the benchmark's data, starts a fresh
gunicorn with production settings, and times, as the signed-in staff member of the benchmark:

- the first briefing book after the server starts (target: at most 2 s),
- a later one, the same book again (target: at most 1 s; the median of five),
- the book in another language in the same, warm server: a document rendered afresh, not from the cache.

`run(env)` returns these figures for `benchmarks/results.json` (key ``documents``); run by itself
(`python benchmarks/documents.py`) it prepares the benchmark's database first and prints them.
"""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness

FIRST_TARGET_S = 2.0
LATER_TARGET_S = 1.0
LATER_RUNS = 5


def _demo_delegation(env: dict) -> int:
    harness.manage(env, "seed_demo")
    output = harness.manage(
        env,
        "shell",
        "-c",
        "from delegations.models import Delegation; print(Delegation.objects.get(slug='podilsk-2025').pk)",
    )
    return int(output.strip().splitlines()[-1])


def _timed_get(url: str, cookie: str) -> tuple[float, int, int]:
    """(seconds, status, bytes) of one GET."""
    started = time.perf_counter()
    status, body, _headers = harness.fetch(url, cookie=cookie, timeout=60)
    return time.perf_counter() - started, status, len(body)


def run(env: dict) -> dict:
    cookie = f"sessionid={(harness.RUN / 'session-key').read_text().strip()}"
    delegation = _demo_delegation(env)
    path = f"/admin/delegation/{delegation}/documents/besuchermappe.pdf"
    # One worker: "later" is the same process (with REDIS_URL any worker would find the book in the cache).
    server = harness.Server(env, workers=1)
    started = time.perf_counter()
    with server:
        ready = time.perf_counter() - started
        first, status, size = _timed_get(server.base + path, cookie)
        if status != 200:
            raise SystemExit(f"briefing book: {path} answered {status}")
        later = [_timed_get(server.base + path, cookie)[0] for _ in range(LATER_RUNS)]
        other_language, status, _size = _timed_get(server.base + path + "?lang=uk", cookie)
        if status != 200:
            raise SystemExit(f"briefing book in Ukrainian answered {status}")
    figures = {
        "first_briefing_book_s": round(first, 3),
        "later_briefing_book_s": round(statistics.median(later), 3),
        "later_briefing_book_slowest_s": round(max(later), 3),
        "briefing_book_other_language_s": round(other_language, 3),
        "server_ready_s": round(ready, 3),
        "bytes": size,
        "targets_s": {"first": FIRST_TARGET_S, "later": LATER_TARGET_S},
        "setup": "gunicorn, 1 sync worker, DEBUG off; the demo visit's briefing book in German, signed in",
    }
    print(
        f"{'briefing_book':24} first {first:5.2f} s  later {figures['later_briefing_book_s']:5.2f} s",
        f"(slowest {figures['later_briefing_book_slowest_s']:.2f} s)",
        f" in Ukrainian, rendered in a warm server {other_language:5.2f} s  ({size} B)",
        flush=True,
    )
    return figures


def too_slow(figures: dict) -> list[str]:
    slow = []
    if figures["first_briefing_book_s"] > FIRST_TARGET_S:
        slow.append(f"first briefing book {figures['first_briefing_book_s']} s > {FIRST_TARGET_S} s")
    if figures["later_briefing_book_s"] > LATER_TARGET_S:
        slow.append(f"later briefing book {figures['later_briefing_book_s']} s > {LATER_TARGET_S} s")
    return slow


def main() -> int:
    database_url = harness.bench_database_url()
    env = harness.server_env(database_url)
    harness.prepare(env, database_url)
    figures = run(env)
    for line in too_slow(figures):
        print(line, file=sys.stderr)
    return 1 if too_slow(figures) else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (KeyboardInterrupt, harness.Stop):
        sys.exit(130)

"""`make bench`: the main pages under load beside a static file of the same size, from the same server.

Seeds the large visit into the benchmark database (`seed_bench`), starts gunicorn with 4 sync workers and
production settings, and drives each page with wrk from 127.0.0.1 for a few seconds, then a static file of
the same number of bytes (served by WhiteNoise in the same server). The ratio of the two rates is what
compares across machines: on 2 cores the load tool shares the CPU with the server. Writes
benchmarks/results.json; exits non-zero when a public or guest page reaches less than 0.8 of its file's rate.
Then the briefing book at the desk (benchmarks/documents.py, key "documents"): the first after a fresh server
start and a later one, in seconds; non-zero exit above 2 s and 1 s.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import documents
import harness

SECONDS = float(os.environ.get("BENCH_SECONDS", "4"))
TARGET = 0.8


def pages(run: Path) -> dict[str, tuple[str, str, str]]:
    """Name: (path, static file suffix, needs the staff cookie)."""
    token = (run / "guest-token").read_text().strip()
    slug = (run / "visit-slug").read_text().strip()
    event = (run / "event-slug").read_text().strip()
    archive = (run / "admin-delegation").read_text().strip()
    return {
        "guest_itinerary": (f"/g/{token}/uk/", "html", ""),
        "public_visit": (f"/de/besuche/{slug}/", "html", ""),
        "public_event": (f"/de/veranstaltungen/{event}/", "html", ""),
        "public_ics": (f"/de/besuche/{slug}/programm.ics", "ics", ""),
        "admin_changelist_10000": (
            f"/admin/visits/programmeitem/?delegation__id__exact={archive}",
            "html",
            "staff",
        ),
    }


def main() -> int:
    database_url = harness.bench_database_url()
    env = harness.server_env(database_url)
    harness.prepare(env, database_url)
    run = harness.RUN
    cookie = f"sessionid={(run / 'session-key').read_text().strip()}"
    targets = pages(run)
    static_dir = run / "static" / "bench"
    static_dir.mkdir(parents=True, exist_ok=True)

    # First GETs size the static twins; WhiteNoise reads its folder at start, so the server starts again.
    sizes = {}
    with harness.Server(env) as server:
        for name, (path, _suffix, staff) in targets.items():
            status, body, _headers = harness.fetch(server.base + path, cookie=cookie if staff else "")
            if status != 200:
                print(
                    f"{name}: {path} answered {status}; is the staff session refused (2FA)?", file=sys.stderr
                )
                return 1
            sizes[name] = len(body)
    for name, (_path, suffix, _staff) in targets.items():
        (static_dir / f"{name}.{suffix}").write_bytes(b"x" * sizes[name])

    results = {}
    with harness.Server(env) as server:
        for name, (path, suffix, staff) in targets.items():
            page_url, file_url = server.base + path, f"{server.base}/static/bench/{name}.{suffix}"
            status, body, _ = harness.fetch(file_url)
            assert status == 200 and len(body) == sizes[name], (name, status, len(body))
            page_cookie = cookie if staff else ""
            # Warm up until every worker has the page in its cache (a miss takes seconds on a busy machine).
            for _round in range(5):
                if harness.load(page_url, 2, cookie=page_cookie, connections=4)["p99_ms"] < 300:
                    break
            # The admin's slow page gets one connection per worker, so the server is free again after it.
            page = harness.load(page_url, SECONDS, cookie=page_cookie, connections=4 if staff else 8)
            time.sleep(3 if staff else 0.5)
            static = harness.load(file_url, SECONDS)
            results[name] = {
                "rps": round(page["rps"], 1),
                "p50_ms": round(page["p50_ms"], 2),
                "p99_ms": round(page["p99_ms"], 2),
                "ratio_to_static": round(page["rps"] / static["rps"], 3) if static["rps"] else 0.0,
                "bytes": sizes[name],
                "non_2xx": page["non_2xx"],
                "static": {k: round(v, 2) for k, v in static.items()},
            }
            line = results[name]
            print(
                f"{name:24} {line['rps']:7.1f} req/s  p50 {line['p50_ms']:6.2f} ms",
                f"p99 {line['p99_ms']:7.2f} ms  static {static['rps']:7.1f} req/s",
                f"ratio {line['ratio_to_static']:.2f}  ({sizes[name]} B)",
                flush=True,
            )
        # What a Django request costs by itself, for reading the ratios: no query, and one query (healthz).
        reference = {}
        for name, path in (("django_no_query", "/robots.txt"), ("django_one_query", "/healthz")):
            harness.load(server.base + path, 1)
            line = harness.load(server.base + path, SECONDS)
            reference[name] = {key: round(value, 2) for key, value in line.items()}
            print(f"{name:24} {line['rps']:7.1f} req/s  p50 {line['p50_ms']:6.2f} ms (reference)", flush=True)
    document_figures = documents.run(env)
    engine = "postgresql" if database_url.startswith("postgres") else "sqlite"
    harness.write_json(
        harness.ROOT / "benchmarks" / "results.json",
        {
            "pages": results,
            "reference": reference,
            "documents": document_figures,
            "setup": {
                "database": engine,
                "server": "gunicorn, 4 sync workers, DEBUG off, per-process locmem cache"
                + (" + Redis" if os.environ.get("REDIS_URL") else ""),
                "load": "wrk -t2 -c8, no keep-alive (sync workers close each connection)",
                "seconds_per_measurement": SECONDS,
                "cpus": os.cpu_count(),
            },
        },
    )
    slow = [
        name
        for name, line in results.items()
        if name.startswith(("guest_", "public_")) and line["ratio_to_static"] < TARGET
    ]
    failed = [name for name, line in results.items() if line["non_2xx"]]
    if failed:
        print(f"errors under load: {', '.join(failed)}", file=sys.stderr)
    if slow:
        print(f"below {TARGET} of the static file's rate: {', '.join(slow)}", file=sys.stderr)
    slow_documents = documents.too_slow(document_figures)
    for line in slow_documents:
        print(line, file=sys.stderr)
    return 1 if slow or failed or slow_documents else 0


if __name__ == "__main__":
    harness.stop_on_sigterm()
    try:
        sys.exit(main())
    except (KeyboardInterrupt, harness.Stop):
        sys.exit(130)

"""`make soak`: the five guest and public URLs under sustained load at once; any error fails the run.

Uses the benchmark's database and server (`make bench`'s: `kleve_bench` beside DATABASE_URL's PostgreSQL, else
benchmarks/bench.sqlite3; REDIS_URL reaches the server; production's server, `harness.PRODUCTION_SERVER`).
After a warm-up, 64 connections drive EACH of the five URLs (guest page, guest calendar, public visit, public
event page, public calendar) for SOAK_SECONDS (default 60) ALL AT THE SAME TIME, 320 connections in all, one
wrk per URL: so the pages compete for the same workers, cache and database, as visitors do. SOAK_MODE=serial
drives them one after another instead (five times as long). An error is every answer that is not 2xx/3xx,
every request without an answer within 10 s (timeout) and every refused or broken connection. wrk's timeout
figure counts a connection each time it finds it waiting longer than that (and an answer that came later), so
it can exceed the number of answers; any timeout fails.

Writes benchmarks/soak.json (per URL: answers, errors by kind, rate, latency) and exits non-zero, naming the
URL, on any error or when a URL got not one answer. Environment: SOAK_SECONDS (keep it above the 10 s
timeout), SOAK_CONNECTIONS (64), SOAK_MODE (parallel|serial), SOAK_SERVER (a name from
harness.SERVER_CONFIGS, default production's, harness.PRODUCTION_SERVER).
"""

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness
import run_bench

SECONDS = float(os.environ.get("SOAK_SECONDS", "60"))
CONNECTIONS = int(os.environ.get("SOAK_CONNECTIONS", "64"))
MODE = os.environ.get("SOAK_MODE", "parallel")
SERVER = os.environ.get("SOAK_SERVER", harness.PRODUCTION_SERVER)


def drive_parallel(urls: dict[str, str]) -> dict[str, dict]:
    """One load tool per URL, all started together."""
    if shutil.which("wrk") is None:
        results, threads = {}, []
        for name, url in urls.items():

            def drive(name=name, url=url):
                results[name] = harness.python_load(url, SECONDS, connections=CONNECTIONS)

            threads.append(threading.Thread(target=drive))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return results
    processes = {
        name: subprocess.Popen(
            harness.wrk_command(url, SECONDS, connections=CONNECTIONS, threads=1),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name, url in urls.items()
    }
    results = {}
    try:
        for name, process in processes.items():
            stdout, _stderr = process.communicate()
            results[name] = harness.parse_wrk(stdout)
            if process.returncode != 0 and not results[name]["errors"]:
                results[name]["errors"] = results[name]["connect"] = 1
    finally:
        for process in processes.values():
            if process.poll() is None:
                process.kill()
    return results


def settle(base: str, limit: float = 60) -> None:
    """Until the server answers at once again: a sync server still works through the requests queued by the
    last URL's connections after they closed, and those must not count against the next URL."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            if harness.fetch(base + "/healthz", timeout=limit)[0] == 200 and time.monotonic() - started < 0.2:
                return
        except OSError:
            pass
        time.sleep(0.5)


def drive_serial(urls: dict[str, str], base: str) -> dict[str, dict]:
    results = {}
    for name, url in urls.items():
        settle(base)
        results[name] = harness.load(url, SECONDS, connections=CONNECTIONS, threads=2)
        line = results[name]
        print(f"{name:14} {line['requests']:8} answers  {line['errors']} errors", flush=True)
    return results


def main() -> int:
    if MODE not in ("parallel", "serial"):
        sys.exit(f"SOAK_MODE must be parallel or serial, not {MODE!r}")
    started = time.monotonic()
    database_url = harness.bench_database_url()
    env = harness.server_env(database_url)
    harness.prepare(env, database_url)
    targets = run_bench.pages(harness.RUN, admin=False)
    with harness.Server.named(env, SERVER) as server:
        urls = {name: server.base + page.path for name, page in targets.items()}
        for name, url in urls.items():
            status = harness.fetch(url, timeout=60)[0]
            if status != 200:
                sys.exit(f"{name}: {run_bench.shown(targets[name].path)} answered {status} before the soak")
            harness.load(url, 2, connections=4)
        print(
            f"soak: {CONNECTIONS} connections at each of {len(urls)} URLs for {SECONDS:.0f} s, {MODE},"
            f" {server.describe()}, {run_bench.engine(database_url)}",
            flush=True,
        )
        results = drive_parallel(urls) if MODE == "parallel" else drive_serial(urls, server.base)
        description = server.describe()
    summary = {}
    for name, figures in results.items():
        summary[name] = {
            "path": run_bench.shown(targets[name].path),
            "answers": figures["requests"],
            "errors": figures["errors"],
            **{kind: figures[kind] for kind in ("non_2xx", *harness.SOCKET_ERRORS)},
            "rps": round(figures["rps"], 1),
            # wrk keeps no latency of an answer later than its timeout: none when every answer was.
            "p50_ms": round(figures["p50_ms"], 2) if figures["p50_ms"] else None,
            "p99_ms": round(figures["p99_ms"], 2) if figures["p99_ms"] else None,
        }
    print(f"{'url':14} {'answers':>8} {'errors':>7} {'req/s':>7} {'p50 ms':>8} {'p99 ms':>8}")
    for name, line in summary.items():
        p50, p99 = (f"{line[key]:8.1f}" if line[key] else f"{'-':>8}" for key in ("p50_ms", "p99_ms"))
        print(f"{name:14} {line['answers']:8} {line['errors']:7} {line['rps']:7.1f} {p50} {p99}", flush=True)
    harness.write_json(
        harness.ROOT / "benchmarks" / "soak.json",
        {
            "urls": summary,
            "setup": {
                "mode": MODE,
                "seconds": SECONDS,
                "connections_per_url": CONNECTIONS,
                "server": f"{description}, DEBUG off",
                "database": run_bench.engine(database_url),
                "load": "one wrk per URL (-t1), 10 s timeout"
                if shutil.which("wrk")
                else "Python driver (http.client), 10 s timeout",
                "cpus": os.cpu_count(),
                "wall_clock_s": round(time.monotonic() - started),
            },
        },
    )
    silent = [name for name, line in summary.items() if not line["answers"]]
    for name in silent:
        print(f"{name}: not one answer in {SECONDS:.0f} s", file=sys.stderr)
    failed = [name for name, line in summary.items() if line["errors"]]
    for name in failed:
        line = summary[name]
        kinds = ", ".join(
            f"{kind} {line[kind]}" for kind in ("non_2xx", *harness.SOCKET_ERRORS) if line[kind]
        )
        print(f"{name}: {line['errors']} errors of {line['answers']} answers ({kinds})", file=sys.stderr)
    if failed and MODE == "parallel":
        print("SOAK_MODE=serial drives one URL at a time: which one fails alone", file=sys.stderr)
    return 1 if failed or silent else 0


if __name__ == "__main__":
    harness.stop_on_sigterm()
    try:
        sys.exit(main())
    except (KeyboardInterrupt, harness.Stop):
        sys.exit(130)

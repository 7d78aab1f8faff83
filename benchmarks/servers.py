"""`make bench-servers`: the same app and settings under gunicorn (sync, gthread) and granian, side by side.

The pages of `make bench` (guest page and calendar, public visit, event page and calendar; not the admin),
the same database and the same ratio method: each page then its static twin (a file of the page's size,
served by WhiteNoise in the same server), in interleaved rounds. All the servers run at once on their own
ports (idle ones cost no CPU) and the rounds go through them in turn (round 1: every server, every page;
round 2: again; ...), so a burst of other work on this shared machine hits one round of every server rather
than all rounds of one. Besides the ratio, the rates themselves compare here, as all servers share the
machine and the load tool: a server that is slow at everything would otherwise look good by its ratio.

Writes benchmarks/servers.json; exits non-zero only when a server gave errors (not 2xx/3xx, timeouts,
refused or broken connections). Environment: BENCH_SERVERS (comma-separated names from
harness.SERVER_CONFIGS; default all but granian_2x4), SERVERS_SECONDS (per measurement, default 3),
SERVERS_ROUNDS (3), DATABASE_URL and REDIS_URL as for `make bench`. See docs/servers.md for the figures and
what they mean.
"""

import os
import shutil
import statistics
import sys
import time
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness
import run_bench

# granian_2x4 only on request (BENCH_SERVERS): it never beat both granian_2 and granian_2x1 here, and four
# servers keep the run under ten minutes.
DEFAULT = "gunicorn_sync_4,gunicorn_gthread_2x4,granian_2,granian_2x1"
NAMES = [name.strip() for name in os.environ.get("BENCH_SERVERS", DEFAULT).split(",")]
SECONDS = float(os.environ.get("SERVERS_SECONDS", "3"))
ROUNDS = max(3, int(os.environ.get("SERVERS_ROUNDS", "3")))


def measure_all(servers: dict[str, harness.Server], targets: dict) -> dict[str, dict]:
    """Rounds across servers: every server's pages in round 1, then round 2, ...; per server the same
    summary as `make bench` (run_bench.summarise)."""
    runs = {name: {page: [] for page in targets} for name in servers}
    for round_number in range(1, ROUNDS + 1):
        for name, server in servers.items():
            one_round = run_bench.measure(
                server,
                targets,
                "",
                rounds=1,
                seconds=SECONDS,
                label=f"{name:22} ",
                raw=True,
                first_round=round_number,
            )
            for page, measured in one_round.items():
                runs[name][page].extend(measured)
        print(f"round {round_number} of {ROUNDS} done", flush=True)
    return {
        name: {page: run_bench.summarise(measured) for page, measured in pages.items()}
        for name, pages in runs.items()
    }


def reference(server: harness.Server) -> dict:
    """What the server does with a Django request that asks nothing (`/robots.txt`)."""
    line = harness.load(server.base + "/robots.txt", SECONDS)
    return {key: round(value, 2) for key, value in line.items()}


def print_table(results: dict, targets: dict) -> None:
    names = list(results)
    print(f"{'req/s (ratio)':14}" + "".join(f"{name:>24}" for name in names))
    for page in targets:
        cells = []
        for name in names:
            line = results[name]["pages"][page]
            cells.append(f"{line['rps']:9.0f} ({line['ratio_to_static']:.2f}) p99 {line['p99_ms']:5.0f}")
        print(f"{page:14}" + "".join(f"{cell:>24}" for cell in cells))
    print(f"{'static twin':14}" + "".join(f"{results[name]['static_rps_median']:>24.0f}" for name in names))
    print(f"{'robots.txt':14}" + "".join(f"{results[name]['robots_txt']['rps']:>24.0f}" for name in names))


def markdown_table(results: dict, targets) -> str:
    """The figures as docs/servers.md shows them: req/s, ratio to the twin and p99 per page and server."""
    names = list(results)
    lines = [
        "| page | " + " | ".join(f"`{name}`" for name in names) + " |",
        "| --- |" + " ---: |" * len(names),
    ]
    for page in targets:
        cells = []
        for name in names:
            line = results[name]["pages"][page]
            cells.append(f"{line['rps']:.0f} ({line['ratio_to_static']:.2f}) {line['p99_ms']:.0f} ms")
        lines.append(f"| `{page}` | " + " | ".join(cells) + " |")
    twins = " | ".join(f"{results[name]['static_rps_median']:.0f}" for name in names)
    robots = " | ".join(f"{results[name]['robots_txt']['rps']:.0f}" for name in names)
    lines.append(f"| static twins (median) | {twins} |")
    lines.append(f"| `/robots.txt` (Django, no query) | {robots} |")
    return "\n".join(lines)


def main() -> int:
    unknown = [name for name in NAMES if name not in harness.SERVER_CONFIGS]
    if unknown:
        sys.exit(f"unknown servers {', '.join(unknown)}; known: {', '.join(harness.SERVER_CONFIGS)}")
    started = time.monotonic()
    database_url = harness.bench_database_url()
    env = harness.server_env(database_url)
    harness.prepare(env, database_url)
    targets = run_bench.pages(harness.RUN, admin=False)
    sizes = run_bench.make_twins(env, targets, "")
    with ExitStack() as stack:
        servers = {name: stack.enter_context(harness.Server.named(env, name)) for name in NAMES}
        for name, server in servers.items():
            print(f"warming up {name}: {server.describe()}", flush=True)
            run_bench.warm_up(server, targets, "", sizes)
        measured = measure_all(servers, targets)
        results = {}
        for name, server in servers.items():
            pages = measured[name]
            results[name] = {
                "server": server.describe(),
                "pages": pages,
                "static_rps_median": round(
                    statistics.median(rps for line in pages.values() for rps in line["static_rps"]), 1
                ),
                "robots_txt": reference(server),
            }
    print_table(results, targets)
    print(markdown_table(results, targets), flush=True)
    harness.write_json(
        harness.ROOT / "benchmarks" / "servers.json",
        {
            "servers": results,
            "bytes": sizes,
            "setup": {
                "database": run_bench.engine(database_url),
                "settings": "DEBUG off, production settings (benchmarks/harness.py server_env)",
                "load": "wrk -t2 -c8, 10 s timeout, keep-alive where the server keeps connections open"
                if shutil.which("wrk")
                else "Python driver (http.client, 8 threads): compare ratios, not rates",
                "seconds_per_measurement": SECONDS,
                "rounds": ROUNDS,
                "cpus": os.cpu_count(),
                "wall_clock_s": round(time.monotonic() - started),
            },
        },
    )
    failed = [
        f"{name} {page}: {line['errors']} errors {line['error_kinds']}"
        + (f", twin {line['static_errors']}" if line["static_errors"] else "")
        for name, result in results.items()
        for page, line in result["pages"].items()
        if line["errors"] or line["static_errors"]
    ]
    for line in failed:
        print(line, file=sys.stderr)
    print(f"make bench-servers took {time.monotonic() - started:.0f} s", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    harness.stop_on_sigterm()
    try:
        sys.exit(main())
    except (KeyboardInterrupt, harness.Stop):
        sys.exit(130)

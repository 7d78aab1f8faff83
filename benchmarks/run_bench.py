"""`make bench`: the main pages under load beside a static file of the same size, from the same server.

Seeds the large visit into the benchmark database (`seed_bench`), starts production's server
(`harness.PRODUCTION_SERVER`: granian, 2 workers x 4 blocking threads; BENCH_SERVER names another) with
production settings, and drives each page with wrk from 127.0.0.1 for a few seconds, then its static twin:
a file of the same number of bytes served by WhiteNoise in the same server. The pages and their twins are
measured in interleaved rounds (page A, twin A, page B, twin B, ..., then again), so a neighbour's burst on
this shared machine hits one round, not one page. The ratio page/twin of each round is what compares across
machines (on 2 cores the load tool shares the CPU with the server); a page's `ratio_to_static` is the median
of its rounds. Writes benchmarks/results.json and exits non-zero, naming the page, when a guest or public
page's median ratio is below 0.8, one of its rounds below 0.6, or any page got an answer that was not
2xx/3xx or no answer (socket error, timeout).
Then the briefing book at the desk (benchmarks/documents.py, key "documents"): the first after a fresh server
start and a later one, in seconds; non-zero exit above 2 s and 1 s.

Environment: BENCH_SECONDS (per measurement, default 4), BENCH_ROUNDS (default 3), BENCH_SERVER (a name
from harness.SERVER_CONFIGS), DATABASE_URL and
REDIS_URL as for the application (PostgreSQL's `kleve_bench` beside DATABASE_URL's database; the server
gets REDIS_URL, so the page cache is shared).
"""

import os
import shutil
import statistics
import sys
import time
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

import documents
import harness

SECONDS = float(os.environ.get("BENCH_SECONDS", "4"))
ROUNDS = max(3, int(os.environ.get("BENCH_ROUNDS", "3")))
TARGET = 0.8
ROUND_FLOOR = 0.6
GATED = ("guest_", "public_")


class Page(NamedTuple):
    path: str
    suffix: str  # the static twin's file suffix, so WhiteNoise gives it the page's content type
    staff: bool = False


def pages(run: Path, *, admin: bool = True) -> dict[str, Page]:
    """The measured pages by name; the guest_ and public_ ones are held to the targets."""
    token = (run / "guest-token").read_text().strip()
    slug = (run / "visit-slug").read_text().strip()
    event = (run / "event-slug").read_text().strip()
    targets = {
        "guest_page": Page(f"/g/{token}/uk/", "html"),
        "guest_ics": Page(f"/g/{token}/uk/programm.ics", "ics"),
        "public_visit": Page(f"/de/besuche/{slug}/", "html"),
        "public_event": Page(f"/de/veranstaltungen/{event}/", "html"),
        "public_ics": Page(f"/de/besuche/{slug}/programm.ics", "ics"),
    }
    if admin:
        archive = (run / "admin-delegation").read_text().strip()
        path = f"/admin/visits/programmeitem/?delegation__id__exact={archive}"
        targets["admin_changelist_10000"] = Page(path, "html", staff=True)
    return targets


def shown(path: str) -> str:
    """A path fit for a results file: the guest token is a secret."""
    parts = path.split("/")
    return "/".join("<token>" if index == 2 and parts[1] == "g" else part for index, part in enumerate(parts))


def staff_cookie(run: Path) -> str:
    return f"sessionid={(run / 'session-key').read_text().strip()}"


def make_twins(env: dict, targets: dict[str, Page], cookie: str) -> dict[str, int]:
    """Writes each page's static twin (same size, same suffix) and returns the sizes. WhiteNoise reads its
    folder when the server starts, so servers started after this serve the twins."""
    static_dir = harness.RUN / "static" / "bench"
    static_dir.mkdir(parents=True, exist_ok=True)
    sizes = {}
    with harness.Server.production(env) as server:
        for name, page in targets.items():
            page_cookie = cookie if page.staff else ""
            status, body, _headers = harness.fetch(server.base + page.path, cookie=page_cookie)
            if status != 200:
                hint = "; is the staff session refused (2FA)?" if page.staff else ""
                sys.exit(f"{name}: {shown(page.path)} answered {status}{hint}")
            sizes[name] = len(body)
    for name, page in targets.items():
        (static_dir / f"{name}.{page.suffix}").write_bytes(b"x" * sizes[name])
    return sizes


def twin_url(server: harness.Server, name: str, page: Page) -> str:
    return f"{server.base}/static/bench/{name}.{page.suffix}"


def warm_up(server: harness.Server, targets: dict[str, Page], cookie: str, sizes: dict[str, int]) -> None:
    """Until every worker has each page in its cache (a miss takes seconds on a busy machine); checks that
    the server serves each twin at its page's size."""
    for name, page in targets.items():
        status, body, _ = harness.fetch(twin_url(server, name, page))
        if status != 200 or len(body) != sizes[name]:
            sys.exit(f"{name}: static twin answered {status} with {len(body)} bytes, not {sizes[name]}")
        page_cookie = cookie if page.staff else ""
        previous = None
        for _attempt in range(1 if page.staff else 5):
            p99 = harness.load(server.base + page.path, 2, cookie=page_cookie, connections=4)["p99_ms"]
            # Warm, or no faster than the last time (a page that is not cached at all stays slow).
            if p99 < 300 or (previous is not None and p99 > 0.8 * previous):
                break
            previous = p99
        harness.load(twin_url(server, name, page), 1)


def measure(
    server: harness.Server,
    targets: dict[str, Page],
    cookie: str,
    *,
    rounds: int = ROUNDS,
    seconds: float = SECONDS,
    label: str = "",
    raw: bool = False,
    first_round: int = 1,
) -> dict:
    """Interleaved rounds: each page then its twin, every page once per round. Per page: rps and p50 are
    medians over the rounds, p99 the worst round's, errors the sum over all rounds. With `raw`, per page the
    list of (page figures, twin figures, ratio) of each round instead."""
    runs = {name: [] for name in targets}
    for round_number in range(first_round, first_round + rounds):
        for name, page in targets.items():
            # The admin's slow page gets one connection per worker, so the server is free again after it.
            figures = harness.load(
                server.base + page.path,
                seconds,
                cookie=cookie if page.staff else "",
                connections=4 if page.staff else 8,
            )
            time.sleep(3 if page.staff else 0.5)
            static = harness.load(twin_url(server, name, page), seconds)
            ratio = figures["rps"] / static["rps"] if static["rps"] else 0.0
            runs[name].append((figures, static, ratio))
            errors = figures["errors"] + static["errors"]
            noted = f"  errors {errors}" if errors else ""
            print(
                f"{label}round {round_number}  {name:24} {figures['rps']:7.1f} req/s",
                f"p50 {figures['p50_ms']:6.2f} ms  p99 {figures['p99_ms']:7.2f} ms",
                f"twin {static['rps']:7.1f} req/s  ratio {ratio:.2f}{noted}",
                flush=True,
            )
    if raw:
        return runs
    return {name: summarise(target_runs) for name, target_runs in runs.items()}


def summarise(runs: list[tuple[dict, dict, float]]) -> dict:
    pages_, statics, ratios = zip(*runs, strict=True)
    error_kinds = {
        kind: sum(figures[kind] for figures in pages_)
        for kind in ("non_2xx", *harness.SOCKET_ERRORS)
        if any(figures[kind] for figures in pages_)
    }
    return {
        "rps": round(statistics.median(figures["rps"] for figures in pages_), 1),
        "p50_ms": round(statistics.median(figures["p50_ms"] for figures in pages_), 2),
        "p99_ms": round(max(figures["p99_ms"] for figures in pages_), 2),
        "ratio_to_static": round(statistics.median(ratios), 3),
        "rounds": [round(ratio, 3) for ratio in ratios],
        "errors": sum(figures["errors"] for figures in pages_),
        "error_kinds": error_kinds,
        "requests": sum(figures["requests"] for figures in pages_),
        # Rounds in which not one answer came (all still waiting when the measurement ended, under wrk's
        # timeout, so wrk counts no error): a stall, shown apart.
        "silent_rounds": sum(not figures["requests"] for figures in pages_),
        "static_rps": [round(figures["rps"], 1) for figures in statics],
        "static_errors": sum(figures["errors"] for figures in statics),
    }


def failures(results: dict) -> list[str]:
    """What makes the run fail, one line each: the gated pages' ratios, and errors on any page or twin."""
    lines = []
    for name, line in results.items():
        if name.startswith(GATED):
            if line["ratio_to_static"] < TARGET:
                lines.append(f"{name}: median ratio {line['ratio_to_static']:.2f} < {TARGET}")
            low = [ratio for ratio in line["rounds"] if ratio < ROUND_FLOOR]
            if low:
                lines.append(f"{name}: round ratios {', '.join(f'{r:.2f}' for r in low)} < {ROUND_FLOOR}")
        if line.get("silent_rounds"):
            lines.append(f"{name}: not one answer in {line['silent_rounds']} of its rounds")
        if line["errors"]:
            kinds = ", ".join(f"{kind} {count}" for kind, count in line["error_kinds"].items())
            lines.append(f"{name}: {line['errors']} errors ({kinds})")
        if line["static_errors"]:
            lines.append(f"{name}: {line['static_errors']} errors on its static twin")
    return lines


def print_table(results: dict, sizes: dict[str, int]) -> None:
    print(f"{'page':24} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>8} {'ratio':>6}  rounds          errors")
    for name, line in results.items():
        rounds = " ".join(f"{ratio:.2f}" for ratio in line["rounds"])
        print(
            f"{name:24} {line['rps']:7.1f} {line['p50_ms']:7.2f} {line['p99_ms']:8.2f}",
            f"{line['ratio_to_static']:6.2f}  {rounds:15} {line['errors']:6}  ({sizes[name]} B)",
            flush=True,
        )


def engine(database_url: str) -> str:
    engine_name = "postgresql" if database_url.startswith("postgres") else "sqlite"
    return engine_name + (" + Redis" if os.environ.get("REDIS_URL") else ", per-process locmem cache")


def main() -> int:
    started = time.monotonic()
    database_url = harness.bench_database_url()
    env = harness.server_env(database_url)
    harness.prepare(env, database_url)
    run = harness.RUN
    cookie = staff_cookie(run)
    targets = pages(run)
    sizes = make_twins(env, targets, cookie)

    with harness.Server.production(env) as server:
        print(f"warming up {server.describe()}", flush=True)
        warm_up(server, targets, cookie, sizes)
        results = measure(server, targets, cookie)
        for name in results:
            results[name]["bytes"] = sizes[name]
            results[name]["path"] = shown(targets[name].path)
        # What a Django request costs by itself, for reading the ratios: no query, and one query (healthz).
        reference = {}
        for name, path in (("django_no_query", "/robots.txt"), ("django_one_query", "/healthz")):
            harness.load(server.base + path, 1)
            line = harness.load(server.base + path, SECONDS)
            reference[name] = {key: round(value, 2) for key, value in line.items()}
            print(f"{name:24} {line['rps']:7.1f} req/s  p50 {line['p50_ms']:6.2f} ms (reference)", flush=True)
        server_description = server.describe()
    print_table(results, sizes)
    document_figures = documents.run(env)
    harness.write_json(
        harness.ROOT / "benchmarks" / "results.json",
        {
            "pages": results,
            "reference": reference,
            "documents": document_figures,
            "setup": {
                "database": engine(database_url),
                "server": f"{server_description}, DEBUG off",
                "load": "wrk -t2 -c8 (admin: -c4), 10 s timeout"
                if shutil.which("wrk")
                else "Python driver (http.client, 8 threads): compare ratios, not rates",
                "seconds_per_measurement": SECONDS,
                "rounds": ROUNDS,
                "targets": {"median_ratio": TARGET, "every_round": ROUND_FLOOR, "errors": 0},
                "cpus": os.cpu_count(),
                "wall_clock_s": round(time.monotonic() - started),
            },
        },
    )
    failed = failures(results)
    failed += documents.too_slow(document_figures)
    for line in failed:
        print(line, file=sys.stderr)
    print(f"make bench took {time.monotonic() - started:.0f} s", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    harness.stop_on_sigterm()
    try:
        sys.exit(main())
    except (KeyboardInterrupt, harness.Stop):
        sys.exit(130)

"""`make fault`: PostgreSQL stops for ten seconds under load; pages answer 503, then serve again unaided.

Needs PostgreSQL (DATABASE_URL) and this machine's cluster (`pg_ctlcluster`); it stops the WHOLE cluster for
ten seconds, so never run it beside other people's tests. Steps: seed the benchmark database, start gunicorn
(4 sync workers), save guest details through the app (writes, each also a history row), drive the public
visit page, the guest page and /healthz from 6 threads, stop the cluster, start it again ten seconds later,
keep driving for fifteen seconds, then check:

- during the outage every answer is a 503 with Retry-After and the friendly page (no 500, no stack trace);
- within five seconds of the database's return every page answers 200 again, without restarting anything;
- every write made before the fault is still there, and a write after it works.

Writes benchmarks/fault.json and exits non-zero when a criterion fails.
"""

import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness

OUTAGE_SECONDS = 10
AFTER_SECONDS = 15
RECOVERY_LIMIT = 5.0


def cluster(action: str) -> None:
    version = sorted(path.name for path in Path("/etc/postgresql").iterdir())[-1]
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action], check=True, timeout=60
    )


def write_details(base: str, token: str, value: str) -> int:
    data = urlencode({"dietary_needs": value, "accessibility_needs": "", "phone": ""}).encode()
    status, _body, _headers = harness.fetch(f"{base}/g/{token}/de/angaben/", data=data)
    return status


def stored_values(env: dict, prefix: str) -> list[str]:
    code = (
        "from delegations.models import Member\n"
        f"print('\\n'.join(Member.history.filter(dietary_needs__startswith={prefix!r})"
        ".values_list('dietary_needs', flat=True).distinct()))"
    )
    return [line for line in harness.manage(env, "shell", "-c", code).splitlines() if line]


class Driver:
    """Threads that request the pages in a loop and note (time, page, status, has the friendly page)."""

    def __init__(self, urls: dict[str, str], threads_per_url: int = 2):
        self.urls, self.threads_per_url = urls, threads_per_url
        self.records: list[tuple[float, str, int, bool, bool]] = []
        self.running = True
        self.lock = threading.Lock()

    def _loop(self, name: str, url: str) -> None:
        while self.running:
            try:
                status, body, headers = harness.fetch(url, timeout=10)
            except OSError:
                status, body, headers = 0, b"", {}
            # A friendly 503: the page (or healthz's JSON), Retry-After, no trace of the error.
            friendly = status != 503 or name == "healthz" or (b"<main" in body and "Retry-After" in headers)
            with self.lock:
                self.records.append((time.monotonic(), name, status, friendly, b"Traceback" in body))
            time.sleep(0.02)

    def start(self) -> "Driver":
        self.threads = [
            threading.Thread(target=self._loop, args=(name, url), daemon=True)
            for name, url in self.urls.items()
            for _ in range(self.threads_per_url)
        ]
        for thread in self.threads:
            thread.start()
        return self

    def stop(self) -> None:
        self.running = False
        for thread in self.threads:
            thread.join(timeout=15)


def main() -> int:
    database_url = harness.bench_database_url()
    if not database_url.startswith("postgres"):
        print("make fault needs PostgreSQL: set DATABASE_URL=postgres://…", file=sys.stderr)
        return 2
    env = harness.server_env(database_url)
    harness.prepare(env, database_url)
    run = harness.RUN
    token = (run / "guest-token").read_text().strip()
    slug = (run / "visit-slug").read_text().strip()
    prefix = f"fault-{int(time.time())}-"
    result: dict = {}
    with harness.Server(env) as server:
        base = server.base
        before = [f"{prefix}{n}" for n in range(5)]
        write_statuses = [write_details(base, token, value) for value in before]
        driver = Driver(
            {
                "public_visit": f"{base}/de/besuche/{slug}/",
                "guest_itinerary": f"{base}/g/{token}/uk/",
                "healthz": f"{base}/healthz",
            }
        ).start()
        time.sleep(3)
        stopped_at = time.monotonic()
        cluster("stop")
        down_at = time.monotonic()
        print(f"PostgreSQL stopped ({down_at - stopped_at:.1f} s); waiting {OUTAGE_SECONDS} s", flush=True)
        time.sleep(OUTAGE_SECONDS)
        # Down for certain until the start command begins; `pg_ctlcluster start` returns a moment after
        # PostgreSQL accepts connections again, so answers between the two may already be 200.
        starting_at = time.monotonic()
        cluster("start")
        up_at = time.monotonic()
        print("PostgreSQL started again", flush=True)
        time.sleep(AFTER_SECONDS)
        driver.stop()
        after_status = write_details(base, token, f"{prefix}after")
        gunicorn_alive = server.process.poll() is None

    records = driver.records
    outage = [r for r in records if down_at + 0.5 <= r[0] <= starting_at]
    outage_statuses = sorted({r[2] for r in outage})
    bad_outage = [r for r in outage if r[2] not in (503,) or not r[3] or r[4]]
    # Recovery: the first moment after which every answer of every page is 200.
    after = [r for r in records if r[0] >= up_at]
    failures_after = [r[0] for r in after if r[2] != 200]
    last_failure = max(failures_after) if failures_after else up_at
    recovered_in = round(last_failure - up_at, 2)
    served_after = any(r[2] == 200 for r in after if r[0] > last_failure)
    first_served = min((r[0] for r in records if r[0] > starting_at and r[2] == 200), default=None)
    by_page = {
        name: sorted({r[2] for r in outage if r[1] == name})
        for name in ("public_visit", "guest_itinerary", "healthz")
    }
    stored = set(stored_values(env, prefix))
    lost = [value for value in before if value not in stored]
    result = {
        "outage_seconds": OUTAGE_SECONDS,
        "requests": len(records),
        "requests_during_outage": len(outage),
        "statuses_during_outage": outage_statuses,
        "statuses_during_outage_by_page": by_page,
        "first_200_seconds_after_start_command": round(first_served - starting_at, 2)
        if first_served
        else None,
        "start_command_seconds": round(up_at - starting_at, 2),
        "not_friendly_503_during_outage": len(bad_outage),
        "recovered_seconds_after_database_start": recovered_in,
        "served_after_recovery": served_after,
        "application_restarted": not gunicorn_alive,
        "writes_before_fault": len(before),
        "write_statuses_before": write_statuses,
        "writes_lost": lost,
        "write_after_recovery_status": after_status,
        "write_after_recovery_stored": f"{prefix}after" in stored,
    }
    checks = {
        "503 during the outage": bool(outage) and not bad_outage,
        f"serving again within {RECOVERY_LIMIT} s": served_after and recovered_in <= RECOVERY_LIMIT,
        # The form answers with a redirect to itself, which urllib follows: 200 after saving.
        "no write lost": all(status == 200 for status in write_statuses) and not lost,
        "writes work after": after_status == 200 and result["write_after_recovery_stored"],
    }
    result["checks"] = checks
    harness.write_json(harness.ROOT / "benchmarks" / "fault.json", result)
    for name, passed in checks.items():
        print(f"{'ok  ' if passed else 'FAIL'} {name}")
    print(
        f"{len(outage)} requests during the outage, statuses {outage_statuses}; "
        f"recovered {recovered_in} s after the database started; writes lost: {len(lost)}"
    )
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    harness.stop_on_sigterm()
    try:
        sys.exit(main())
    except (KeyboardInterrupt, harness.Stop):
        sys.exit(130)

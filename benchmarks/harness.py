"""What the load benchmarks (bench, soak, bench-servers, fault) share: database, servers, load tool.

Stdlib only, run by the project's Python outside Django: the server under test is a separate process group
started here and always stopped here (also on Ctrl-C or SIGTERM); traffic goes to 127.0.0.1 only.
"""

import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
RUN = ROOT / "benchmarks" / "run"
PY = sys.executable
BENCH_DB_NAME = "kleve_bench"


class Stop(Exception):
    """Raised in the main thread by SIGTERM, so `finally` blocks stop the server."""


def _on_term(signum, frame):
    raise Stop(f"signal {signum}")


def stop_on_sigterm() -> None:
    """For the scripts: SIGTERM raises Stop, so `finally` blocks stop the server (not done on import: the
    debug-off test imports this module into pytest's process)."""
    signal.signal(signal.SIGTERM, _on_term)


def bench_database_url() -> str:
    """PostgreSQL's `kleve_bench` beside the database DATABASE_URL names, else a SQLite file."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        parts = urlsplit(url)
        return urlunsplit(parts._replace(path="/" + BENCH_DB_NAME))
    return f"sqlite:///{ROOT / 'benchmarks' / 'bench.sqlite3'}"


def create_postgres_database(url: str, *, fresh: bool = False) -> None:
    import psycopg

    parts = urlsplit(url)
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        if fresh:
            connection.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB_NAME}" WITH (FORCE)')
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DB_NAME]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{BENCH_DB_NAME}"')


def server_env(database_url: str) -> dict:
    """Production settings (DEBUG off, a throwaway key), own static folder, no TLS redirect on 127.0.0.1."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="bench-" + secrets.token_urlsafe(40),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_HSTS_SECONDS="0",
        DJANGO_STATIC_ROOT=str(RUN / "static"),
        DJANGO_LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="kleve_partnership.settings",
    )
    return env


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def prepare(env: dict, database_url: str) -> None:
    RUN.mkdir(parents=True, exist_ok=True)
    if database_url.startswith("postgres"):
        create_postgres_database(database_url)
    started = time.monotonic()
    migrated = subprocess.run(
        [PY, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if migrated.returncode != 0 and "InconsistentMigrationHistory" in migrated.stderr:
        # A benchmark database left by older code whose migrations were renumbered since: it holds nothing
        # but the benchmark's own seed, so it is made again from scratch.
        print("the benchmark database is from older code; making it again", flush=True)
        if database_url.startswith("postgres"):
            create_postgres_database(database_url, fresh=True)
        else:
            (ROOT / "benchmarks" / "bench.sqlite3").unlink(missing_ok=True)
        manage(env, "migrate", "--noinput", "-v0")
    elif migrated.returncode != 0:
        sys.exit(f"manage.py migrate failed:\n{migrated.stdout}\n{migrated.stderr}")
    print(manage(env, "seed_bench", "--out", str(RUN)).strip(), flush=True)
    # Collected and compressed once; again only when a static source is newer than the manifest.
    manifest = RUN / "static" / "staticfiles.json"
    sources = [path for folder in (ROOT / "static",) for path in folder.rglob("*") if path.is_file()]
    if not manifest.exists() or any(path.stat().st_mtime > manifest.stat().st_mtime for path in sources):
        manage(env, "collectstatic", "--noinput", "-v0")
    print(f"database and static files ready in {time.monotonic() - started:.0f} s", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# The application servers the benchmarks can run; `make bench` and `make soak` use production's
# (`PRODUCTION_SERVER`, chosen by `make bench-servers` in docs/servers.md), `make bench-servers` compares them
# all. Threads are per worker process.
SERVER_CONFIGS = {
    "gunicorn_sync_4": {"kind": "sync", "workers": 4},
    "gunicorn_gthread_2x4": {"kind": "gthread", "workers": 2, "threads": 4},
    "granian_2": {"kind": "granian", "workers": 2},
    "granian_2x4": {"kind": "granian", "workers": 2, "threads": 4},
    "granian_2x1": {"kind": "granian", "workers": 2, "threads": 1},
}
# The README's production command: granian's WSGI interface, 2 workers of 4 blocking threads each.
PRODUCTION_SERVER = "granian_2x4"


class Server:
    """An application server on 127.0.0.1 serving the project's WSGI app, in a process group of its own.

    kind "sync": gunicorn with sync workers (each request gets a whole process, as behind a buffering proxy);
    "gthread": gunicorn with `threads` threads per worker; "granian": granian's WSGI interface, with
    `threads` blocking threads per worker (None: granian's own default, half its backpressure, i.e. 256
    threads per worker with two workers).
    """

    def __init__(
        self,
        env: dict,
        workers: int = 4,
        port: int | None = None,
        log: Path | None = None,
        *,
        kind: str = "sync",
        threads: int | None = None,
    ):
        if kind not in ("sync", "gthread", "granian"):
            raise ValueError(f"unknown server kind {kind!r}")
        self.env, self.workers, self.kind, self.threads = env, workers, kind, threads
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = None
        self.log = log or RUN / f"{'granian' if kind == 'granian' else 'gunicorn'}-{self.port}.log"

    @classmethod
    def named(cls, env: dict, name: str, **kwargs) -> "Server":
        """One of SERVER_CONFIGS by its name; keyword arguments override it (e.g. `workers`)."""
        return cls(env, **(SERVER_CONFIGS[name] | kwargs))

    @classmethod
    def production(cls, env: dict, **kwargs) -> "Server":
        """Production's server (`PRODUCTION_SERVER`), or another of SERVER_CONFIGS named by BENCH_SERVER."""
        return cls.named(env, os.environ.get("BENCH_SERVER") or PRODUCTION_SERVER, **kwargs)

    def describe(self) -> str:
        if self.kind == "sync":
            return f"gunicorn, {self.workers} sync workers"
        if self.kind == "gthread":
            return f"gunicorn, {self.workers} gthread workers x {self.threads} threads"
        threads = "default" if self.threads is None else self.threads
        return f"granian (WSGI), {self.workers} workers, blocking threads {threads}"

    def command(self) -> list[str]:
        bin_dir = Path(PY).parent
        if self.kind == "granian":
            command = [
                str(bin_dir / "granian"),
                "--interface=wsgi",
                "--host=127.0.0.1",
                f"--port={self.port}",
                f"--workers={self.workers}",
                "--log-level=warning",
                "--workers-kill-timeout=5",
                "--respawn-failed-workers",
                "kleve_partnership.wsgi:application",
            ]
            if self.threads is not None:
                command.insert(-1, f"--blocking-threads={self.threads}")
            return command
        command = [
            str(bin_dir / "gunicorn"),
            "kleve_partnership.wsgi",
            f"--workers={self.workers}",
            f"--bind=127.0.0.1:{self.port}",
            "--timeout=30",
            "--graceful-timeout=5",
            # Not the one control socket every gunicorn on this machine would otherwise share.
            "--no-control-socket",
        ]
        if self.kind == "gthread":
            command += ["--worker-class=gthread", f"--threads={self.threads or 1}"]
        return command

    def start(self, timeout: float = 30) -> "Server":
        name = self.command()[0].rsplit("/", 1)[-1]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                self.command(), cwd=ROOT, env=self.env, stdout=log, stderr=log, start_new_session=True
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"{name} exited at start; see {self.log}")
            try:
                if fetch(self.base + "/healthz", timeout=2)[0] == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        sys.exit(f"{name} did not answer within {timeout} s; see {self.log}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def fetch(url: str, *, cookie: str = "", timeout: float = 10, data: bytes | None = None, headers=None):
    """One request: (status, body, headers); HTTP errors are answers too. The headers are the response's
    message, whose look-ups ignore case (granian sends names in lower case, gunicorn as the app set them)."""
    request = urllib.request.Request(url, data=data, headers={"Cookie": cookie} if cookie else {})
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers


# --- load -----------------------------------------------------------------------------------------------

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0, "h": 3600000.0}
SOCKET_ERRORS = ("connect", "read", "write", "timeout")


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text)
    return float(match.group(1)) * _UNITS[match.group(2)] if match else 0.0


def parse_wrk(output: str) -> dict:
    """wrk's report as figures. `errors` counts every answer that was not 2xx or 3xx and every request that
    got no answer: wrk's "Non-2xx or 3xx responses" and its socket errors (connect, read, write, timeout).
    A report without a rate (wrk could not run at all) counts as one error, so it never passes unnoticed."""
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.M)
    count = re.search(r"^\s+(\d+) requests in ", output, re.M)
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.M)
    non_2xx = re.search(r"^\s*Non-2xx or 3xx responses: (\d+)", output, re.M)
    sockets = re.search(
        r"^\s*Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output, re.M
    )
    figures = {
        "rps": float(rate.group(1)) if rate else 0.0,
        "p50_ms": _ms(p50.group(1)) if p50 else 0.0,
        "p99_ms": _ms(p99.group(1)) if p99 else 0.0,
        "requests": int(count.group(1)) if count else 0,
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
    }
    for kind, value in zip(SOCKET_ERRORS, sockets.groups() if sockets else (0,) * 4, strict=True):
        figures[kind] = int(value)
    figures["errors"] = figures["non_2xx"] + sum(figures[kind] for kind in SOCKET_ERRORS) + (not rate)
    return figures


def wrk_command(url: str, seconds: float, *, cookie: str = "", connections: int = 8, threads: int = 2):
    command = [
        shutil.which("wrk") or "wrk",
        f"-t{min(threads, connections)}",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--latency",
        "--timeout",
        "10s",
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    return [*command, url]


def load(url: str, seconds: float, *, cookie: str = "", connections: int = 8, threads: int = 2) -> dict:
    """Drive one URL for `seconds`: requests per second, median and 99th percentile latency in ms, and the
    errors (see parse_wrk; the Python driver counts the same)."""
    if shutil.which("wrk") is None:
        return python_load(url, seconds, cookie=cookie, connections=connections)
    command = wrk_command(url, seconds, cookie=cookie, connections=connections, threads=threads)
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    figures = parse_wrk(result.stdout)
    if result.returncode != 0 and not figures["errors"]:
        figures["errors"] = figures["connect"] = 1
    return figures


def _status_line(connection: http.client.HTTPConnection, path: str, cookie: str) -> int:
    connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    response = connection.getresponse()
    response.read()
    if response.will_close:
        connection.close()
    return response.status


def python_load(url: str, seconds: float, *, cookie: str = "", connections: int = 8) -> dict:
    """The fallback where wrk is missing: one thread per connection with http.client (slower, so only
    ratios compare). Redirects are not followed: a 3xx is an answer, as for wrk. Counts the same errors as
    wrk: answers outside 2xx/3xx, refused connections, broken reads and writes, timeouts (10 s)."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    latencies, lock = [], threading.Lock()
    totals = dict.fromkeys(("non_2xx", *SOCKET_ERRORS), 0)
    started_at = time.monotonic()
    end = started_at + seconds

    def worker():
        mine, bad = [], dict.fromkeys(totals, 0)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        while time.monotonic() < end:
            started = time.perf_counter()
            try:
                status = _status_line(connection, path, cookie)
            except TimeoutError:
                bad["timeout"] += 1
                connection.close()
                continue
            except ConnectionRefusedError:
                bad["connect"] += 1
                connection.close()
                time.sleep(0.01)
                continue
            except (OSError, http.client.HTTPException):
                bad["read"] += 1
                connection.close()
                continue
            mine.append((time.perf_counter() - started) * 1000)
            bad["non_2xx"] += not 200 <= status < 400
        connection.close()
        with lock:
            latencies.extend(mine)
            for kind, value in bad.items():
                totals[kind] += value

    workers = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    elapsed = max(time.monotonic() - started_at, seconds)
    latencies.sort()
    count = len(latencies)
    return {
        "rps": count / elapsed,
        "p50_ms": latencies[count // 2] if count else 0.0,
        "p99_ms": latencies[min(count - 1, int(count * 0.99))] if count else 0.0,
        "requests": count,
        **totals,
        "errors": sum(totals.values()),
    }


def write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")

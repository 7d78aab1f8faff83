"""What `make bench` and `make fault` share: the benchmark database, a production-like gunicorn, a load tool.

Stdlib only, run by the project's Python outside Django: the server under test is a separate process group
started here and always stopped here (also on Ctrl-C or SIGTERM); traffic goes to 127.0.0.1 only.
"""

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


class Server:
    """gunicorn with sync workers (each request gets a whole process, as behind a buffering proxy)."""

    def __init__(self, env: dict, workers: int = 4, port: int | None = None, log: Path | None = None):
        self.env, self.workers = env, workers
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = None
        self.log = log or RUN / f"gunicorn-{self.port}.log"

    def start(self, timeout: float = 30) -> "Server":
        command = [
            str(Path(PY).parent / "gunicorn"),
            "kleve_partnership.wsgi",
            f"--workers={self.workers}",
            f"--bind=127.0.0.1:{self.port}",
            "--timeout=30",
            "--graceful-timeout=5",
        ]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=self.env, stdout=log, stderr=log, start_new_session=True
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"gunicorn exited at start; see {self.log}")
            try:
                if fetch(self.base + "/healthz", timeout=2)[0] == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        sys.exit(f"gunicorn did not answer within {timeout} s; see {self.log}")

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
    """One request: (status, body, headers); HTTP errors are answers too."""
    request = urllib.request.Request(url, data=data, headers={"Cookie": cookie} if cookie else {})
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


# --- load -----------------------------------------------------------------------------------------------

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * _UNITS[unit]


def load(url: str, seconds: float, *, cookie: str = "", connections: int = 8) -> dict:
    """Drive one URL for `seconds`: requests per second, median and 99th percentile latency in ms."""
    wrk = shutil.which("wrk")
    if wrk is None:
        return _python_load(url, seconds, cookie=cookie, connections=connections)
    command = [
        wrk,
        f"-t{min(2, connections)}",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--latency",
        "--timeout",
        "10s",
        url,
    ]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {"rps": rps, "p50_ms": p50, "p99_ms": p99, "non_2xx": int(errors.group(1)) if errors else 0}


def _python_load(url: str, seconds: float, *, cookie: str = "", connections: int = 8) -> dict:
    """The fallback where wrk is missing: threads with urllib (slower, so only ratios compare)."""
    latencies, errors, lock = [], [0], threading.Lock()
    end = time.monotonic() + seconds

    def worker():
        mine, bad = [], 0
        while time.monotonic() < end:
            started = time.perf_counter()
            try:
                status = fetch(url, cookie=cookie)[0]
            except OSError:
                status = 0
            mine.append((time.perf_counter() - started) * 1000)
            bad += status >= 400 or status == 0
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    count = len(latencies)
    return {
        "rps": count / seconds,
        "p50_ms": latencies[count // 2] if count else 0.0,
        "p99_ms": latencies[min(count - 1, int(count * 0.99))] if count else 0.0,
        "non_2xx": errors[0],
    }


def write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")

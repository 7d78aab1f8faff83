"""`make lighthouse`: Lighthouse on the public home, a visit, an event page and a guest itinerary of the demo.

Seeds the demo visit as it was held (so its event pages are public) into a fresh SQLite file under
benchmarks/run/, serves it with gunicorn and production settings on 127.0.0.1 (benchmarks/harness.py) and
runs Lighthouse 12 from npm (`npx --yes lighthouse@12`, Node 20) in Debian's Chromium on each page.
Writes benchmarks/lighthouse.json: per page the category scores and every audit that does not pass.
Exits non-zero when one of GATED, or any accessibility audit, fails on any page.
"""

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness

CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
LIGHTHOUSE = os.environ.get("LIGHTHOUSE", "lighthouse@12")
OUT = harness.ROOT / "benchmarks" / "lighthouse.json"
DATABASE = harness.RUN / "lighthouse.sqlite3"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
# What issue 14 asks of every public page: compressed and cacheable, and a clean console.
GATED = ["uses-text-compression", "uses-long-cache-ttl", "errors-in-console", "inspector-issues"]
# Audits without a verdict of their own.
NO_VERDICT = {"informative", "manual", "notApplicable", "error"}

# Run inside the server's settings: the demo's public visit, a published event page and a fresh guest link.
FIND_PAGES = """
import json
from delegations.models import Delegation
from press.models import EventPage
from visits.services import issue_guest_access
visit = Delegation.objects.filter(is_public=True).order_by("pk").first()
event = EventPage.objects.published().filter(delegation=visit).order_by("pk").first()
member = visit.members.filter(preferred_language="uk").order_by("pk").first()
_access, token = issue_guest_access(delegation=visit, member=member)
print(json.dumps({"visit": visit.slug, "event": event.slug, "token": token}))
"""


def prepare(env: dict) -> dict:
    """A fresh demo database and the collected static files; the paths of the pages to audit."""
    harness.RUN.mkdir(parents=True, exist_ok=True)
    for leftover in harness.RUN.glob(DATABASE.name + "*"):
        leftover.unlink()
    started = time.monotonic()
    harness.manage(env, "migrate", "--noinput", "-v0")
    harness.manage(env, "seed_demo", "--as-held")
    found = json.loads(harness.manage(env, "shell", "-v0", "-c", FIND_PAGES).strip().splitlines()[-1])
    # The same collected folder as `make bench`: collected again only when a static source is newer.
    manifest = harness.RUN / "static" / "staticfiles.json"
    sources = [path for path in (harness.ROOT / "static").rglob("*") if path.is_file()]
    if not manifest.exists() or any(path.stat().st_mtime > manifest.stat().st_mtime for path in sources):
        harness.manage(env, "collectstatic", "--noinput", "-v0")
    print(f"demo database and static files ready in {time.monotonic() - started:.0f} s", flush=True)
    return {
        "public_home": "/de/",
        "public_visit": f"/de/besuche/{found['visit']}/",
        "public_event": f"/de/veranstaltungen/{found['event']}/",
        "guest_itinerary": f"/g/{found['token']}/uk/",
    }


def lighthouse(url: str, report: Path) -> dict:
    npx = shutil.which("npx")
    if npx is None:
        sys.exit("npx is missing: Lighthouse needs Node.js 20 and npm")
    command = [
        npx,
        "--yes",
        LIGHTHOUSE,
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run --disable-sync "
        "--disable-background-networking --disable-component-update",
    ]
    result = subprocess.run(
        command, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True, check=False
    )
    if result.returncode != 0 or not report.exists():
        sys.exit(f"Lighthouse failed on {url}:\n{result.stdout}\n{result.stderr}")
    return json.loads(report.read_text())


def failing_audits(report: dict) -> list[dict]:
    """Every audit with a verdict below full marks, with what Lighthouse names as the cause."""
    failing = []
    for audit_id, audit in sorted(report["audits"].items()):
        if audit.get("scoreDisplayMode") in NO_VERDICT or audit.get("score") is None or audit["score"] >= 1:
            continue
        details = audit.get("details") or {}
        items = [item for item in details.get("items", []) if isinstance(item, dict)]
        failing.append(
            {
                "id": audit_id,
                "title": audit["title"],
                "score": audit["score"],
                "value": audit.get("displayValue", ""),
                "items": [_describe(item) for item in items[:8]],
            }
        )
    return failing


def _describe(item: dict) -> str:
    """One line per item: its URL or element and the figure or reason that goes with it."""
    node = item.get("node") or {}
    where = item.get("url") or item.get("source") or node.get("snippet") or node.get("selector") or ""
    if isinstance(where, dict):
        where = where.get("url") or where.get("snippet") or json.dumps(where)[:160]
    extra = [
        f"{key}={item[key]}"
        for key in ("description", "reason", "cacheLifetimeMs", "wastedBytes", "totalBytes", "value")
        if key in item and not isinstance(item[key], dict | list)
    ]
    return " ".join([str(where)[:200], *extra]).strip()


def _scrub(text: str, base: str, token: str | None) -> str:
    text = text.replace(base, "")
    return text.replace(token, "<token>") if token else text


def gate(page: str, report: dict, failing: list[dict]) -> list[str]:
    """The failures that make `make lighthouse` exit non-zero."""
    accessibility = {ref["id"] for ref in report["categories"]["accessibility"]["auditRefs"]}
    return [
        f"{page}: {audit['id']} ({audit['title']}) {audit['value']}".rstrip()
        for audit in failing
        if audit["id"] in GATED or audit["id"] in accessibility
    ]


def main() -> int:
    harness.stop_on_sigterm()
    port = harness.free_port()
    env = harness.server_env(f"sqlite:///{DATABASE}")
    env["DJANGO_SITE_URL"] = f"http://127.0.0.1:{port}"
    pages = prepare(env)
    results, problems = {}, []
    with harness.Server(env, workers=2, port=port) as server:
        for name, path in pages.items():
            started = time.monotonic()
            report = lighthouse(server.base + path, harness.RUN / f"lighthouse-{name}.json")
            failing = failing_audits(report)
            token = path.split("/")[2] if name.startswith("guest") else None
            shown = path.replace(token, "<token>") if token else path
            for audit in failing:  # the same file from run to run: no port, no guest token
                audit["items"] = [_scrub(item, server.base, token) for item in audit["items"]]
            results[name] = {
                "path": shown,
                "scores": {key: category["score"] for key, category in report["categories"].items()},
                "failing": failing,
            }
            problems += gate(name, report, failing)
            scores = " ".join(f"{key} {value}" for key, value in results[name]["scores"].items())
            print(f"{name}: {scores} ({time.monotonic() - started:.0f} s)", flush=True)
    harness.write_json(
        OUT,
        {
            "lighthouse": LIGHTHOUSE,
            "gated": [*GATED, "every accessibility audit"],
            "pages": results,
            "problems": problems,
        },
    )
    for problem in problems:
        print("FAIL", problem, file=sys.stderr)
    print(f"written to {OUT.relative_to(harness.ROOT)}")
    return 1 if problems else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except harness.Stop as stop:
        sys.exit(f"stopped: {stop}")

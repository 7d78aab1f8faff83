"""Production security settings: `check --deploy`, the headers of every kind of page scored like the MDN HTTP
Observatory (v2) would score them, the Permissions-Policy, and /.well-known/security.txt."""

import os
import re
import secrets
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from django.test import Client, override_settings
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION = {
    "DEBUG": False,
    "SECURE_SSL_REDIRECT": True,
    "SECURE_HSTS_SECONDS": 365 * 24 * 60 * 60,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
    "SECURE_HSTS_PRELOAD": True,
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
    # Static files as WhiteNoise serves them in production, found without collectstatic.
    "WHITENOISE_USE_FINDERS": True,
    "WHITENOISE_AUTOREFRESH": True,
}


def test_check_deploy_passes_with_the_production_environment():
    env = {name: value for name, value in os.environ.items() if not name.startswith("DJANGO_")}
    env |= {
        "DJANGO_SETTINGS_MODULE": "kleve_partnership.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(48)[:50],
        "DJANGO_ALLOWED_HOSTS": "partnerschaft.kreis-kleve.example",
        "DJANGO_SITE_URL": "https://partnerschaft.kreis-kleve.example",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


# The MDN HTTP Observatory's tests and score modifiers (mdn/mdn-http-observatory, src/grader/charts.js).

MODIFIERS = {
    "csp-implemented-with-no-unsafe-default-src-none": 10,
    "csp-implemented-with-no-unsafe": 5,
    "csp-implemented-with-unsafe-inline-in-style-src-only": 0,
    "csp-implemented-with-unsafe-eval": -10,
    "csp-implemented-with-unsafe-inline": -20,
    "csp-implemented-with-insecure-scheme": -20,
    "csp-not-implemented": -25,
    "cookies-secure-with-httponly-sessions-and-samesite": 5,
    "cookies-secure-with-httponly-sessions": 0,
    "cookies-not-found": 0,
    "cookies-without-secure-flag": -20,
    "cookies-samesite-flag-invalid": -20,
    "cookies-anticsrf-without-samesite-flag": -20,
    "cookies-session-without-httponly-flag": -30,
    "cookies-session-without-secure-flag": -40,
    "cross-origin-resource-sharing-not-implemented": 0,
    "cross-origin-resource-sharing-implemented-with-public-access": 0,
    "cross-origin-resource-sharing-implemented-with-restricted-access": 0,
    "cross-origin-resource-sharing-implemented-with-universal-access": -50,
    "redirection-to-https": 0,
    "redirection-off-host-from-http": -5,
    "redirection-not-to-https": -20,
    "redirection-missing": -20,
    "referrer-policy-private": 5,
    "referrer-policy-not-implemented": 0,
    "referrer-policy-unsafe": -5,
    "referrer-policy-header-invalid": -5,
    "hsts-implemented-max-age-at-least-six-months": 0,
    "hsts-implemented-max-age-less-than-six-months": -10,
    "hsts-not-implemented": -20,
    "hsts-header-invalid": -20,
    "sri-implemented-and-all-scripts-loaded-securely": 5,
    "sri-not-implemented-response-not-html": 0,
    "sri-not-implemented-but-no-scripts-loaded": 0,
    "sri-not-implemented-but-all-scripts-loaded-from-secure-origin": 0,
    "sri-not-implemented-but-external-scripts-loaded-securely": -5,
    "sri-not-implemented-and-external-scripts-not-loaded-securely": -50,
    "x-content-type-options-nosniff": 0,
    "x-content-type-options-not-implemented": -5,
    "x-content-type-options-header-invalid": -5,
    "x-frame-options-implemented-via-csp": 5,
    "x-frame-options-sameorigin-or-deny": 0,
    "x-frame-options-not-implemented": -20,
    "x-frame-options-header-invalid": -20,
    "cross-origin-resource-policy-implemented-with-same-origin": 10,
    "cross-origin-resource-policy-implemented-with-same-site": 10,
    "cross-origin-resource-policy-implemented-with-cross-origin": 0,
    "cross-origin-resource-policy-not-implemented": 0,
    "cross-origin-resource-policy-header-invalid": -5,
}
# A test fails when its result is not one of these (the Observatory's "pass").
PASSING = {
    "csp-implemented-with-no-unsafe-default-src-none",
    "csp-implemented-with-no-unsafe",
    "cookies-secure-with-httponly-sessions-and-samesite",
    "cookies-secure-with-httponly-sessions",
    "cookies-not-found",
    "cross-origin-resource-sharing-not-implemented",
    "cross-origin-resource-sharing-implemented-with-public-access",
    "cross-origin-resource-sharing-implemented-with-restricted-access",
    "redirection-to-https",
    "referrer-policy-private",
    "referrer-policy-not-implemented",
    "hsts-implemented-max-age-at-least-six-months",
    "sri-implemented-and-all-scripts-loaded-securely",
    "sri-not-implemented-response-not-html",
    "sri-not-implemented-but-no-scripts-loaded",
    "sri-not-implemented-but-all-scripts-loaded-from-secure-origin",
    "x-content-type-options-nosniff",
    "x-frame-options-implemented-via-csp",
    "x-frame-options-sameorigin-or-deny",
    "cross-origin-resource-policy-implemented-with-same-origin",
    "cross-origin-resource-policy-implemented-with-same-site",
    "cross-origin-resource-policy-implemented-with-cross-origin",
    "cross-origin-resource-policy-not-implemented",
}
BROAD = {"ftp:", "http:", "https:", "*", "http://*", "http://*.*", "https://*", "https://*.*"}


def _csp(headers) -> str:
    raw = headers.get("Content-Security-Policy")
    if not raw:
        return "csp-not-implemented"
    policy = {}
    for directive in raw.split(";"):
        name, *sources = directive.split()
        policy.setdefault(name.lower(), set(sources))
    script = policy.get("script-src") or policy.get("default-src") or {"*"}
    objects = policy.get("object-src") or policy.get("default-src") or {"*"}
    style = policy.get("style-src") or policy.get("default-src") or {"*"}
    everything = set().union(*policy.values())
    if script & (BROAD | {"'unsafe-inline'", "data:"}) or objects & BROAD:
        return "csp-implemented-with-unsafe-inline"
    if any(source.startswith(("http:", "ftp:")) for source in everything):
        return "csp-implemented-with-insecure-scheme"
    if "'unsafe-eval'" in script | style:
        return "csp-implemented-with-unsafe-eval"
    if style & (BROAD | {"'unsafe-inline'", "data:"}):
        return "csp-implemented-with-unsafe-inline-in-style-src-only"
    if policy.get("default-src") == {"'none'"}:
        return "csp-implemented-with-no-unsafe-default-src-none"
    return "csp-implemented-with-no-unsafe"


def _cookies(response) -> str:
    cookies = list(response.cookies.values())
    if not cookies:
        return "cookies-not-found"
    worst = []
    for cookie in cookies:
        name = cookie.key.lower()
        session = "login" in name or "sess" in name
        samesite = cookie["samesite"]
        if samesite and samesite.lower() not in {"lax", "strict", "none"}:
            worst.append("cookies-samesite-flag-invalid")
        if not cookie["secure"]:
            worst.append("cookies-session-without-secure-flag" if session else "cookies-without-secure-flag")
        if "csrf" in name and not samesite:
            worst.append("cookies-anticsrf-without-samesite-flag")
        if session and not cookie["httponly"]:
            worst.append("cookies-session-without-httponly-flag")
    if worst:
        return min(worst, key=MODIFIERS.get)
    if all(cookie["samesite"] for cookie in cookies):
        return "cookies-secure-with-httponly-sessions-and-samesite"
    return "cookies-secure-with-httponly-sessions"


def _cors(client, path) -> str:
    response = client.get(path, secure=True, HTTP_ORIGIN="https://angreifer.example")
    allowed = response.headers.get("Access-Control-Allow-Origin")
    if not allowed:
        return "cross-origin-resource-sharing-not-implemented"
    credentials = response.headers.get("Access-Control-Allow-Credentials", "").lower() == "true"
    if credentials and allowed in {"*", "https://angreifer.example"}:
        return "cross-origin-resource-sharing-implemented-with-universal-access"
    return "cross-origin-resource-sharing-implemented-with-public-access"


def _redirection(client, path) -> str:
    response = client.get(path)  # plain http
    if response.status_code not in {301, 302, 307, 308}:
        return "redirection-missing"
    location = response["Location"]
    if not location.startswith("https://"):
        return "redirection-not-to-https"
    if not location.startswith("https://testserver/"):
        return "redirection-off-host-from-http"
    return "redirection-to-https"


def _referrer(headers) -> str:
    raw = headers.get("Referrer-Policy")
    if not raw:
        return "referrer-policy-not-implemented"
    last = raw.split(",")[-1].strip().lower()
    if last in {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}:
        return "referrer-policy-private"
    if last in {"origin", "origin-when-cross-origin", "unsafe-url", "no-referrer-when-downgrade"}:
        return "referrer-policy-unsafe"
    return "referrer-policy-header-invalid"


def _hsts(headers) -> str:
    raw = headers.get("Strict-Transport-Security")
    if not raw:
        return "hsts-not-implemented"
    match = re.search(r"max-age=(\d+)", raw)
    if not match:
        return "hsts-header-invalid"
    if int(match.group(1)) < 15768000:
        return "hsts-implemented-max-age-less-than-six-months"
    return "hsts-implemented-max-age-at-least-six-months"


class _Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts.append(dict(attrs))


def _sri(response) -> str:
    if not response.headers.get("Content-Type", "").startswith("text/html"):
        return "sri-not-implemented-response-not-html"
    parser = _Scripts()
    parser.feed(response.content.decode())
    sources = [script["src"] for script in parser.scripts if script.get("src")]
    if not sources:
        return "sri-not-implemented-but-no-scripts-loaded"
    external = [src for src in sources if re.match(r"^(https?:)?//", src)]
    if not external:
        if all(script.get("integrity") for script in parser.scripts if script.get("src")):
            return "sri-implemented-and-all-scripts-loaded-securely"
        return "sri-not-implemented-but-all-scripts-loaded-from-secure-origin"
    if all(src.startswith("https://") for src in external):
        return "sri-not-implemented-but-external-scripts-loaded-securely"
    return "sri-not-implemented-and-external-scripts-not-loaded-securely"


def _nosniff(headers) -> str:
    raw = headers.get("X-Content-Type-Options")
    if raw is None:
        return "x-content-type-options-not-implemented"
    return (
        "x-content-type-options-nosniff"
        if raw.strip().lower() == "nosniff"
        else "x-content-type-options-header-invalid"
    )


def _framing(headers) -> str:
    csp = headers.get("Content-Security-Policy", "")
    ancestors = re.search(r"frame-ancestors ([^;]+)", csp)
    if ancestors and not set(ancestors.group(1).split()) & BROAD:
        return "x-frame-options-implemented-via-csp"
    raw = headers.get("X-Frame-Options")
    if raw is None:
        return "x-frame-options-not-implemented"
    if raw.strip().upper() in {"DENY", "SAMEORIGIN"}:
        return "x-frame-options-sameorigin-or-deny"
    return "x-frame-options-header-invalid"


def _corp(headers) -> str:
    raw = headers.get("Cross-Origin-Resource-Policy")
    if raw is None:
        return "cross-origin-resource-policy-not-implemented"
    value = raw.strip().lower()
    if value in {"same-origin", "same-site", "cross-origin"}:
        return f"cross-origin-resource-policy-implemented-with-{value}"
    return "cross-origin-resource-policy-header-invalid"


def observatory(client, path) -> tuple[int, dict[str, str]]:
    """The score and each test's result for `path`, over HTTPS as the Observatory fetches it."""
    response = client.get(path, secure=True)
    assert response.status_code == 200, path
    headers = response.headers
    results = {
        "content-security-policy": _csp(headers),
        "cookies": _cookies(response),
        "cross-origin-resource-sharing": _cors(client, path),
        "redirection": _redirection(client, path),
        "referrer-policy": _referrer(headers),
        "strict-transport-security": _hsts(headers),
        "subresource-integrity": _sri(response),
        "x-content-type-options": _nosniff(headers),
        "x-frame-options": _framing(headers),
        "cross-origin-resource-policy": _corp(headers),
    }
    modifiers = [MODIFIERS[result] for result in results.values()]
    score = 100 + sum(modifier for modifier in modifiers if modifier < 0)
    if score >= 90:  # extra credit only for an A without it
        score += sum(modifier for modifier in modifiers if modifier > 0)
    return max(score, 0), results


def _pages(guest_link) -> dict[str, str]:
    return {
        "public": "/de/",
        "guest": reverse("guest:itinerary", args=[guest_link[1]]),
        "admin login": reverse("admin:login"),
        "static file": "/static/admin/kleve/admin.css",
    }


@pytest.mark.django_db
@override_settings(**PRODUCTION)
@pytest.mark.parametrize("page", ["public", "guest", "admin login", "static file"])
def test_every_kind_of_page_scores_a_plus_in_the_observatory(guest_link, page):
    score, results = observatory(Client(), _pages(guest_link)[page])
    assert {test: result for test, result in results.items() if result not in PASSING} == {}
    assert score >= 100, results
    # What earns the extra credit, so that losing one shows here by name.
    assert results["content-security-policy"] == "csp-implemented-with-no-unsafe-default-src-none"
    assert results["x-frame-options"] == "x-frame-options-implemented-via-csp"
    assert (
        results["cross-origin-resource-policy"] == "cross-origin-resource-policy-implemented-with-same-origin"
    )
    assert results["referrer-policy"] == "referrer-policy-private"


@pytest.mark.django_db
@override_settings(**PRODUCTION)
def test_the_admin_login_cookie_is_secure_httponly_and_same_site():
    response = Client().get(reverse("admin:login"), secure=True)
    cookie = response.cookies["csrftoken"]
    assert (bool(cookie["secure"]), bool(cookie["httponly"]), cookie["samesite"]) == (True, True, "Lax")
    assert _cookies(response) == "cookies-secure-with-httponly-sessions-and-samesite"


def test_the_scoring_fails_a_weak_configuration():
    """The scorer itself: a page without the headers would not pass, so the A+ above means something."""

    class Bare:
        headers = {
            "Content-Type": "text/html",
            "Content-Security-Policy": "script-src 'self' 'unsafe-inline'",
        }
        cookies = SimpleCookie("sessionid=abc; Path=/")
        content = b'<script src="http://cdn.example/x.js"></script>'

    assert _csp(Bare.headers) == "csp-implemented-with-unsafe-inline"
    assert _cookies(Bare) == "cookies-session-without-secure-flag"
    assert _sri(Bare) == "sri-not-implemented-and-external-scripts-not-loaded-securely"
    assert (_hsts(Bare.headers), _framing(Bare.headers), _nosniff(Bare.headers)) == (
        "hsts-not-implemented",
        "x-frame-options-not-implemented",
        "x-content-type-options-not-implemented",
    )


@pytest.mark.django_db
@override_settings(**PRODUCTION)
def test_the_admin_gets_the_same_strict_policy(planner_client):
    response = planner_client.get(reverse("admin:index"), secure=True)
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    for directive in ("default-src 'none'", "object-src 'none'", "base-uri 'none'", "form-action 'self'"):
        assert directive in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


@pytest.mark.django_db
def test_permissions_policy_denies_devices_and_payment(client):
    header = client.get("/de/")["Permissions-Policy"]
    features = dict(item.split("=", 1) for item in header.split(", "))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()"


@pytest.mark.django_db
def test_security_txt_names_contact_expiry_languages_and_canonical_address(client, settings):
    settings.SECURITY_CONTACT = "mailto:cert@kreis-kleve.example"
    response = client.get("/.well-known/security.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    fields = dict(line.split(": ", 1) for line in response.content.decode().splitlines())
    assert fields["Contact"] == "mailto:cert@kreis-kleve.example"
    assert fields["Preferred-Languages"] == "de, en, uk"
    assert fields["Canonical"] == f"{settings.SITE_URL}/.well-known/security.txt"
    expires = datetime.strptime(fields["Expires"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    # RFC 9116: less than a year ahead, and far enough that it is not about to run out.
    assert timedelta(days=300) < expires - datetime.now(UTC) < timedelta(days=365)


@pytest.mark.django_db
def test_security_txt_default_contact_is_the_county_it_security(client):
    body = client.get("/.well-known/security.txt").content.decode()
    assert "Contact: mailto:it-sicherheit@kreis-kleve.example\n" in body

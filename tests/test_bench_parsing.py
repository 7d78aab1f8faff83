"""The benchmarks' reading of their load tools: wrk's report and the Python driver count every error."""

import http.server
import threading

import pytest

from benchmarks import harness, run_bench

WRK_WITH_ERRORS = """\
Running 4s test @ http://127.0.0.1:41234/g/abc/uk/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    13.10ms    4.02ms  61.77ms   85.12%
    Req/Sec   306.12     40.22   390.00     71.25%
  Latency Distribution
     50%   12.51ms
     75%   14.80ms
     90%   17.93ms
     99%    1.02s
  2441 requests in 4.01s, 0.92GB read
  Socket errors: connect 1, read 2, write 3, timeout 4
  Non-2xx or 3xx responses: 17
Requests/sec:    608.72
Transfer/sec:    235.10MB
"""

WRK_CLEAN = """\
Running 4s test @ http://127.0.0.1:41234/static/bench/public_event.html
  2 threads and 8 connections
  Latency Distribution
     50%  850.00us
     75%    1.20ms
     90%    1.90ms
     99%    3.10ms
  9000 requests in 4.00s, 60.00MB read
Requests/sec:   2250.00
Transfer/sec:     15.00MB
"""


def test_wrk_report_counts_non_2xx_and_every_socket_error():
    assert harness.parse_wrk(WRK_WITH_ERRORS) == {
        "rps": 608.72,
        "p50_ms": 12.51,
        "p99_ms": 1020.0,
        "requests": 2441,
        "non_2xx": 17,
        "connect": 1,
        "read": 2,
        "write": 3,
        "timeout": 4,
        "errors": 27,
    }


def test_wrk_report_without_error_lines_has_no_errors():
    figures = harness.parse_wrk(WRK_CLEAN)
    assert (figures["rps"], figures["p50_ms"], figures["p99_ms"]) == (2250.0, 0.85, 3.1)
    assert (figures["requests"], figures["errors"]) == (9000, 0)


def test_wrk_that_could_not_run_is_an_error():
    figures = harness.parse_wrk("unable to connect to 127.0.0.1:1 Connection refused\n")
    assert (figures["rps"], figures["requests"], figures["errors"]) == (0.0, 0, 1)


class _Handler(http.server.BaseHTTPRequestHandler):
    """/ok answers 200, /moved 302 (an answer, not an error), anything else 500."""

    def do_GET(self):
        status = {"/ok": 200, "/moved": 302}.get(self.path, 500)
        self.send_response(status)
        if status == 302:
            self.send_header("Location", "/elsewhere")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


@pytest.fixture
def small_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(("path", "counts_as_error"), [("/ok", False), ("/moved", False), ("/broken", True)])
def test_python_driver_counts_answers_outside_2xx_3xx(small_server, path, counts_as_error):
    figures = harness.python_load(small_server + path, 0.1, connections=2)
    assert figures["requests"] > 0
    assert figures["errors"] == (figures["requests"] if counts_as_error else 0)
    assert figures["non_2xx"] == figures["errors"]


def test_python_driver_counts_refused_connections():
    figures = harness.python_load(f"http://127.0.0.1:{harness.free_port()}/", 0.1, connections=1)
    assert figures["requests"] == 0
    assert figures["connect"] == figures["errors"] > 0


def _line(ratio, rounds, errors=0):
    kinds = {"non_2xx": errors} if errors else {}
    return {
        "ratio_to_static": ratio,
        "rounds": rounds,
        "errors": errors,
        "error_kinds": kinds,
        "static_errors": 0,
    }


def test_bench_fails_on_low_median_low_round_or_errors_and_names_the_page():
    results = {
        "guest_page": _line(0.9, [0.9, 0.95, 0.55]),
        "guest_ics": _line(0.85, [0.85, 0.9, 0.8]),
        "public_visit": _line(0.7, [0.7, 0.7, 0.75]),
        "public_event": _line(0.9, [0.9, 0.9, 0.9], errors=3),
        "public_ics": _line(0.8, [0.0, 0.8, 0.85]) | {"silent_rounds": 1},
        "admin_changelist_10000": _line(0.01, [0.01, 0.01, 0.01]),
    }
    assert run_bench.failures(results) == [
        "guest_page: round ratios 0.55 < 0.6",
        "public_visit: median ratio 0.70 < 0.8",
        "public_event: 3 errors (non_2xx 3)",
        "public_ics: round ratios 0.00 < 0.6",
        "public_ics: not one answer in 1 of its rounds",
    ]


def test_results_name_no_guest_token():
    assert run_bench.shown("/g/s3cret-token/uk/programm.ics") == "/g/<token>/uk/programm.ics"
    assert run_bench.shown("/de/besuche/bench-besuch/") == "/de/besuche/bench-besuch/"

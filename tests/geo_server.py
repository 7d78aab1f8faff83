"""A fake Nominatim and OSRM on 127.0.0.1 for the tests of core/geo_services.py: answers set per test."""

import http.server
import json
import threading
import time
from urllib.parse import parse_qs, urlsplit


class GeoServer:
    def __init__(self):
        self.requests: list[dict] = []
        # path prefix -> (status, body as Python data or raw bytes, delay in seconds)
        self.answers: dict[str, tuple[int, object, float]] = {}
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                parts = urlsplit(self.path)
                server.requests.append(
                    {
                        "path": parts.path,
                        "query": {key: values[-1] for key, values in parse_qs(parts.query).items()},
                        "user_agent": self.headers.get("User-Agent", ""),
                    }
                )
                status, body, delay = next(
                    (answer for prefix, answer in server.answers.items() if parts.path.startswith(prefix)),
                    (404, {"error": "unknown"}, 0),
                )
                time.sleep(delay)
                raw = body if isinstance(body, bytes) else json.dumps(body).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(raw)))
                    self.end_headers()
                    self.wfile.write(raw)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (a timeout test)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def answer(self, path: str, body, status: int = 200, delay: float = 0) -> None:
        self.answers[path] = (status, body, delay)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> "GeoServer":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

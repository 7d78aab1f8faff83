"""Real receivers on 127.0.0.1 for the delivery tests: an SMTP server (aiosmtpd) and a webhook (messenger).

Both record what arrived, can be started and stopped on a fixed port (to test a server that is down and comes
back), and can be made slow (to kill a worker in the middle of sending) or refusing.
"""

import email
import email.policy
import http.server
import json
import threading
import time
from dataclasses import dataclass, field

from aiosmtpd.controller import Controller


@dataclass
class MailHandler:
    """aiosmtpd handler: keeps every message; may wait before answering, or refuse some recipients."""

    delay: float = 0.0
    refuse: set[str] = field(default_factory=set)
    messages: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            import asyncio

            await asyncio.sleep(self.delay)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append(message)
        return "250 Message accepted for delivery"


class MailServer:
    """An SMTP server on 127.0.0.1:`port` that can go down and come back on the same port."""

    def __init__(self, port: int, handler: MailHandler | None = None):
        self.port = port
        self.handler = handler or MailHandler()
        self.controller = None

    def start(self) -> None:
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    @property
    def messages(self) -> list:
        with self.handler.lock:
            return list(self.handler.messages)


class _Webhook(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.received.append({"path": self.path, "headers": dict(self.headers), "body": body})
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


class Webhook:
    """A JSON webhook on 127.0.0.1, as apprise's json:// sends to it: what a messenger gateway receives."""

    def __init__(self, port: int):
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", port), _Webhook)
        self.server.received = []
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def received(self) -> list[dict]:
        return [{**hit, "json": json.loads(hit["body"] or b"{}")} for hit in self.server.received]


def wait_for(condition, *, timeout: float, what: str, every: float = 0.2):
    """Poll until `condition()` is truthy and return it; fail with `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(every)

"""A webhook receiver on 127.0.0.1 for the tests: a real HTTP server (port 0, in a thread) that checks
every delivery's signature with the README's own ``verify_webhook`` and answers the statuses it is
given, in turn (the last one from then on); and helpers to publish a change and add a subscription."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from registry.domain import events, sequences
from registry.domain.webhooks import subscriptions
from registry.extensions import db
from registry.models import Organisation, RegisterChange
from registry.models.changes import MEDIATOR_ENTRY

README = Path(__file__).resolve().parents[2] / "README.md"

Verifier = Callable[..., bool]


def readme_verifier() -> Verifier:
    """``verify_webhook`` exactly as the README's API section gives it to LA developers."""
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)
    snippet = next(block for block in blocks if "def verify_webhook" in block)
    namespace: dict[str, object] = {}
    exec(snippet, namespace)  # noqa: S102 - the documented snippet, run as an LA would run it
    verifier = namespace["verify_webhook"]
    assert callable(verifier)
    return verifier  # type: ignore[return-value]


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes
    verified: bool
    answered: int


class Receiver:
    """The LA's endpoint. ``secret`` must be set before a delivery arrives, to verify it."""

    def __init__(self, answers: list[int]) -> None:
        self.answers = answers
        self.received: list[Received] = []
        self.secret = ""
        self.verify = readme_verifier()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/register-webhooks?from=smr"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                headers = {name.lower(): value for name, value in self.headers.items()}
                verified = receiver.verify(receiver.secret, headers, body)
                status = receiver.answers[min(len(receiver.received), len(receiver.answers) - 1)]
                receiver.received.append(Received(headers, body, verified, status))
                self.send_response(status if verified else 401)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                pass

        return Handler


@contextmanager
def receiver(answers: list[int]) -> Iterator[Receiver]:
    running = Receiver(answers)
    thread = threading.Thread(target=running.server.serve_forever, daemon=True)
    thread.start()
    try:
        yield running
    finally:
        running.server.shutdown()
        running.server.server_close()
        thread.join(5)


def publish_change(
    registration_number: str, areas: set[str] | None = None, kind: str = MEDIATOR_ENTRY
) -> RegisterChange:
    """What the publisher does for a changed public entry: the change row, then the event."""
    change = RegisterChange(
        sequence=sequences.next_value(sequences.FEED),
        kind=kind,
        subject=registration_number,
        data={"registration_number": registration_number, "display_name": "A mediator"},
    )
    db.session.add(change)
    db.session.flush()
    events.publish(events.RegisterChangeRecorded(change, frozenset(areas or ())))
    return change


_tokens = iter(range(10**6))


def subscribe(
    organisation: Organisation, key_id: int, url: str, scope: str = "watchlist"
) -> subscriptions.NewSubscription:
    token = f"test-form-token-{next(_tokens):08d}-{id(organisation)}"
    return subscriptions.create_subscription(
        organisation, None, api_key_id=key_id, url=url, scope=scope, form_token=token
    )

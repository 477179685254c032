"""Two hosts behind a load balancer: two gunicorn servers (two workers each) on different ports,
one PostgreSQL and one Redis. Rate limits hold across them (one budget, not one per process), a
change made through one is seen through the other at once, and two outbox senders running at the
same time send each message once."""

from __future__ import annotations

import subprocess
import threading
from collections import Counter
from itertools import cycle

import pytest
from aiosmtpd.controller import Controller

from tests.fixtures.servers import (
    PROJECT,
    VENV_BIN,
    flask,
    form_answers,
    free_port,
    gunicorn,
    postgres_cluster,
    redis_server,
    register_app,
    register_environment,
    signed_in,
)

pytestmark = [pytest.mark.slow, pytest.mark.servers]

DEMO_PASSWORD = "two servers, one register"
LIMIT = 10
MESSAGES = 40


class Inbox:
    def __init__(self) -> None:
        self.subjects: list[str] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]  # noqa: N802
        subject = next(line for line in envelope.content.decode().splitlines() if line.startswith("Subject:"))
        with self.lock:
            self.subjects.append(subject)
        return "250 Message accepted for delivery"


def _queue_messages(database_url: str) -> None:
    from registry.domain.notifications import queue_account_message
    from registry.extensions import db
    from registry.models import User

    with register_app(database_url):
        for index in range(MESSAGES):
            person = User(email=f"person{index}@example.test", name=f"Person {index}", password_hash="x")
            db.session.add(person)
            queue_account_message(person, "invitation", f"Message {index}", "Hello.")


def test_two_servers_share_one_database_and_one_redis() -> None:
    with postgres_cluster() as cluster, redis_server() as redis_url:
        environment = register_environment(
            cluster.create_database(),
            REDIS_URL=redis_url,
            API_RATE_LIMIT_ANONYMOUS=f"{LIMIT} per minute",
            DEMO_PASSWORD=DEMO_PASSWORD,
        )
        flask(environment, "setup")
        flask(environment, "demo-data", "--mediators", "20")
        with gunicorn(environment, workers=2) as first, gunicorn(environment, workers=2) as second:
            # One budget across both hosts and all four processes.
            servers = [server for server, _ in zip(cycle((first, second)), range(16), strict=False)]
            statuses = [server.get("/api/v1/bodies").status_code for server in servers]
            assert statuses.count(200) == LIMIT and statuses[LIMIT:] == [429] * (16 - LIMIT), statuses

            # A change through one host is seen through the other at once.
            browser = signed_in(first, "mediator@demo.test", DEMO_PASSWORD)
            page = browser.get(first.base_url + "/workspace/mediator/profile", timeout=30)
            answers = [(name, value) for name, value in form_answers(page.text, "/workspace/mediator/profile")
                       if name != "bio"] + [("bio", "Seen from the other host: a fresh biography.")]  # fmt: skip
            saved = browser.post(first.base_url + "/workspace/mediator/profile", data=answers, timeout=30)
            assert saved.ok and "Seen from the other host" in saved.text
            number = page.text.split("SM-", 1)[1][:8]
            assert "Seen from the other host" in second.get(f"/mediators/SM-{number}").text

        # The outbox: two senders at the same time (two hosts' daily jobs) send each message once.
        _queue_messages(environment["DATABASE_URL"])
        inbox, port = Inbox(), free_port()
        controller = Controller(inbox, hostname="127.0.0.1", port=port, ready_timeout=5)
        controller.start()
        try:
            mail = {**environment, "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": str(port), "MAIL_FROM": "r@example.org"}
            senders = [
                subprocess.Popen([str(VENV_BIN / "flask"), "--app", "registry", "notifications", "send"], env=mail,
                                 cwd=PROJECT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)  # fmt: skip
                for _ in range(2)
            ]
            outputs = [sender.communicate(timeout=120)[0].decode() for sender in senders]
        finally:
            controller.stop()
        assert all(sender.returncode == 0 for sender in senders), outputs
        counts = Counter(inbox.subjects)
        assert len(counts) == MESSAGES and set(counts.values()) == {1}, counts

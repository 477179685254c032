"""Two hosts behind a load balancer: two gunicorn servers (two workers each) on different ports,
one PostgreSQL and one Redis. Rate limits hold across them (one budget, not one per process), a
change made through one is seen through the other at once, and two hosts running the daily job and
the outbox sender at the same time lapse each accreditation once and send each message once."""

from __future__ import annotations

import subprocess
import threading
import time
from collections import Counter
from datetime import timedelta
from itertools import cycle

import pytest
from aiosmtpd.controller import Controller

from registry.register_version import TRUST_SECONDS
from tests.fixtures.servers import (
    PROJECT,
    VENV_BIN,
    create_database,
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
        self.sent: list[tuple[str, str]] = []  # (recipient, subject)
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]  # noqa: N802
        subject = next(line for line in envelope.content.decode().splitlines() if line.startswith("Subject:"))
        with self.lock:
            self.subjects.append(subject)
            self.sent += [(recipient, subject) for recipient in envelope.rcpt_tos]
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


def _run_out(database_url: str, count: int) -> list[int]:
    """Make ``count`` accredited accreditations run out yesterday (as if the daily job had not run)."""
    from sqlalchemy import select

    from registry.domain import clock
    from registry.extensions import db
    from registry.models import Accreditation

    with register_app(database_url):
        accreditations = db.session.scalars(
            select(Accreditation).where(Accreditation.status == "accredited").order_by(Accreditation.id).limit(count)
        ).all()
        for accreditation in accreditations:
            accreditation.valid_until = clock.today() - timedelta(days=1)
        return [accreditation.id for accreditation in accreditations]


def _lapses(database_url: str, ids: list[int]) -> dict[int, int]:
    from sqlalchemy import func, select

    from registry.extensions import db
    from registry.models import AccreditationEvent

    with register_app(database_url):
        rows = db.session.execute(
            select(AccreditationEvent.accreditation_id, func.count())
            .where(AccreditationEvent.accreditation_id.in_(ids), AccreditationEvent.kind == "lapsed")
            .group_by(AccreditationEvent.accreditation_id)
        )
        return {accreditation: count for accreditation, count in rows}


def test_two_servers_share_one_database_and_one_redis() -> None:
    with postgres_cluster() as cluster, redis_server() as redis_url:
        environment = register_environment(
            create_database(cluster),
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

            # A change through one host is seen through the other: at once in the normal course (the
            # version is published on commit and every process hears it), and never later than a process
            # trusts what it knows (TRUST_SECONDS) when its listening thread is slow to run (a busy machine).
            browser = signed_in(first, "mediator@demo.test", DEMO_PASSWORD)
            page = browser.get(first.base_url + "/workspace/mediator/profile", timeout=30)
            number = page.text.split("SM-", 1)[1][:8]
            before = second.get(f"/mediators/SM-{number}")  # now cached, and the version held in Redis
            assert before.status_code == 200 and "Seen from the other host" not in before.text
            answers = [(name, value) for name, value in form_answers(page.text, "/workspace/mediator/profile")
                       if name != "bio"] + [("bio", "Seen from the other host: a fresh biography.")]  # fmt: skip
            saved = browser.post(first.base_url + "/workspace/mediator/profile", data=answers, timeout=30)
            assert saved.ok and "Seen from the other host" in saved.text
            deadline = time.monotonic() + TRUST_SECONDS + 1
            while "Seen from the other host" not in second.get(f"/mediators/SM-{number}").text:
                assert time.monotonic() < deadline, "the other host still served the profile from before the change"
                time.sleep(0.1)

        # Two hosts' daily jobs at once: every accreditation that ran out lapses once, and neither fails.
        expired = _run_out(environment["DATABASE_URL"], 12)
        before = _lapses(environment["DATABASE_URL"], expired)  # some lapsed once before, in their history
        jobs = [
            subprocess.Popen([str(VENV_BIN / "flask"), "--app", "registry", "daily"], env=environment, cwd=PROJECT,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT)  # fmt: skip
            for _ in range(2)
        ]
        outputs = [job.communicate(timeout=300)[0].decode() for job in jobs]
        assert all(job.returncode == 0 for job in jobs), outputs
        after = _lapses(environment["DATABASE_URL"], expired)
        assert {a: after.get(a, 0) - before.get(a, 0) for a in expired} == {a: 1 for a in expired}

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
        # Every message in the outbox once: the test's own, and any the demo's year queued for people.
        counts = Counter(inbox.sent)
        assert set(counts.values()) == {1}, counts
        assert {f"Subject: Message {index}" for index in range(MESSAGES)} <= set(inbox.subjects), counts

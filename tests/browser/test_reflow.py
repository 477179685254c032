"""Every page of every role at 320 px wide (WCAG 2.2 reflow, issue 20): no sideways scrolling of the
page, no axe-core violation (WCAG 2.0–2.2 A/AA) and no id used twice, signed in as each demo sign-in.

The pages come from the route registry: every GET rule of ``app.url_map`` that serves a page, with the
access level it declares (``registry.auth.access``), is a page of the visitor (public) or of each role
whose capabilities allow it (``registry.auth.capabilities``). The walk starts at every such rule that
takes no argument and follows the links each page shows to reach the rules that do (one address per
rule), on the demo register (``registry.demo``: every status, logs, programmes, reviews, returns) in a
database and server of this module's own, so the demo data does not change what other browser tests see.
The test also fails if a route the role may open was not reached and is not in ``NOT_WALKED`` with a
reason — so a new page is measured as soon as it exists.

One browser context per role (one sign-in, kept); a role's problems are gathered and reported together.
"""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from flask import Flask
from flask_migrate import upgrade
from playwright.sync_api import Browser, Page
from sqlalchemy import select
from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import MapAdapter, Rule
from werkzeug.serving import make_server

from registry import create_app
from registry.auth.access import PUBLIC, SIGNED_IN, access_level_of
from registry.auth.capabilities import CAPABILITIES
from registry.domain import clock
from registry.extensions import db
from registry.models import Accreditation, Mediator, OversightReview, User
from tests.browser.helpers import AXE_PATH, axe_check, create_person, sign_in
from tests.conftest import config_for_tests
from tests.fixtures.demo import DEMO_TEST_PASSWORD
from tests.fixtures.postgres import own_database, postgres_url, worker_suffix
from tests.fixtures.totp import TEST_TOTP_SECRET

pytestmark = pytest.mark.browser

PHONE = {"width": 320, "height": 640}
# One demo sign-in per role (None: the visitor, who is not signed in); a role the demo data has no sign-in
# for gets a person of its own (``_fill_gaps``), so every role in ``CAPABILITIES`` is walked.
DEMO_SIGN_INS: dict[str, str | None] = {
    "visitor": None,
    "admin": "admin@demo.test",
    "oversight": "oversight@demo.test",
    "registrar": "registrar@demo.test",
    "trainer": "trainer@demo.test",
    "provider": "provider@demo.test",
    "la_officer": "la@demo.test",
    "mediator": "mediator@demo.test",
}
# Addresses that are files, data or machinery rather than pages.
NOT_PAGES = (".csv", ".jwt", ".json", ".pdf", ".svg", ".atom", ".txt")
NOT_PAGE_PREFIXES = ("/static/", "/assets/", "/api/", "/healthz", "/readyz", "/metrics", "/.well-known/")
PAGE_PREFIXES_KEPT = ("/api/v1/docs",)
# Visited as the visitor only (the same page for everyone), or never followed.
NOT_FOLLOWED = ("/sign-out",)
# Routes a role may open that the walk does not reach, and why.
NOT_WALKED = {
    "account_links.invitation": "needs a one-time invitation token sent by email",
    "account_links.reset_password": "needs a one-time reset token sent by email",
    "local_authorities.confirm_alerts": "needs a one-time token sent by email",
    "local_authorities.unsubscribe": "needs a one-time token sent by email",
    "account.sign_in_code": "the second step of signing in, shown to staff while signing in",
    "account.sign_in_set_up_code": "shown once, to staff who have no second factor yet",
    "consultations.verify": "needs a one-time token sent by email",
    "consultations.response": "the working group's response, public once the consulted version is published",
    "api_keys.created": "shown once, right after a key is made (the key itself)",
    "webhooks.created": "shown once, right after a webhook is made (its signing secret)",
    "log_review.evidence": "a file the mediator uploaded, not a page",
    "mediator.evidence": "a file the mediator uploaded, not a page",
    "standards.changes": "only for a second version of the mediator standards; the register has one",
}
# Routes open to anyone signed in whose pages only some roles may see (the view refuses the rest).
# Routes whose pages only some of the roles allowed in may see (the view checks the object), and why.
ONLY_FOR = {
    "concern_handling.show": ({"registrar", "oversight"}, "the handling of a concern, for its body or oversight"),
    "concern_handling.outcome": ({"registrar", "oversight"}, "the handling of a concern, for its body or oversight"),
    "actions.review": (
        {"registrar", "trainer"},
        "a review of one's own organisation: the demo reviews a body and a trainer",
    ),
}
# Extra states of a page worth measuring: a search with results, a mediator of every status.
EXTRA_STARTS = {
    "visitor": ["/mediators?status=any", "/mediators?local_authority=E08000035&status=any", "/concerns/follow"],
}


@dataclass(frozen=True)
class DemoSite:
    app: Flask
    url: str
    starts: dict[str, list[str]]  # per role, pages of the data _fill_gaps added that no link leads to
    sign_ins: dict[str, str | None]  # role → the email of the person walking it (None: the visitor)


@contextmanager
def _environment(**values: str) -> Iterator[None]:
    before = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@contextmanager
def _database(directory: Path) -> Iterator[str]:
    main = postgres_url()
    if main is None:
        yield f"sqlite:///{directory / 'reflow.sqlite3'}"
        return
    with own_database(main, f"{main.database}_reflow{worker_suffix()}") as url:
        yield url


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoSite]:
    """The demo register (15 mediators and everything around them), served over HTTP for this module."""
    directory = tmp_path_factory.mktemp("reflow")
    with _database(directory) as database_url:
        config = config_for_tests(directory, database_url)
        config["TESTING"] = False
        app = create_app(config)
        with app.app_context():
            upgrade()
            from registry.demo import load_demo_data
            from registry.domain.local_authorities import load_local_authorities

            load_local_authorities()
            with _environment(DEMO_PASSWORD=DEMO_TEST_PASSWORD, DEMO_TOTP_SECRET=TEST_TOTP_SECRET):
                load_demo_data(mediator_count=15)
            starts = _fill_gaps()
            sign_ins = {**DEMO_SIGN_INS, **_people_for_other_roles()}
            db.session.commit()
            db.session.remove()
        server = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, name="reflow-register", daemon=True)
        thread.start()
        try:
            yield DemoSite(app, f"http://127.0.0.1:{server.server_port}", starts, sign_ins)
        finally:
            server.shutdown()
            thread.join(timeout=10)
            with app.app_context():
                db.engine.dispose()


def _not_for(role: str) -> set[str]:
    return {endpoint for endpoint, (roles, _) in ONLY_FOR.items() if role not in roles}


def _person(role: str) -> User:
    return db.session.scalars(select(User).where(User.email == DEMO_SIGN_INS[role])).one()


def _people_for_other_roles() -> dict[str, str | None]:
    """A person (and organisation) for each role the demo data has no sign-in for, by role."""
    return {role: create_person(role, DEMO_TEST_PASSWORD).email for role in CAPABILITIES if role not in DEMO_SIGN_INS}


def _fill_gaps() -> dict[str, list[str]]:
    """What the demo data leaves out, so that every page has something to show: concerns, oversight
    actions for a trainer, a provider and an LA, a CPD audit sample, a kept check and a webhook of the
    LA, and a renewal request. Returns the pages no link of a role's walk leads to (``EXTRA_STARTS``)."""
    from registry.domain import api_keys, renewals
    from registry.domain.checks import run_check
    from registry.domain.concerns import ConcernInput, raise_concern
    from registry.domain.errors import DomainError
    from registry.domain.oversight import actions, audit_sampling
    from tests.api.webhook_receiver import subscribe

    registrar, oversight, officer = _person("registrar"), _person("oversight"), _person("la_officer")
    body_id = registrar.roles[0].organisation_id
    accreditation = db.session.scalars(
        select(Accreditation).where(Accreditation.body_id == body_id, Accreditation.status == "accredited")
    ).first()
    assert accreditation is not None
    number = accreditation.mediator.registration_number
    concern = raise_concern(
        ConcernInput(subject="mediator", description="They left early.", registration_number=number)
    )
    provider_id = _person("provider").roles[0].organisation_id
    about_a_provider = raise_concern(ConcernInput(subject="provider", description="No reply.", provider_id=provider_id))
    reviews = db.session.scalars(select(OversightReview).order_by(OversightReview.id)).all()
    published = next(review for review in reviews if review.published_at is not None)
    planned = next(review for review in reviews if review.published_at is None)
    for role in ("trainer", "provider", "la_officer"):
        owner = _person(role).roles[0].organisation_id
        actions.add_action(
            published, owner, "Send the register your plan.", clock.today() + timedelta(days=30), oversight
        )
    audit_sampling.draw_sample(Decimal(10), 1, oversight)
    la = officer.roles[0].organisation
    check = run_check([number, "SM-000001-1"], organisation=la, actor=officer, store=True)
    key = api_keys.create_key(la, officer, "Case management").key
    subscribe(la, key.id, "https://webhooks.example.org/send-mediation-register/changes?system=case-management")
    mediator = db.session.scalars(select(Mediator).where(Mediator.user_id == _person("mediator").id)).one()
    try:
        renewals.request_renewal(
            mediator, _person("mediator"), explanation="Two supervision sessions moved to next year."
        )
    except DomainError:
        pass  # not renewable today: the walk then says that the renewal request page was not reached
    db.session.flush()
    return {
        "visitor": [f"/concerns/{concern.reference}"],
        "registrar": [f"/workspace/registrar/concerns/{concern.reference}/outcome"],
        "oversight": [
            f"/workspace/oversight/concerns/{about_a_provider.reference}/outcome",
            f"/workspace/oversight/reviews/{planned.reference}",
            f"/workspace/registrar/accreditations/{accreditation.id}",
        ],
        "la_officer": [f"/workspace/local-authority/checks/{check.reference}"],
        "mediator": ["/workspace/mediator/log/new/cpd"],
    }


def is_page(rule: Rule) -> bool:
    path = rule.rule
    if path.startswith(PAGE_PREFIXES_KEPT):
        return True
    return "GET" in (rule.methods or ()) and not path.endswith(NOT_PAGES) and not path.startswith(NOT_PAGE_PREFIXES)


def pages_of(app: Flask, role: str) -> dict[str, Rule]:
    """The page rules (endpoint → rule) that ``role`` may open: public ones for the visitor; for a signed-in
    role, those that need a sign-in or one of its capabilities."""
    allowed = {PUBLIC} if role == "visitor" else {SIGNED_IN} | {f"capability:{c}" for c in CAPABILITIES[role]}
    return {
        rule.endpoint: rule
        for rule in app.url_map.iter_rules()
        if is_page(rule) and access_level_of(rule.endpoint, app.view_functions[rule.endpoint]) in allowed
    }


def _endpoint(adapter: MapAdapter, path: str) -> str | None:
    try:
        endpoint, _ = adapter.match(urlsplit(path).path, method="GET")
    except (NotFound, MethodNotAllowed):
        return None
    return str(endpoint)


def _same_site_links(page: Page, base: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(link => link.getAttribute('href'))")
    paths = []
    for href in hrefs:
        url = urlsplit(urljoin(base, href))
        if url.scheme in ("http", "") and (not url.netloc or url.netloc == urlsplit(base).netloc):
            paths.append(url.path + (f"?{url.query}" if url.query else ""))
    return paths


DUPLICATE_IDS = """() => {
  const counts = {};
  for (const element of document.querySelectorAll("[id]")) counts[element.id] = (counts[element.id] || 0) + 1;
  return Object.keys(counts).filter(id => counts[id] > 1);
}"""


def overflow(page: Page) -> int:
    """How many pixels the page is wider than the window (0 when it does not scroll sideways)."""
    return int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))


class Walk:
    """One role's walk: one address of each page the role may open, measured in ``page``.

    First every rule without arguments (and the extra starts), following the links each page shows to
    reach the rules with arguments; then each rule still unreached whose arguments a reached address
    supplied (a registrar's decision forms beside the accreditation page the walk found), where the
    register opens it.
    """

    def __init__(self, page: Page, site: DemoSite, role: str) -> None:
        self.page, self.site, self.role = page, site, role
        self.rules = pages_of(site.app, role)
        self.adapter = site.app.url_map.bind("localhost")
        self.starts = {rule.rule for rule in self.rules.values() if not rule.arguments}
        self.starts |= set(EXTRA_STARTS.get(role, [])) | set(site.starts.get(role, []))
        self.queue = deque(sorted(self.starts))
        self.visited: dict[str, str] = {}  # endpoint → the address measured
        self.arguments: dict[str, object] = {}  # every argument value of the addresses measured
        self.measured: list[str] = []
        self.problems: list[str] = []

    def run(self) -> Walk:
        while self.queue:
            path = self.queue.popleft()
            if self._worth_visiting(path):
                self.measure(path, must_open=True)
        for endpoint, rule in sorted(self.rules.items()):
            if endpoint not in self.visited and set(rule.arguments) <= set(self.arguments):
                values = {name: self.arguments[name] for name in rule.arguments}
                self.measure(self.adapter.build(endpoint, values), must_open=False)
        return self

    def _worth_visiting(self, path: str) -> bool:
        endpoint = _endpoint(self.adapter, path)
        if endpoint not in self.rules or path in self.measured:
            return False
        if path.startswith(NOT_FOLLOWED) and self.role != "visitor":
            return False
        return endpoint not in self.visited or path in self.starts

    def measure(self, path: str, *, must_open: bool) -> None:
        response = self.page.goto(path)
        if response is None or response.status != 200:
            if must_open:
                self.problems.append(f"{path} answered {response.status if response else 'nothing'}")
            return
        if "text/html" not in (response.headers.get("content-type") or ""):
            return
        url = urlsplit(self.page.url)
        landed = url.path + (f"?{url.query}" if url.query else "")  # where a redirect (/workspace) led
        for reached in (path, landed):
            self.visited.setdefault(str(_endpoint(self.adapter, reached)), path)
        if landed in self.measured:
            return
        self.arguments.update(self.adapter.match(url.path, method="GET")[1])
        self.measured.append(landed)
        if (extra := overflow(self.page)) > 0:
            self.problems.append(f"{path} scrolls sideways by {extra}px at 320px")
        if twice := self.page.evaluate(DUPLICATE_IDS):
            self.problems.append(f"{path} uses these ids more than once: {', '.join(twice)}")
        try:
            axe_check(self.page)
        except AssertionError as violation:
            self.problems.append(str(violation))
        self.queue.extend(_same_site_links(self.page, self.site.url + path))


@pytest.mark.parametrize("role", ["visitor", *CAPABILITIES])
def test_every_page_of_every_role_fits_320px_and_passes_axe(browser: Browser, demo_site: DemoSite, role: str) -> None:
    app = demo_site.app
    context = browser.new_context(base_url=demo_site.url, viewport=PHONE)
    context.set_default_timeout(15_000)
    context.add_init_script(path=AXE_PATH)  # axe-core in every page from the start: not fetched for each one
    try:
        page = context.new_page()
        email = demo_site.sign_ins[role]
        if email is not None:
            sign_in(page, email, DEMO_TEST_PASSWORD, app=app)
            assert "/workspace" in page.url, f"{email} did not reach a workspace: {page.url}"
        walk = Walk(page, demo_site, role).run()
    finally:
        context.close()
    print(f"{role}: {len(walk.measured)} pages measured")
    missing = sorted(set(walk.rules) - set(walk.visited) - set(NOT_WALKED) - _not_for(role))
    problems = walk.problems + [
        f"{endpoint}: not reached by the walk (add a start, or a reason to NOT_WALKED)" for endpoint in missing
    ]
    assert problems == [], f"{role}: {len(problems)} problem(s) at 320px:\n" + "\n".join(problems)


def test_on_a_phone_the_first_screen_shows_the_count_the_first_result_and_each_checks_status(
    browser: Browser, demo_site: DemoSite
) -> None:
    """Find: the count and the first result above the fold of a 320 × 640 screen, not under the form.
    Check: every row's status on screen without scrolling the table sideways."""
    context = browser.new_context(base_url=demo_site.url, viewport=PHONE)
    try:
        page = context.new_page()
        for path in ("/mediators", "/mediators?local_authority=E08000035&status=any"):
            page.goto(path)
            for what in ("#results-count", "#results > li"):
                box = page.locator(what).first.bounding_box()
                assert box is not None and box["y"] < PHONE["height"], f"{what} of {path} starts at {box}"
        numbers = page.locator("#results > li a[href^='/mediators/SM-']").evaluate_all(
            "links => links.map(link => link.pathname.split('/').pop())"
        )
        page.goto("/check")
        page.get_by_label("Registration numbers").fill("\n".join([*numbers[:3], "SM-000001-0", "SM-123456-2"]))
        page.get_by_role("button", name="Check numbers").click()
        tags = page.locator("#check-results tbody .govuk-tag")
        assert tags.count() == len(numbers[:3]) + 2
        for index in range(tags.count()):
            box = tags.nth(index).bounding_box()
            assert box is not None and box["x"] + box["width"] <= PHONE["width"], f"status {index + 1} is off screen"
    finally:
        context.close()


def test_the_statistics_charts_read_at_200_percent_zoom_beside_their_tables(
    browser: Browser, demo_site: DemoSite
) -> None:
    """At 200% zoom on a 1280 px screen (a 640 px wide page) each chart's labels and values are whole and
    at least 16 px text, and every chart has its table."""
    context = browser.new_context(base_url=demo_site.url, viewport={"width": 640, "height": 800})
    try:
        page = context.new_page()
        page.goto("/statistics")
        charts = page.locator(".register-chart")
        assert charts.count() > 0
        for chart_id in charts.evaluate_all("charts => charts.map(chart => chart.id)"):
            assert page.locator(f"#{chart_id.removesuffix('-chart')}-table").count() == 1, f"{chart_id} has no table"
        texts = page.locator(".register-chart__label, .register-chart__value").evaluate_all(
            """cells => cells.map(cell => ({
                text: cell.textContent.trim(),
                size: parseFloat(getComputedStyle(cell).fontSize),
                cut: cell.scrollWidth > cell.clientWidth + 1,
            }))"""
        )
        assert texts and all(text["size"] >= 16 and not text["cut"] for text in texts), texts
        assert not [text for text in texts if text["text"].endswith("…")]
        assert overflow(page) <= 0
    finally:
        context.close()

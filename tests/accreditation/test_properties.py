"""Random sequences of lifecycle operations (legal and illegal, with back-dating) against a model.

The machine keeps its own model of each accreditation and predicts whether each operation is
legal. After every step: the register agrees with the model, each accreditation's events form
legal transitions, the cached state equals the latest event (and the status today read from it
equals replaying the events), the version counts the events and
sequence numbers strictly increase. At the end, ``status_on`` for every date (and, around every
change, as known on every recording day) agrees with replaying the model's events.
"""

from __future__ import annotations

from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from registry.domain import accreditation as lifecycle
from registry.domain.accreditation.standards_access import criterion_codes
from registry.domain.accreditation.transitions import MEDIATOR_ACCREDITATION
from registry.domain.errors import DomainError, IllegalTransition
from registry.domain.lifecycle import period_ending, renewed_until, replay, states_on
from registry.extensions import db
from registry.models import Accreditation, AccreditationEvent, AuditEvent
from tests.accreditation.conftest import DECLARATIONS
from tests.fixtures.clock import Clock, standing_in
from tests.fixtures.factories import Factories

RUNNING = ("accredited", "suspended")
LIVE = ("applied", "accredited", "suspended", "lapsed")
FROM = {
    "accredited": ("applied",),
    "refused": ("applied",),
    "renewed": ("accredited",),
    "conditions_changed": ("accredited",),
    "suspended": ("accredited",),
    "reinstated": ("suspended", "lapsed"),
    "withdrawn": ("accredited", "suspended"),
    "resigned": ("accredited",),
}
TO = {
    "accredited": "accredited",
    "refused": "refused",
    "renewed": "accredited",
    "conditions_changed": "accredited",
    "suspended": "suspended",
    "reinstated": "accredited",
    "withdrawn": "withdrawn",
    "resigned": "resigned",
}


@dataclass
class ModelEvent:
    order: int
    to_status: str
    effective_on: date
    recorded_on: date
    valid_until: date | None
    conditions: str | None


@dataclass
class Model:
    accreditation: Accreditation
    body: int
    status: str = "applied"
    valid_from: date | None = None
    valid_until: date | None = None
    conditions: str | None = None
    assessed: bool = False
    not_met: bool = False
    renewal_pending: bool = False
    events: list[ModelEvent] = field(default_factory=list)


def oracle(models: list[Model], on: date, known_on: date | None = None) -> str | None:
    """The mediator's status on ``on`` by replaying the model's own events."""
    states = []
    for model in models:
        events = [e for e in model.events if e.effective_on <= on and (known_on is None or e.recorded_on <= known_on)]
        if not events:
            continue
        last = events[-1]
        status, since = last.to_status, last.effective_on
        for event in reversed(events):
            if event.to_status != status:
                break
            since = event.effective_on
        if status in RUNNING and on > last.valid_until:
            status, since = "lapsed", last.valid_until + timedelta(days=1)
        rank = {"accredited": 3, "suspended": 2, "lapsed": 1, "withdrawn": 1, "resigned": 1}.get(status, 0)
        key = (rank, last.valid_until, last.order) if status == "accredited" else (rank, since, last.order)
        states.append((key, status))
    return max(states)[1] if states else None


waits = st.sampled_from([0, 0, 1, 5, 20, 60])  # days that pass before an operation
# operation -> the statuses it is legal from (operations are mostly drawn from these, to get deep)
OPERATIONS = {
    "apply": ("refused", "withdrawn", "resigned"),
    "apply_for_renewal": ("lapsed",),
    "assess": ("applied", "lapsed"),
    "accredit": ("applied",),
    "accredit ": ("applied",),  # twice as likely as refusing
    "refuse": ("applied",),
    "renew": ("accredited",),
    "change_conditions": ("accredited",),
    "suspended": ("accredited",),
    "withdrawn": ("accredited", "suspended"),
    "resigned": ("accredited",),
    "reinstate": ("suspended", "lapsed"),
}
bodies = st.sampled_from([0, 1])


class LifecycleRun:
    """One random run: a mediator, two bodies, and the model the register is checked against."""

    def __init__(self) -> None:
        self.clock = Clock(date(2026, 1, 5))
        self.stack = ExitStack()
        self.stack.enter_context(standing_in(self.clock))
        self.bodies = [Factories.organisation(kind="accrediting_body") for _ in range(2)]
        self.registrars = [Factories.person_with_role("registrar", body) for body in self.bodies]
        self.user = Factories.person_with_role("mediator")
        self.mediator = Factories.mediator(user_id=self.user.id)
        self.models: list[Model] = []
        self.order = 0
        self.start = self.clock.today
        self.codes = criterion_codes("1.0")

    def close(self) -> None:
        self.stack.close()

    # helpers

    def current(self, body: int) -> Model | None:
        """The body's latest accreditation, or the other body's when this one has none."""
        mine = [m for m in self.models if m.body == body]
        return (mine or self.models or [None])[-1]

    def counts(self) -> tuple[int, int]:
        return (
            db.session.scalar(select(func.count()).select_from(AccreditationEvent)),
            db.session.scalar(select(func.count()).select_from(AuditEvent)),
        )

    def add_event(self, model: Model, to_status: str, effective_on: date) -> None:
        self.order += 1
        model.status = to_status
        model.events.append(
            ModelEvent(self.order, to_status, effective_on, self.clock.today, model.valid_until, model.conditions)
        )

    def attempt(self, expected_problem: type[Exception] | None, operation) -> bool:  # type: ignore[no-untyped-def]
        """Run ``operation``; it must succeed exactly when the model expects it to."""
        before = self.counts()
        if expected_problem is None:
            operation()
            return True
        with pytest.raises(expected_problem):
            operation()
        assert self.counts() == before, "a refused operation wrote something"
        assert not db.session.new and not db.session.dirty, "a refused operation left changes behind"
        return False

    def effective_date(self, model: Model | None, data: st.DataObject) -> date:
        """Back-dated by up to the time since the last event, and now and then too early or in the future."""
        gap = (self.clock.today - model.events[-1].effective_on).days if model and model.events else 0
        return self.clock.today - timedelta(days=data.draw(st.integers(min_value=-1, max_value=gap + 1), "back"))

    def transition_problem(self, model: Model, kind: str, effective_on: date) -> type[Exception] | None:
        if model.status not in FROM[kind]:
            return IllegalTransition
        if effective_on > self.clock.today or effective_on < model.events[-1].effective_on:
            return DomainError
        if model.status in RUNNING and effective_on > model.valid_until:
            return IllegalTransition
        return None

    # steps

    def step(self, data: st.DataObject) -> None:
        kind = data.draw(
            st.sampled_from(["operate"] * 5 + ["apply", "time passes", "time passes", "daily job"]), "step"
        )
        if kind == "operate":
            self.operate(data)
        elif kind == "apply":
            self.apply(data.draw(bodies, "body"))
        elif kind == "time passes":
            self.clock.advance(data.draw(st.sampled_from([1, 30, 200, 370]), "days"))
        else:
            self.daily_job()

    def operate(self, data: st.DataObject) -> None:
        """One operation on an accreditation: usually one its status allows, sometimes any at all."""
        body = data.draw(bodies, "body")
        model = self.current(body)
        fitting = [name for name, statuses in OPERATIONS.items() if model.status in statuses]
        if model.status in RUNNING and model.valid_until < self.clock.today:
            fitting = ["daily job", "daily job", *fitting]  # it has run out: mostly let the job lapse it
        names = fitting if fitting and data.draw(st.integers(0, 3), "prefer legal") else list(OPERATIONS)
        name = data.draw(st.sampled_from(names), "operation")
        wait = data.draw(waits, "wait")
        if name == "daily job":
            self.daily_job()
        elif name == "apply":
            self.apply(model.body)
        elif name == "apply_for_renewal":
            self.apply_for_renewal(body)
        elif name == "assess":
            self.assess(body, data.draw(st.booleans(), "complete"), data.draw(st.booleans(), "not met"))
        elif name.strip() == "accredit":
            assess_first = data.draw(st.integers(0, 3), "assess first") > 0
            self.accredit(body, data, wait, data.draw(st.booleans(), "conditions"), assess_first)
        elif name == "refuse":
            self.refuse(body, data, wait, data.draw(st.integers(0, 3), "assess first") > 0)
        elif name == "renew":
            self.renew(body, data, wait, data.draw(st.booleans(), "compliant"))
        elif name == "change_conditions":
            conditions = data.draw(st.sampled_from([None, "Conditions A", "Conditions B"]), "conditions")
            self.change_conditions(body, data, wait, conditions)
        elif name in ("suspended", "withdrawn", "resigned"):
            self.end_or_pause(body, data, wait, name)
        else:
            self.reinstate(body, data, wait, data.draw(st.booleans(), "compliant"))

    def apply(self, body: int) -> None:
        current = next((m for m in reversed(self.models) if m.body == body), None)
        problem = DomainError if current is not None and current.status in LIVE else None
        result: list[Accreditation] = []
        if self.attempt(
            problem,
            lambda: result.append(lifecycle.apply(self.mediator, self.bodies[body], self.user, DECLARATIONS)),
        ):
            model = Model(result[0], body)
            self.models.append(model)
            self.add_event(model, "applied", self.clock.today)

    def apply_for_renewal(self, body: int) -> None:
        model = self.current(body)
        assert model is not None
        problem = None if model.status == "lapsed" and not model.renewal_pending else DomainError
        if self.attempt(problem, lambda: lifecycle.apply_for_renewal(model.accreditation, self.user, DECLARATIONS)):
            model.renewal_pending, model.assessed, model.not_met = True, False, False

    def assess(self, body: int, complete: bool, not_met: bool) -> None:
        model = self.current(body)
        assert model is not None
        codes = self.codes if complete else self.codes[: len(self.codes) // 2]
        outcomes = [lifecycle.OutcomeInput(code, "met") for code in codes]
        outcomes[0] = lifecycle.OutcomeInput(codes[0], "not_met" if not_met else "met")
        is_open = model.status == "applied" or (model.status == "lapsed" and model.renewal_pending)
        registrar = self.registrars[model.body]
        if self.attempt(
            None if is_open else DomainError,
            lambda: lifecycle.record_assessment(model.accreditation, registrar, outcomes),
        ):
            model.assessed, model.not_met = model.assessed or complete, not_met

    def accredit(self, body: int, data: st.DataObject, wait: int, with_conditions: bool, assess_first: bool) -> None:
        if assess_first:
            self.assess(body, complete=True, not_met=not with_conditions)
        self.clock.advance(wait)
        model = self.current(body)
        effective_on = self.effective_date(model, data)
        assert model is not None
        problem = self.transition_problem(model, "accredited", effective_on)
        if problem is None and (not model.assessed or (model.not_met and not with_conditions)):
            problem = IllegalTransition
        conditions = "Conditions A" if with_conditions else None
        if self.attempt(
            problem,
            lambda: lifecycle.accredit(
                model.accreditation, self.registrars[model.body], conditions=conditions, effective_on=effective_on
            ),
        ):
            model.valid_from, model.valid_until, model.conditions = (
                effective_on,
                period_ending(effective_on),
                conditions,
            )
            self.add_event(model, "accredited", effective_on)

    def refuse(self, body: int, data: st.DataObject, wait: int, assess_first: bool) -> None:
        if assess_first:
            self.assess(body, complete=True, not_met=True)
        self.clock.advance(wait)
        model = self.current(body)
        effective_on = self.effective_date(model, data)
        assert model is not None
        problem = self.transition_problem(model, "refused", effective_on)
        if problem is None and not model.assessed:
            problem = IllegalTransition
        if self.attempt(
            problem,
            lambda: lifecycle.refuse(
                model.accreditation, self.registrars[model.body], reason="No", effective_on=effective_on
            ),
        ):
            model.valid_from = model.valid_until = model.conditions = None
            self.add_event(model, "refused", effective_on)

    def renew(self, body: int, data: st.DataObject, wait: int, compliant: bool) -> None:
        self.clock.advance(wait)
        model = self.current(body)
        effective_on = self.effective_date(model, data)
        assert model is not None
        problem = self.transition_problem(model, "renewed", effective_on) or (None if compliant else DomainError)
        if self.attempt(
            problem,
            lambda: lifecycle.renew(
                model.accreditation, self.registrars[model.body], compliant=compliant, effective_on=effective_on
            ),
        ):
            model.valid_until = renewed_until(model.valid_until)
            self.add_event(model, "accredited", effective_on)

    def change_conditions(self, body: int, data: st.DataObject, wait: int, conditions: str | None) -> None:
        self.clock.advance(wait)
        model = self.current(body)
        effective_on = self.effective_date(model, data)
        assert model is not None
        problem = self.transition_problem(model, "conditions_changed", effective_on)
        if problem is None and conditions == model.conditions:
            problem = DomainError
        if self.attempt(
            problem,
            lambda: lifecycle.change_conditions(
                model.accreditation, self.registrars[model.body], conditions=conditions, effective_on=effective_on
            ),
        ):
            model.conditions = conditions
            self.add_event(model, "accredited", effective_on)

    def end_or_pause(self, body: int, data: st.DataObject, wait: int, kind: str) -> None:
        self.clock.advance(wait)
        model = self.current(body)
        effective_on = self.effective_date(model, data)
        assert model is not None
        registrar = self.registrars[model.body]
        operation = {
            "suspended": lambda: lifecycle.suspend(
                model.accreditation, registrar, reason="r", public_note="n", effective_on=effective_on
            ),
            "withdrawn": lambda: lifecycle.withdraw(
                model.accreditation, registrar, reason="r", effective_on=effective_on
            ),
            "resigned": lambda: lifecycle.resign(model.accreditation, self.user, effective_on=effective_on),
        }[kind]
        if self.attempt(self.transition_problem(model, kind, effective_on), operation):
            self.add_event(model, TO[kind], effective_on)

    def reinstate(self, body: int, data: st.DataObject, wait: int, compliant: bool) -> None:
        self.clock.advance(wait)
        model = self.current(body)
        effective_on = self.effective_date(model, data)
        assert model is not None
        problem = self.transition_problem(model, "reinstated", effective_on)
        if problem is None and model.status == "lapsed" and not (model.renewal_pending and compliant):
            problem = IllegalTransition
        was_lapsed = model.status == "lapsed"
        if self.attempt(
            problem,
            lambda: lifecycle.reinstate(
                model.accreditation, self.registrars[model.body], compliant=compliant, effective_on=effective_on
            ),
        ):
            if was_lapsed:
                model.valid_from, model.valid_until, model.renewal_pending = (
                    effective_on,
                    period_ending(effective_on),
                    False,
                )
            self.add_event(model, "accredited", effective_on)

    def daily_job(self) -> None:
        today = self.clock.today
        expected = {m.accreditation.id for m in self.models if m.status in RUNNING and m.valid_until < today}
        lapsed = set(lifecycle.lapse_expired())
        assert expected <= lapsed  # other examples' mediators may lapse too
        for model in self.models:
            if model.accreditation.id in expected:
                self.add_event(model, "lapsed", model.valid_until + timedelta(days=1))

    # invariants

    def register_agrees_with_the_model_and_history_is_legal(self) -> None:
        last_sequence = 0
        today = self.clock.today
        # The status today is read from the cached rows; it must be what replaying the events gives.
        cached_today = {
            state.accreditation_id: state
            for state in states_on(MEDIATOR_ACCREDITATION, [self.mediator.id], today).get(self.mediator.id, [])
        }
        for model in self.models:
            accreditation = model.accreditation
            events = db.session.scalars(
                select(AccreditationEvent)
                .where(AccreditationEvent.accreditation_id == accreditation.id)
                .order_by(AccreditationEvent.sequence)
            ).all()
            assert accreditation.status == model.status
            assert (accreditation.valid_until, accreditation.conditions) == (model.valid_until, model.conditions)
            latest = events[-1]
            assert (
                accreditation.status,
                accreditation.valid_from,
                accreditation.valid_until,
                accreditation.conditions,
            ) == (latest.to_status, latest.valid_from, latest.valid_until, latest.conditions)
            assert accreditation.version == len(events) == len(model.events)
            replayed = replay(events, today, accreditation_id=accreditation.id, body_id=accreditation.body_id)
            assert cached_today[accreditation.id] == replayed
            previous = None
            for event in events:
                assert MEDIATOR_ACCREDITATION.is_legal(event.kind, event.from_status, event.to_status), event.kind
                if previous is not None:
                    assert event.from_status == previous.to_status
                    assert event.effective_on >= previous.effective_on
                    assert event.recorded_at >= previous.recorded_at
                    if previous.to_status in RUNNING and event.kind != "lapsed":
                        assert event.effective_on <= previous.valid_until
                previous = event
        all_events = db.session.scalars(
            select(AccreditationEvent.sequence)
            .join(Accreditation)
            .where(Accreditation.mediator_id == self.mediator.id)
            .order_by(AccreditationEvent.recorded_at, AccreditationEvent.id)
        ).all()
        for sequence in all_events:
            assert sequence > last_sequence
            last_sequence = sequence

    def check_status_on_every_date(self) -> None:
        """Valid time on every day; record time around every change, the day before it was recorded and on it."""
        day = self.start - timedelta(days=1)
        while day <= self.clock.today + timedelta(days=400):
            assert lifecycle.status_on(self.mediator, day).status == oracle(self.models, day), day
            day += timedelta(days=1 if day <= self.clock.today else 30)
        for event in (e for m in self.models for e in m.events):
            for known in (event.recorded_on - timedelta(days=1), event.recorded_on):
                for on in (event.effective_on - timedelta(days=1), event.effective_on, event.recorded_on):
                    expected = oracle(self.models, on, known)
                    assert lifecycle.status_on(self.mediator, on, known).status == expected, (on, known)


@pytest.mark.slow
@settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_random_sequences_of_operations_keep_the_lifecycle_sound(data: st.DataObject) -> None:
    run = LifecycleRun()
    try:
        run.apply(0)
        run.apply(1)  # two bodies from the start, so which accreditation decides the status is tested too
        for _ in range(data.draw(st.integers(min_value=10, max_value=40), "steps")):
            run.step(data)
            run.register_agrees_with_the_model_and_history_is_legal()
        run.check_status_on_every_date()
    finally:
        run.close()

"""``flask --app registry daily`` lapses what has run out, effective the day after, exactly once."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from registry.domain import accreditation as lifecycle
from registry.extensions import db
from registry.models import Accreditation, AccreditationEvent


def lapse_events(accreditation: Accreditation) -> list[AccreditationEvent]:
    return list(
        db.session.scalars(
            select(AccreditationEvent).where(
                AccreditationEvent.accreditation_id == accreditation.id, AccreditationEvent.kind == "lapsed"
            )
        )
    )


def test_daily_lapses_each_expired_accreditation_exactly_once_even_after_missed_days(
    app, world, factories, make_accreditation, frozen_clock
):
    accredited = make_accreditation(world, "accredited")  # valid until 3 March 2027
    suspended = make_accreditation(world, "suspended", mediator=factories.mediator())
    renewed = make_accreditation(world, "accredited", mediator=factories.mediator())
    lifecycle.renew(renewed, world.registrar, compliant=True)  # until 3 March 2028
    applied = make_accreditation(world, "applied", mediator=factories.mediator())
    db.session.commit()
    frozen_clock.advance(370)  # the job last ran long ago: today is 9 March 2027
    runner = app.test_cli_runner()

    first = runner.invoke(args=["daily"])
    assert first.exit_code == 0, first.output
    assert "2 accreditation(s) lapsed" in first.output
    second = runner.invoke(args=["daily"])
    assert second.exit_code == 0 and "0 accreditation(s) lapsed" in second.output

    db.session.expire_all()
    for expired in (accredited, suspended):
        events = lapse_events(expired)
        assert len(events) == 1
        assert events[0].effective_on == date(2027, 3, 4) and events[0].actor_id is None
        assert db.session.get(Accreditation, expired.id).status == "lapsed"
    assert lapse_events(renewed) == [] and db.session.get(Accreditation, renewed.id).status == "accredited"
    assert db.session.get(Accreditation, applied.id).status == "applied"


def test_nothing_lapses_on_its_last_valid_day(world, make_accreditation, frozen_clock):
    accreditation = make_accreditation(world, "accredited")
    frozen_clock.advance((accreditation.valid_until - frozen_clock.today).days)
    assert lifecycle.lapse_expired() == []
    frozen_clock.advance(1)
    assert lifecycle.lapse_expired() == [accreditation.id]
    assert lapse_events(accreditation)[0].effective_on == accreditation.valid_until + timedelta(days=1)

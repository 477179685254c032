"""Believable accreditation histories over the last three years. Pure: no database.

``histories_for(rng, today, target)`` returns the stories (accreditations, oldest first) of one
mediator whose current accreditation ends in ``target``. Every event goes through
``Story.add``, so the histories follow the lifecycle exactly; then ``stamp_record_times`` gives
each event a record time on or after the day it took effect (sometimes days later).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from random import Random
from typing import Any

from registry.demo import texts
from registry.demo.lifecycle import ONE_DAY, Story, add_years

HISTORY_YEARS = 3


def _days(n: int) -> timedelta:
    return timedelta(days=n)


def _between(rng: Random, after: date, before: date) -> date | None:
    """A day strictly between ``after`` and ``before``, or None when there is none."""
    span = (before - after).days - 1
    return after + _days(rng.randint(1, span)) if span >= 1 else None


def _decide(story: Story, rng: Random, kind: str, on: date, wording: str | None = None, **fields: Any) -> None:
    """A registrar's decision with the demo's reason and public note for it (``wording``: the kind
    whose words they are, when not ``kind``'s own)."""
    wording = wording or kind
    story.add(kind, on, reason=texts.reason(rng, wording), note=texts.note(wording), **fields)


def _add_conditions(story: Story, rng: Random, on: date) -> None:
    _decide(story, rng, "conditions_changed", on, "conditions_added", conditions=texts.condition(rng))


def _applied_and_refused(story: Story, rng: Random, applied_on: date) -> None:
    story.add("applied", applied_on, actor="mediator")
    _decide(story, rng, "refused", applied_on + _days(rng.randint(21, 70)))


def _interlude(story: Story, rng: Random, before: date) -> None:
    """Now and then, conditions (usually lifted later) or a suspension that is lifted, before ``before``."""
    roll = rng.random()
    if roll < 0.08:
        on = _between(rng, story.last_on, before)
        if on is None:
            return
        _add_conditions(story, rng, on)
        lifted = _between(rng, on, before)
        if lifted is not None and rng.random() < 0.7:
            _decide(story, rng, "conditions_changed", lifted, "conditions_lifted", conditions=None)
    elif roll < 0.11:
        on = _between(rng, story.last_on, before - _days(14))
        back = _between(rng, on, min(before, on + _days(120))) if on else None
        if on is None or back is None:
            return
        _decide(story, rng, "suspended", on)
        _decide(story, rng, "reinstated", back)


def _accredit_until(
    story: Story, rng: Random, today: date, until: date, *, min_renewals: int = 0, extras: bool = True
) -> None:
    """Applied, accredited and renewed each year so that the accreditation ends on about ``until``."""
    earliest = add_years(today, -HISTORY_YEARS)
    choices = [
        renewals
        for renewals in range(min_renewals, HISTORY_YEARS)
        if earliest + _days(70) <= add_years(until + ONE_DAY, -(renewals + 1)) <= today - _days(2)
    ]
    if not choices:
        raise ValueError(f"no history fits an accreditation ending on {until}")
    renewals = rng.choice(choices)
    granted_on = add_years(until + ONE_DAY, -(renewals + 1))
    story.add("applied", granted_on - _days(rng.randint(21, 70)), actor="mediator")
    _decide(story, rng, "accredited", granted_on)
    for _ in range(renewals):
        assert story.valid_until is not None
        renew_on = story.valid_until - _days(rng.randint(7, 42))
        if extras:
            _interlude(story, rng, renew_on)
        _decide(story, rng, "renewed", renew_on)


def _tail_end(story: Story, today: date) -> date:
    """The exclusive end of the time left for events in the current accreditation period."""
    assert story.valid_until is not None
    return min(story.valid_until + ONE_DAY, today)


def _current(story: Story, rng: Random, today: date, target: str, established: bool) -> None:
    if established:
        _accredit_until(story, rng, today, today + _days(rng.randint(60, 300)), min_renewals=1, extras=False)
        return
    roomy = target != "accredited"
    _accredit_until(story, rng, today, today + _days(rng.randint(30 if roomy else 4, 330 if roomy else 360)))
    tail_end = _tail_end(story, today)
    if target == "accredited":
        _interlude(story, rng, tail_end)
    elif target == "accredited_with_conditions":
        on = _between(rng, story.last_on, tail_end)
        assert on is not None
        _add_conditions(story, rng, on)
    else:  # suspended
        on = _between(rng, story.last_on, tail_end)
        assert on is not None
        _decide(story, rng, "suspended", on)


def _lapse(story: Story, rng: Random, *, suspended_first: float) -> None:
    assert story.valid_until is not None
    if rng.random() < suspended_first:
        on = _between(rng, story.last_on, story.valid_until + ONE_DAY)
        if on is not None:
            _decide(story, rng, "suspended", on)
    story.add("lapsed", story.valid_until + ONE_DAY, note=texts.note("lapsed"), actor=None)


def _ended(story: Story, rng: Random, today: date, target: str) -> None:
    """Withdrawn or resigned at some point in the last two years."""
    _accredit_until(story, rng, today, today + _days(rng.randint(-500, 300)))
    tail_end = _tail_end(story, today)
    if target == "withdrawn" and rng.random() < 0.5:
        on = _between(rng, story.last_on, tail_end - ONE_DAY)
        if on is not None:
            _decide(story, rng, "suspended", on)
    on = _between(rng, story.last_on, tail_end)
    assert on is not None, "an ending accreditation always leaves room after its last renewal"
    actor = "registrar" if target == "withdrawn" else rng.choice(("registrar", "mediator"))
    _decide(story, rng, target, on, actor=actor)


def _current_story(rng: Random, today: date, target: str, established: bool) -> Story:
    story = Story()
    if target == "applied":
        story.add("applied", today - _days(rng.randint(3, 70)), actor="mediator")
    elif target == "refused":
        _applied_and_refused(story, rng, today - _days(rng.randint(72, 1000)))
    elif target in ("accredited", "accredited_with_conditions", "suspended"):
        _current(story, rng, today, target, established)
    elif target == "lapsed":
        _accredit_until(story, rng, today, today - _days(rng.randint(3, 600)))
        _lapse(story, rng, suspended_first=0.25)
    elif target == "reinstated_after_lapse":
        _accredit_until(story, rng, today, today - _days(rng.randint(40, 300)))
        _lapse(story, rng, suspended_first=0.0)
        back = story.last_on + _days(rng.randint(10, 38))
        story.add("reinstated", back, reason=texts.reason(rng, "renewed"), note=texts.note("reinstated_after_lapse"))
    else:
        _ended(story, rng, today, target)
    return story


def _earlier_refusal(rng: Random, before: date, today: date) -> Story | None:
    """An application refused some months before the mediator applied again."""
    applied_on = before - _days(rng.randint(150, 400))
    if applied_on < add_years(today, -HISTORY_YEARS):
        return None
    story = Story(other_body=rng.random() < 0.5)
    _applied_and_refused(story, rng, applied_on)
    return story


def histories_for(rng: Random, today: date, target: str, *, established: bool = False) -> list[Story]:
    """The stories of one mediator, oldest first; the last one ends in ``target``.

    ``established`` (the demo mediator) gives an accreditation more than a year old, renewed at
    least once, with no conditions or suspensions.
    """
    current = _current_story(rng, today, target, established)
    stories = [current]
    if not established and target != "applied" and rng.random() < 0.04:
        earlier = _earlier_refusal(rng, current.events[0].effective_on, today)
        if earlier is not None:
            stories.insert(0, earlier)
    for story in stories:
        stamp_record_times(story, rng, today)
    if target == "lapsed" and (today - current.last_on).days <= 150 and rng.random() < 0.5:
        _request_renewal(current, rng, today)
    return stories


def _request_renewal(story: Story, rng: Random, today: date) -> None:
    """The lapsed mediator has asked to be reinstated; the registrar has not decided yet."""
    lapsed_at = story.events[-1].recorded_at
    assert lapsed_at is not None
    day = lapsed_at.date() + _days(rng.randint(1, max(1, (today - lapsed_at.date()).days - 1)))
    story.renewal_requested_at = datetime.combine(min(day, today - ONE_DAY), time(19, 0), UTC)


def stamp_record_times(story: Story, rng: Random, today: date) -> None:
    """Record each event on or after the day it took effect, before the next one took effect.

    Most are recorded the same day; some a few days later, a few weeks later. Lapses are recorded
    by the daily job just after 02:00 UTC. Nothing is recorded later than yesterday.
    """
    yesterday = today - ONE_DAY
    for index, event in enumerate(story.events):
        following = story.events[index + 1].effective_on - ONE_DAY if index + 1 < len(story.events) else yesterday
        if event.kind == "lapsed":
            event.recorded_at = datetime.combine(event.effective_on, time(2, 0), UTC) + timedelta(
                seconds=rng.randint(0, 900)
            )
            continue
        roll = rng.random()
        if roll < 0.65 or event.kind == "applied":  # applications are made on the register, so recorded at once
            delay = 0
        else:
            delay = rng.randint(1, 5) if roll < 0.93 else rng.randint(6, 21)
        day = min(event.effective_on + _days(delay), following)
        event.recorded_at = datetime.combine(day, time(8, 30), UTC) + timedelta(seconds=rng.randint(0, 9 * 3600))

"""One unit of work per request or command: the boundary commits, nothing else does.

Domain operations ``flush()`` and never commit; views and API resources never commit or roll back.
The three boundaries share one idea:

- **A request** (pages and API). After the view has returned, ``_finish_request`` commits when the
  response is a success (status below 400) and rolls back otherwise, so a 4xx or 5xx answer leaves
  nothing behind. It runs as the last after-request hook, so the commit is the final step before
  the response goes out: when it fails, the exception replaces the prepared response with the
  app's 500 page or problem (``registry.errors``), so a page that must only show once the change is
  kept (an API key, an invitation link, recovery codes) is never sent for a change that was lost.
  A view that raises is rolled back at teardown.
- **A command** (``registry.cli``): ``transaction()``, as a decorator or a ``with`` block, commits
  when the block returns and rolls back when it raises (a ``click.ClickException`` too).
- **The boundary's own bookkeeping**, written before the view runs (the sign-in session check and
  an API key's last use, ``registry.auth.login`` and ``registry.api.auth``), is committed on its
  own by ``commit_before_view()``, so that a refused or failed request does not undo it.

Inside a request, a view that re-renders a form after a refusal wraps its one domain call in
``attempt()``: a SAVEPOINT that is rolled back when the call raises (a ``DomainError`` or anything
else), undoing only that call's writes, and re-raises for the view to show the message. Without
it the boundary would commit whatever the refused call had flushed before it raised.

Work that must wait for the outcome (removing a file the committed change no longer refers to, or
a file written for a change that was lost) is registered with ``after_commit`` / ``after_rollback``
and runs once the boundary has committed or rolled back. The callbacks live in the session's
``info``, so they belong to the transaction they wait for.

The tests run each test inside an outer transaction that the session joins with
``join_transaction_mode="create_savepoint"``: there the boundary's commit releases the session's
savepoint and ``attempt()`` nests a savepoint inside it, so the same code runs unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from flask import Flask, Response, current_app, g, request
from sqlalchemy.exc import OperationalError

from registry.database import expect_writes, writes_done, writing
from registry.extensions import db

_AFTER_COMMIT = "unit_of_work.after_commit"
_AFTER_ROLLBACK = "unit_of_work.after_rollback"


def after_commit(callback: Callable[[], object]) -> None:
    """Run ``callback`` once this unit of work has committed (never if it rolls back)."""
    db.session.info.setdefault(_AFTER_COMMIT, []).append(callback)


def after_rollback(callback: Callable[[], object]) -> None:
    """Run ``callback`` once this unit of work has rolled back, or its commit has failed."""
    db.session.info.setdefault(_AFTER_ROLLBACK, []).append(callback)


def _run(key: str) -> None:
    info = db.session.info
    callbacks = info.pop(key, [])
    info.pop(_AFTER_ROLLBACK if key == _AFTER_COMMIT else _AFTER_COMMIT, None)
    for callback in callbacks:
        try:
            callback()
        except Exception:  # the outcome stands; a clean-up that failed must not change the answer
            current_app.logger.exception("A clean-up after the unit of work failed")


def commit() -> None:
    """Commit the unit of work; if the commit fails, roll back (running ``after_rollback``) and re-raise."""
    try:
        db.session.commit()
    except BaseException:
        rollback()
        raise
    _run(_AFTER_COMMIT)


def rollback() -> None:
    db.session.rollback()
    _run(_AFTER_ROLLBACK)


def commit_before_view() -> None:
    """Commit what the boundary itself wrote before the view (the session check, an API key's last
    use), so the view's own unit of work starts clean and its outcome cannot undo it.

    This bookkeeping is a time stamp written at most once a minute. On SQLite a reading request
    that finds another process writing may be refused the lock ("database is locked"); the stamp
    then waits for the next request rather than failing this one."""
    try:
        commit()
    except OperationalError as error:
        if db.session.get_bind().dialect.name != "sqlite":
            raise
        current_app.logger.info("Bookkeeping before the view skipped: %s", error.orig)


@contextmanager
def attempt() -> Iterator[None]:
    """Run one domain call in a SAVEPOINT: when it raises, undo only its writes and re-raise.

    For a view that goes on after a refusal (re-rendering the form with the message), whose
    response is then a success that the boundary commits."""
    with db.session.begin_nested():
        yield


@contextmanager
def transaction() -> Iterator[None]:
    """One unit of work outside a request (a CLI command or one duty of it): commit when the block
    succeeds, roll back when it raises. Usable as a decorator: ``@unit_of_work.transaction()``."""
    with writing():
        try:
            yield
        except BaseException:
            rollback()
            raise
        commit()


READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _begin_request() -> None:
    """A request that may change something begins its transactions ready to write (SQLite: BEGIN
    IMMEDIATE, so concurrent writers queue instead of failing; ``registry.database.writing``)."""
    if request.method not in READ_ONLY_METHODS:
        g.unit_of_work_writes = expect_writes()


def _finish_request(response: Response) -> Response:
    if response.status_code < 400:
        commit()
    else:
        rollback()
    return response


def _end_request(error: BaseException | None) -> None:
    """Teardown: whatever is not committed by now (a view that raised, a commit that failed) is undone."""
    try:
        rollback()
    finally:
        token = g.pop("unit_of_work_writes", None)
        if token is not None:
            writes_done(token)


def init_app(app: Flask) -> None:
    """Register before every other after-request hook: Flask runs them last-registered first, so
    this one runs last and the commit is the final step before the response is sent."""
    app.before_request(_begin_request)
    app.after_request(_finish_request)
    app.teardown_request(_end_request)

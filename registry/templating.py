"""Jinja set-up: GOV.UK Frontend macros, StrictUndefined, and a few filters in the register's words."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from flask import Flask
from govuk_frontend_wtf.main import WTFormsHelpers
from govuk_frontend_wtf.main import wtforms_errors as govuk_wtforms_errors
from govuk_frontend_wtf.wtforms_widgets import GovDateInput
from jinja2 import ChoiceLoader, PackageLoader, PrefixLoader, Undefined
from jinja2.utils import missing

from registry.domain import statuses

# Top-level names GOV.UK Frontend's own templates test without defining (found by walking
# their ASTs with jinja2.meta). They stay lenient; every other undefined name is an error.
GOVUK_OPTIONAL_NAMES = frozenset(
    """_govukTemplateFooter _govukTemplateHeader assetPath assetUrl bodyAttributes bodyClasses
    containerAttributes containerClasses cspNonce dateInputItems effectiveValue errorId footerAttributes
    footerClasses hasHint headerAttributes headerClasses hintId htmlClasses htmlLang isChecked
    itemDescribedBy itemHintId labelHtml listClasses mainAttributes mainClasses mainLang null
    opengraphImageUrl pageTitleLang role serviceName serviceUrl successBanner themeColor title typeClass
    undefined""".split()
)


class RegisterUndefined(Undefined):
    """StrictUndefined for the project's templates, lenient where GOV.UK's macros rely on blanks.

    GOV.UK Frontend's macros read optional keys from ``params`` dicts and a few optional
    top-level names; those render blank. Anything else undefined (a misspelt variable or a
    missing attribute of a model) raises, so a typo fails a test instead of rendering blank.
    """

    __slots__ = ()

    def _lenient(self) -> bool:
        if self._undefined_hint is not None:  # Jinja's own, e.g. "No caller defined" inside a macro
            return True
        if self._undefined_obj is missing:
            return self._undefined_name in GOVUK_OPTIONAL_NAMES
        return isinstance(self._undefined_obj, dict)

    def _check(self) -> None:
        if not self._lenient():
            self._fail_with_undefined_error()

    def __str__(self) -> str:
        self._check()
        return ""

    def __bool__(self) -> bool:
        self._check()
        return False

    def __iter__(self) -> Iterator[Any]:
        self._check()
        return iter(())

    def __len__(self) -> int:
        self._check()
        return 0

    def __eq__(self, other: object) -> bool:
        self._check()
        return type(self) is type(other)

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    def __hash__(self) -> int:
        return id(type(self))


def long_date(value: date | datetime | None) -> str:
    """'3 March 2027' — the GOV.UK date style."""
    if value is None:
        return ""
    return f"{value.day} {value:%B %Y}"


def hours(value: Decimal | float | int | None) -> str:
    """Hours without trailing zeros: 10, 2.5, 0.25."""
    if value is None:
        return ""
    text = f"{Decimal(str(value)):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def pounds(value: Decimal | int | None) -> str:
    """Money rounded once, for display, to whole pounds (half a pound up): 636462.02 → "636,462"."""
    if value is None:
        return ""
    return f"{Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP):,}"


def sentence(value: object) -> str:
    """The text ending in one full stop: messages that already end a sentence (most domain refusals do) are
    left as they are, so "{{ message | sentence }}" never shows a double full stop."""
    text = str(value).rstrip()
    return text if not text or text.endswith((".", "!", "?", "…")) else f"{text}."


def init_app(app: Flask) -> None:
    app.jinja_env.undefined = RegisterUndefined
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    project_templates = app.jinja_loader  # templates/, the template_folder create_app gives Flask
    if project_templates is None:
        raise RuntimeError("the app has no template folder")
    app.jinja_loader = ChoiceLoader(
        [
            project_templates,
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    app.jinja_env.filters["long_date"] = long_date
    app.jinja_env.filters["hours"] = hours
    app.jinja_env.filters["sentence"] = sentence
    app.jinja_env.filters["pounds"] = pounds
    app.jinja_env.globals["statuses"] = statuses  # the words for statuses (templates/components/status.html)
    WTFormsHelpers(app)
    app.jinja_env.globals["wtforms_errors"] = wtforms_errors  # in place of the one WTFormsHelpers registers


def wtforms_errors(form: Any, params: dict[str, Any] | None = None) -> dict[str, Any]:
    """The GOV.UK error summary's parameters for a form, each link going to the field's first box.

    govuk-frontend-wtf links every field's message to ``#<field id>``; a date input has no element of
    that id that takes focus, so its link goes to the Day box (``<field name>-day``, as the widget
    names it), as the Design System's date input asks.
    """
    summary: dict[str, Any] = govuk_wtforms_errors(form, params or {})
    first_box = {f"#{field.id}": f"#{field.name}-day" for field in form if isinstance(field.widget, GovDateInput)}
    for error in summary["errorList"]:
        error["href"] = first_box.get(error["href"], error["href"])
    return summary

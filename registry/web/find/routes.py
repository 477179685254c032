"""``/mediators``: find a SEND mediator by where the family lives (``where``: a postcode, town or
council, read by ``registry.domain.places.where``; or ``local_authority``, an LA's code or name, as
links and older addresses give it), specialism, language, format and name.

The profile at ``/mediators/<registration number>`` belongs to the mediators blueprint; this
rule has no trailing part, so the two never meet.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Blueprint, render_template, request, url_for
from flask.typing import ResponseReturnValue

from registry.auth.access import public
from registry.domain.local_authorities import all_local_authorities
from registry.domain.places.where import Understood, WhereNotUnderstood, searched_area
from registry.domain.search import MediatorSearch, UnknownFilterValue, UnknownLocalAuthority, search_mediators
from registry.domain.standards import vocabularies
from registry.models import LocalAuthority
from registry.representations import cached
from registry.web.find.forms import SearchForm, local_authority_code
from registry.web.find.pagination import pagination
from registry.web.find.qr import verification_qr, verification_url
from registry.web.numbers import page_requested
from registry.web.refusals import show_message, show_refusal

bp = Blueprint("find", __name__)
# For the profile page (the mediators blueprint's template): its QR code and verification address.
bp.add_app_template_global(verification_qr, "verification_qr")
bp.add_app_template_global(verification_url, "verification_url")

FILTERS = ("where", "q", "local_authority", "specialism", "language", "format", "status")
VOCABULARIES = ("specialisms", "languages", "formats")
PAGE_STATUSES = ("current", "any")


@bp.get("/mediators")
@public
@cached
def search() -> ResponseReturnValue:
    local_authorities = all_local_authorities()
    terms = vocabularies()
    form = SearchForm(formdata=request.args)
    form.offer(terms)
    filters = _filters(local_authorities)
    try:
        understood = searched_area(filters.get("where"), filters.get("local_authority"))
        wanted = _search_for(filters, understood)
        results = search_mediators(wanted)
    except WhereNotUnderstood as error:
        return _where_not_understood(form, filters, error)
    except (UnknownLocalAuthority, UnknownFilterValue) as error:
        if isinstance(error, UnknownFilterValue):
            show_refusal(form, error, "q")
        else:
            show_message(form, "where", _unknown_local_authority(filters["local_authority"]))
        return render_template("find/search.html", form=form, results=None, filters=filters, include_all=False), 400
    if results.local_authority is not None and understood is None:  # a DfE or former code shows as the LA it names
        filters["local_authority"] = results.local_authority.gss_code
        form.where.data = results.local_authority.name
    titles = {kind: {t.code: t.title for t in getattr(terms, kind)} for kind in VOCABULARIES}
    return render_template(
        "find/search.html",
        form=form,
        results=results,
        filters=filters,
        include_all=wanted.status == "any",
        understood=understood,
        terms=titles,
        pagination_params=pagination(wanted.page, results.pages, lambda n: _search_url(filters, page=n)),
        remove_filter_links=_removals(filters, titles, results.local_authority),
    )


def _search_url(filters: Mapping[str, Any], **more: Any) -> str:
    """The search page with these filters (none of FILTERS starts with "_", as url_for's own arguments do)."""
    return url_for(".search", **filters, **more)


def _filters(local_authorities: list[LocalAuthority]) -> dict[str, str]:
    """The filters asked for (blank ones left out), with an LA typed by name turned into its code."""
    filters = {name: request.args.get(name, "").strip()[:200] for name in FILTERS}
    filters["local_authority"] = local_authority_code(filters["local_authority"], local_authorities)
    return {name: value for name, value in filters.items() if value}


def _status(value: str) -> str:
    """The page offers mediators accredited today (``current``) or everyone on the register (``any``);
    an address asking for anything else is refused, naming the two, rather than quietly ignored."""
    if value not in PAGE_STATUSES:
        raise UnknownFilterValue("status", value, PAGE_STATUSES)
    return value


def _where_not_understood(form: SearchForm, filters: dict[str, str], error: WhereNotUnderstood) -> ResponseReturnValue:
    """A place that could mean several LAs is a question (200, with a link searching each); one the
    register cannot place is a refusal (400, with any suggestions as links)."""
    if error.reason != "ambiguous":
        show_message(form, "where", str(error))
    others = {name: value for name, value in filters.items() if name not in ("where", "local_authority")}
    options = [(option.label, _search_url(others, local_authority=option.area.gss_code)) for option in error.options]
    page = render_template(
        "find/search.html", form=form, results=None, filters=filters, include_all=False, where_options=options,
        where_message=str(error),
    )  # fmt: skip
    return page, 200 if error.reason == "ambiguous" else 400


def _search_for(filters: dict[str, str], understood: Understood | None) -> MediatorSearch:
    return MediatorSearch(
        q=filters.get("q", ""),
        local_authority=understood.area.gss_code if understood else filters.get("local_authority"),
        specialism=filters.get("specialism"),
        language=filters.get("language"),
        format=filters.get("format"),
        status=_status(filters.get("status", "current")),
        page=page_requested(),  # at most numbers.LAST_PAGE
    )


def _removals(
    filters: dict[str, str], titles: dict[str, dict[str, str]], local_authority: LocalAuthority | None
) -> list[tuple[str, str]]:
    """For an empty result: a link to the same search without each filter, described in words."""
    described = {
        "where": f"‘{filters.get('where', '')}’",
        "local_authority": f"the local authority ({local_authority.name if local_authority else ''})",
        "specialism": f"‘{titles['specialisms'].get(filters.get('specialism', ''), 'experience')}’",
        "language": f"the language ({titles['languages'].get(filters.get('language', ''), 'unknown')})",
        "format": f"‘{titles['formats'].get(filters.get('format', ''), 'how you can meet')}’",
        "q": f"the name or number ‘{filters.get('q', '')}’",
    }
    return [
        (described[name], _search_url({key: value for key, value in filters.items() if key != name}))
        for name in filters
        if name in described
    ]


def _unknown_local_authority(value: str) -> str:
    if value[:1].isdigit() or (value[:1].upper() == "E" and value[1:].isdigit()):
        return f"There is no English local authority with the code {value}. Choose one from the list"
    return f"We could not find a local authority called ‘{value}’. Choose one from the list"

"""Public oversight: published review summaries at /oversight and sector statistics at /statistics."""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request
from flask.typing import ResponseReturnValue

from registry.auth.access import public
from registry.domain import clock
from registry.domain.oversight import reviews
from registry.domain.oversight.statistics import choose_filter, find_figure, regions, years_available
from registry.domain.oversight.statistics.download import figure_csv
from registry.domain.oversight.statistics.returns import returns_counted
from registry.representations import cached
from registry.web.find.pagination import page_links
from registry.web.lookups import found
from registry.web.numbers import page_requested
from registry.web.published.cache import sections_for
from registry.web.published.forms import StatisticsFilterForm

bp = Blueprint("published", __name__)

OGL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


@bp.get("/oversight")
@public
@cached
def reviews_index() -> ResponseReturnValue:
    page = reviews.published_reviews(page_requested())
    return render_template("published/reviews.html", page=page, pagination_params=page_links(page, ".reviews_index"))


@bp.get("/oversight/<reference>")
@public
@cached
def review(reference: str) -> ResponseReturnValue:
    published = found(reviews.review_by_reference, reference)
    if not published.is_published:
        abort(404)
    return render_template(
        "published/review.html",
        review=published,
        findings=reviews.findings_by_criterion(published),
        today=clock.today(),
    )


@bp.get("/statistics")
@public
@cached
def statistics() -> ResponseReturnValue:
    chosen = choose_filter(request.args.get("year"), request.args.get("region"))
    form = StatisticsFilterForm.for_choice(chosen, years_available(chosen.today), regions())
    return render_template(
        "published/statistics.html",
        chosen=chosen,
        filter_form=form,
        sections=sections_for(chosen),
        licence_url=OGL,
    )


@bp.get("/statistics/<slug>.csv")
@public
@cached
def statistics_csv(slug: str) -> ResponseReturnValue:
    chosen = choose_filter(request.args.get("year"), request.args.get("region"))
    figure = found(find_figure, sections_for(chosen), slug)
    counted = returns_counted(chosen) if figure.from_returns else None
    area = chosen.region.code if chosen.region else "england"
    name = f"{slug}-{chosen.query_args()['year']}-{area}.csv".lower()
    return Response(
        figure_csv(figure, chosen, counted),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Link": f'<{OGL}>; rel="license"',
        },
    )

"""The statistics filter: a GET form (nothing changes, so no CSRF token)."""

from __future__ import annotations

from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # WTForms 3.3; types-WTForms is 3.2

from registry.domain.oversight.statistics.filters import Region, StatisticsFilter
from registry.web.fields import select, submit_button
from registry.web.forms import QueryForm


class StatisticsFilterForm(QueryForm):
    year = select("Period", validate_choice=False)
    region = select("Region", validate_choice=False)
    submit = submit_button("Show statistics")

    @classmethod
    def for_choice(cls, chosen: StatisticsFilter, years: list[int], regions: list[Region]) -> StatisticsFilterForm:
        form = cls(formdata=None, **chosen.query_args())
        form.year.choices = [SelectChoice("all", "All years")] + [SelectChoice(str(y), str(y)) for y in years]
        form.region.choices = [SelectChoice("", "All of England")] + [SelectChoice(r.code, r.name) for r in regions]
        return form

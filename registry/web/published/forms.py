"""The statistics filter: a GET form (nothing changes, so no CSRF token)."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovSelect, GovSubmitInput
from wtforms import SelectField, SubmitField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # WTForms 3.3; types-WTForms is 3.2

from registry.domain.oversight.statistics.filters import Region, StatisticsFilter
from registry.web.forms import RegisterForm


class StatisticsFilterForm(RegisterForm):
    class Meta:
        csrf = False

    year = SelectField("Period", widget=GovSelect(), validate_choice=False)
    region = SelectField("Region", widget=GovSelect(), validate_choice=False)
    submit = SubmitField("Show statistics", widget=GovSubmitInput())

    @classmethod
    def for_choice(cls, chosen: StatisticsFilter, years: list[int], regions: list[Region]) -> StatisticsFilterForm:
        form = cls(formdata=None, **chosen.query_args())
        form.year.choices = [SelectChoice("all", "All years")] + [SelectChoice(str(y), str(y)) for y in years]
        form.region.choices = [SelectChoice("", "All of England")] + [SelectChoice(r.code, r.name) for r in regions]
        return form

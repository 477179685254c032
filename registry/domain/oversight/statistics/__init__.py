"""Sector statistics for ``/statistics``, each computed with aggregate SQL (never a loop over mediators).

- ``figures``: the Figure every statistic is returned as (a table that is also charted and
  downloaded as CSV), and percentages that are "no data" rather than 0 when nothing was returned.
- ``filters``: the period (a calendar year, or all years) and region a visitor chose.
- ``register``: accredited mediators by region and by LA, on the last day of the period.
- ``cpd``: CPD compliance of accredited mediators, and CPD audit outcomes.
- ``concerns``: anonymised yearly concern statistics.
- ``returns``: take-up, agreements, health and social care, later appeals and costs avoided.
"""

from registry.domain.oversight.statistics.figures import Figure, percentage
from registry.domain.oversight.statistics.filters import StatisticsFilter, choose_filter, regions, years_available
from registry.domain.oversight.statistics.page import Section, all_figures, figure_by_slug, find_figure

__all__ = [
    "Figure",
    "Section",
    "StatisticsFilter",
    "all_figures",
    "choose_filter",
    "figure_by_slug",
    "find_figure",
    "percentage",
    "regions",
    "years_available",
]

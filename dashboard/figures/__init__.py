"""Figures as plain functions of an events DataFrame (schema.EVENT_COLUMNS): the page and the exports
both draw with these, and tests call them without a browser.

Timeline encoding (a legend key explains it on the chart):
- one point per merged event (cluster_id); marker size grows with the number of sources;
- colour = event type (Okabe-Ito, colour-blind safe), lane = event type, actor or outlet;
- a date known only to the week/month/quarter/year (or a range of days) is a span from `date` to
  `date_end`, not a fake day;
- planned (future-tense) events are hollow markers and dashed spans; deadlines are diamonds;
- events dated by the publication-day fallback are faded.
Above `max_points` merged events the timeline aggregates into counts per lane, type and period, so
the figure sent to the browser stays small; it then has no range slider (the slider draws every marker a
second time, which dominated the first paint of a 100,000-event corpus), zoom and pan remain.

Figures are built as plain dicts (`timeline_spec`, `casualties_spec`: the page sends these as they are,
since building plotly objects costs more than the data work of a filter change) and `make_timeline` /
`make_casualties` wrap the same dicts in validated `go.Figure`s for exports and tests.
"""

from dashboard.figures.casualties import casualties_spec, make_casualties
from dashboard.figures.clusters import merged_events, other_outlets
from dashboard.figures.theme import FADED, NO_EVENTS, empty_spec, type_colour
from dashboard.figures.timeline import make_timeline, timeline_spec

__all__ = ["FADED", "NO_EVENTS", "casualties_spec", "empty_spec", "make_casualties", "make_timeline",
           "merged_events", "other_outlets", "timeline_spec", "type_colour"]

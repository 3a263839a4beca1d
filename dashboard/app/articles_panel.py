"""The Articles tab's lists: upload outcomes, articles without a publication date, unreadable files."""
from __future__ import annotations

import pandas as pd
from dash import dcc, html

from dashboard.app.upload import UploadOutcome


def upload_result(outcomes: list[UploadOutcome]) -> html.Ul:
    return html.Ul([html.Li([html.Strong(o.name), ": ", o.message], className="ok" if o.ok else "failed")
                    for o in outcomes], className="outcomes")


def undated_list(articles: pd.DataFrame) -> html.Div:
    """One row per article: its title, a date input and a button that sets the publication date."""
    if articles.empty:
        return html.P("Every article has a publication date.", className="hint")
    rows = []
    for a in articles.to_dict("records"):
        aid = a["article_id"]
        label = a["title"] if isinstance(a["title"], str) and a["title"] else a["path"]
        rows.append(html.Li([
            html.Div([html.Strong(label), html.Small(f" {a['path']}")], className="undated-title"),
            html.Label([html.Span(f"Publication date of {label}", className="visually-hidden"),
                        dcc.Input(id={"type": "pub-date", "article": aid}, type="date", className="date-input")]),
            html.Button("Set date", id={"type": "set-date", "article": aid}, n_clicks=0, className="button"),
        ], className="undated-row"))
    return html.Ul(rows, className="undated-list")


def failed_list(failed: pd.DataFrame) -> html.Div:
    if failed.empty:
        return html.P("None.", className="hint")
    return html.Ul([html.Li([html.Strong(f["path"]), ": ", f["error"]], className="failed")
                    for f in failed.to_dict("records")], className="outcomes")

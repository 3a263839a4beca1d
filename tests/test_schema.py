"""typed(): any frame -> exactly the declared columns and dtypes."""
import pandas as pd

from dashboard.schema import ARTICLE_COLUMNS, EVENT_COLUMNS, empty_events, typed


def test_missing_columns_become_typed_nulls():
    df = typed(pd.DataFrame({"event_id": ["a"], "figure": [3]}), EVENT_COLUMNS)
    assert list(df.columns) == list(EVENT_COLUMNS)
    assert {c: str(t) for c, t in df.dtypes.items()} == EVENT_COLUMNS
    assert pd.isna(df.loc[0, "confidence"]) and pd.isna(df.loc[0, "date"]) and df.loc[0, "figure"] == 3


def test_values_are_coerced_and_bad_dates_become_nat():
    df = typed(pd.DataFrame({"date": ["2016-07-14", "not a date"], "confidence": ["0.5", None]}), EVENT_COLUMNS)
    assert df.loc[0, "date"] == pd.Timestamp("2016-07-14") and pd.isna(df.loc[1, "date"])
    assert df.loc[0, "confidence"] == 0.5 and pd.isna(df.loc[1, "confidence"])


def test_empty_tables_have_every_column():
    assert list(empty_events().columns) == list(EVENT_COLUMNS) and empty_events().empty
    assert list(typed(pd.DataFrame(), ARTICLE_COLUMNS).columns) == list(ARTICLE_COLUMNS)

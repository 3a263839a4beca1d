"""Event rows -> the typed events table (the columns and dtypes of dashboard.schema.EVENT_COLUMNS)."""
from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from dashboard.schema import EVENT_COLUMNS, empty_events

if TYPE_CHECKING:   # pandas is imported when a frame is made: the parser itself runs without it
    import pandas as pd

_DATETIMES = {name for name, dtype in EVENT_COLUMNS.items() if dtype.startswith("datetime64")}


@cache
def _dtypes() -> dict:
    from pandas.api.types import pandas_dtype

    return {name: pandas_dtype(dtype) for name, dtype in EVENT_COLUMNS.items()}


def events_frame(rows: list[dict]) -> pd.DataFrame:
    """Event rows (from event_rows) as a DataFrame with exactly the columns and dtypes of EVENT_COLUMNS, built
    column by column: the same result as schema.typed(), several times faster."""
    import numpy as np
    import pandas as pd

    if not rows:
        return empty_events()
    columns = {}
    for name, dtype in _dtypes().items():
        values = [row[name] for row in rows]
        if name in _DATETIMES:
            columns[name] = np.array([np.datetime64(v, "ns") if v is not None else np.datetime64("NaT", "ns")
                                      for v in values])
        elif dtype == np.float64:
            columns[name] = np.array(values, dtype=float)
        else:
            columns[name] = pd.array(values, dtype=dtype)
    return pd.DataFrame(columns)

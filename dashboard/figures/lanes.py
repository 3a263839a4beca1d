"""Lanes (one row of the timeline per event type, actor or outlet) and the periods an aggregated view
counts events in."""
from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.config import LANES
from dashboard.schema import ACTOR_SEPARATOR, EVENT_TYPES

MAX_ACTOR_LANES = 25            # more actors than this fold into one "other actors" lane


def lane_column(lane_by: str) -> str:
    """The events column a lane choice groups by (ValueError for an unknown choice)."""
    if lane_by not in LANES:
        raise ValueError(f"lane_by must be one of {', '.join(LANES)}, not {lane_by!r}")
    return LANES[lane_by].column


def add_lanes(df: pd.DataFrame, lane_by: str) -> pd.DataFrame:
    """Add a `lane` column; an event with several actors appears once in each of their lanes."""
    column = lane_column(lane_by)
    if column != "actors":
        return df.assign(lane=df[column].fillna("(unknown)").astype(str))
    exploded = df.assign(lane=df["actors"].fillna("").str.split(ACTOR_SEPARATOR)).explode("lane")
    exploded["lane"] = exploded["lane"].str.strip().replace("", "(no actor)")
    top = exploded["lane"].value_counts().index[:MAX_ACTOR_LANES]
    exploded.loc[~exploded["lane"].isin(top), "lane"] = "(other actors)"
    return exploded.reset_index(drop=True)


def lane_order(df: pd.DataFrame, lane_by: str) -> list[str]:
    present = [str(v) for v in pd.unique(df["lane"].to_numpy(object))]
    if lane_column(lane_by) == "event_type":
        return [t for t in EVENT_TYPES if t in present] + sorted(set(present) - set(EVENT_TYPES))
    counts = df["lane"].value_counts()
    return sorted(present, key=lambda lane: (lane.startswith("("), -counts[lane], lane))


# Bin sizes for aggregated views, finest first: (name, days per bin, hover precision).
BINS = (("day", 1, "day"), ("week", 7, "week"), ("month", 30.44, "month"), ("quarter", 91.3, "quarter"),
         ("year", 365.25, "year"))
MONDAY = np.datetime64("1970-01-05")


def bin_bounds(days: np.ndarray, unit: str) -> tuple[np.ndarray, np.ndarray]:
    """First and last day of the bin each date (datetime64[D]) falls in."""
    if unit == "day":
        return days, days
    if unit == "week":
        start = MONDAY + (days - MONDAY) // np.timedelta64(7, "D") * np.timedelta64(7, "D")
        return start, start + np.timedelta64(6, "D")
    if unit == "month":
        months = days.astype("datetime64[M]")
        return months.astype("datetime64[D]"), (months + 1).astype("datetime64[D]") - np.timedelta64(1, "D")
    if unit == "quarter":
        months = days.astype("datetime64[M]").astype("int64")
        start = (months // 3 * 3).astype("datetime64[M]")
        return start.astype("datetime64[D]"), (start + 3).astype("datetime64[D]") - np.timedelta64(1, "D")
    years = days.astype("datetime64[Y]")
    return years.astype("datetime64[D]"), (years + 1).astype("datetime64[D]") - np.timedelta64(1, "D")


def aggregate(df: pd.DataFrame, max_points: int) -> pd.DataFrame:
    """Counts per lane, type and period, with the finest period that keeps under `max_points` points."""
    days = df["date"].to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
    lane_codes, _ = pd.factorize(df["lane"])
    type_codes, types = pd.factorize(df["event_type"], use_na_sentinel=False)
    pair_codes, _ = pd.factorize(lane_codes.astype("int64") * (len(types) + 1) + type_codes)
    span_days = float((days.max() - days.min()) / np.timedelta64(1, "D")) + 1
    allowed_bins = max(1, max_points // (pair_codes.max() + 1))
    unit, _, precision = next((b for b in BINS if span_days / b[1] + 2 <= allowed_bins), BINS[-1])
    start, end = bin_bounds(days, unit)
    key = pair_codes.astype("int64") * 10_000_000 + start.astype("int64")   # days since 1970 fit in 7 digits
    keys, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    out = df.iloc[first][["lane", "event_type", "lane_y"]].reset_index(drop=True)
    out["count"] = np.bincount(inverse)
    out["reports"] = np.bincount(inverse, weights=df["n_sources"].to_numpy(dtype=float)).astype("int64")
    out["start"], out["end"] = start[first], end[first]
    out["x"] = out["start"] + (out["end"] - out["start"]) / 2 + pd.Timedelta(hours=12)
    out["precision"] = precision
    return out


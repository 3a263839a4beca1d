"""Command line: python -m dashboard ingest|events|articles|serve|export.

Each command is a thin shell over a library function; heavy imports happen inside the command so that
`--help` is instant.
"""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from dashboard.config import (CHARTS, CLI_IMAGE_SCALE, DEFAULT_DB, EXPORT_FORMATS, IMAGE_HEIGHT, IMAGE_WIDTH, LANES,
                              SEEDS)


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _add_filter_flags(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("filters (the same as the page's; a view's URL query string works too)")
    g.add_argument("--from", dest="date_from", type=_iso_date, help="first day, YYYY-MM-DD")
    g.add_argument("--to", dest="date_to", type=_iso_date, help="last day, YYYY-MM-DD")
    g.add_argument("--type", dest="types", action="append", default=[], help="event type (repeatable)")
    g.add_argument("--actor", dest="actors", action="append", default=[], help="actor (repeatable)")
    g.add_argument("--source", dest="sources", action="append", default=[], help="outlet (repeatable)")
    g.add_argument("--query", default="", help="text the quote must contain")
    g.add_argument("--min-confidence", type=float, default=0.0)
    g.add_argument("--view", default="", metavar="QUERY_STRING",
                   help="a view's URL query string, e.g. '?type=meeting&from=2016-01-01'; flags add to it")


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="python -m dashboard",
        description="Diplomatic timeline: turn news articles into dated events and explore them.")
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("ingest", help="read articles (files or folders) into the database")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.add_argument("--db", type=Path, default=DEFAULT_DB)
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--scheduler", metavar="ADDRESS", default=None,
                   help="load and parse on this Dask cluster (default: $DASHBOARD_SCHEDULER, else local processes)")

    for name, what in (("events", "events"), ("articles", "articles (with read failures)")):
        p = sub.add_parser(name, help=f"write the {what} table to a file")
        p.add_argument("--db", type=Path, default=DEFAULT_DB)
        p.add_argument("--format", choices=("csv", "json", "parquet"), default="csv")
        p.add_argument("--out", type=Path, required=True)

    p = sub.add_parser("serve", help="start the dashboard (ingests seeds/ first when the database is empty)")
    p.add_argument("--db", type=Path, default=DEFAULT_DB)
    p.add_argument("--host", default="127.0.0.1", help="interface to bind (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8050, help="port (0: any free port, printed at start)")
    p.add_argument("--debug", action="store_true", help="Flask's debugging server instead of waitress")

    p = sub.add_parser("export", help="export the (filtered) timeline or events for a report")
    p.add_argument("--db", type=Path, default=DEFAULT_DB)
    p.add_argument("--format", choices=EXPORT_FORMATS, required=True,
                   help="timelinejs: TimelineJS3 JSON, to embed the timeline in a web page")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--width", type=int, default=IMAGE_WIDTH, help="image width in px (png/svg/pdf)")
    p.add_argument("--height", type=int, default=IMAGE_HEIGHT, help="image height in px (png/svg/pdf)")
    p.add_argument("--scale", type=float, default=CLI_IMAGE_SCALE, help="pixel density 1-4 (png)")
    p.add_argument("--title", default=None, help="chart title (default: a summary of what is shown)")
    p.add_argument("--lane", choices=tuple(LANES), default=None,
                   help="timeline lanes (default: the view's, else event type)")
    p.add_argument("--chart", choices=CHARTS, default=CHARTS[0],
                   help="which chart the image formats and the report show")
    _add_filter_flags(p)
    return ap


def _filters_from_args(args):
    from dashboard.filters import Filters

    base = Filters.from_query_string(args.view) if args.view else Filters()
    changes = {}
    for name in ("date_from", "date_to", "query"):
        if getattr(args, name):
            changes[name] = getattr(args, name)
    for name in ("types", "actors", "sources"):
        if getattr(args, name):
            changes[name] = tuple(getattr(base, name)) + tuple(getattr(args, name))
    if args.min_confidence:
        changes["min_confidence"] = args.min_confidence
    return base.with_(**changes)


def cmd_ingest(args) -> int:
    from dashboard.pipeline import ingest

    try:
        report = ingest(args.paths, db=args.db, progress=not args.no_progress, scheduler=args.scheduler)
    except OSError as exc:   # the Dask scheduler cannot be reached (nothing was written)
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(report.summary())
    for path, reason in report.failures:
        print(f"  failed: {path}: {reason}", file=sys.stderr)
    return 1 if report.failures else 0


def cmd_table(args) -> int:
    from dashboard.store import Store, StoreError, write_table

    try:
        with Store(args.db, read_only=True) as store:
            df = store.events() if args.command == "events" else store.articles(with_text=True)
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    write_table(df, args.out, args.format)
    print(f"wrote {len(df)} {args.command} to {args.out}")
    return 0


def cmd_serve(args) -> int:
    from dashboard.app import run

    run(db=args.db, host=args.host, port=args.port, debug=args.debug, seed_dir=SEEDS)
    return 0


def cmd_export(args) -> int:
    from dashboard.export import ExportError, export
    from dashboard.filters import view_from_search

    if not 1 <= args.scale <= 4:
        print("--scale must be between 1 and 4", file=sys.stderr)
        return 2
    try:
        out = export(db=args.db, fmt=args.format, out=args.out, filters=_filters_from_args(args),
                     width=args.width, height=args.height, scale=args.scale, title=args.title,
                     lane_by=args.lane or view_from_search(args.view)[0].lane, chart=args.chart)
    except ExportError as exc:
        print(f"export failed: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {out}")
    return 0


COMMANDS = {"ingest": cmd_ingest, "events": cmd_table, "articles": cmd_table,
            "serve": cmd_serve, "export": cmd_export}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except ValueError as exc:   # bad filter values, unreadable --view
        print(f"error: {exc}", file=sys.stderr)
        return 2

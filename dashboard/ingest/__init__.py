"""Loading articles: files, folders, uploads and dumps -> cleaned, dated Article records (or LoadError).

One direction, one job per module:
  plan.py      paths -> FileTasks (files with their manifest entries), reading no article
  loader.py    a task or bytes -> format by extension (or sniffed) -> Article | LoadError; manifests applied
  decode.py    bytes -> str (UTF-8, BOM, legacy encodings; binary refused)
  html.py      HTML -> story text and metadata (trafilatura), publication date (html_dates.py)
  html_dates.py  htmldate's date cross-checked with the page's JSON-LD, meta tags, URL and byline
  records.py   JSON / JSONL / CSV dumps -> one record per article (lenient names, strict content)
  markdown.py  .md notes -> plain text
  clean.py     pasted page -> classified lines -> story text, headline, dropped lines
  pubdate.py   classified lines -> the date the page states about itself, or unknown
  dates.py     dates written in a line ("Wednesday 13 Jul 2016", "2014-02-06")
  manifest.py  manifest.csv -> ManifestEntry per file (strict; errors name file and line)
  cues.py      the cue lists in dashboard/resources/ingest (data, with an example per entry)

The names below are imported on first use: a process that only plans (plan.py) never loads the cleaner
and the parser it uses.
"""
from importlib import import_module

_MODULE_OF = {"load_paths": "loader", "load_bytes": "loader", "read_manifest": "manifest",
              "ManifestEntry": "manifest", "ManifestError": "manifest", "clean_page": "clean",
              "find_published": "pubdate"}
__all__ = list(_MODULE_OF)


def __getattr__(name: str):
    if name not in _MODULE_OF:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_MODULE_OF[name]}"), name)

"""Loading articles: files, folders, uploads and dumps -> cleaned, dated Article records (or LoadError).

One direction, one job per module:
  loader.py    paths -> FileTasks (files with their manifest entries); a task or bytes -> format by
               extension (or sniffed) -> Article | LoadError; manifests applied
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
"""
from dashboard.ingest.clean import clean_page
from dashboard.ingest.loader import load_bytes, load_paths
from dashboard.ingest.manifest import ManifestEntry, ManifestError, read_manifest
from dashboard.ingest.pubdate import find_published

__all__ = ["load_paths", "load_bytes", "read_manifest", "ManifestEntry", "ManifestError", "clean_page",
           "find_published"]

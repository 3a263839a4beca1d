"""Loading articles: files, folders, uploads and dumps -> cleaned, dated Article records (or LoadError)."""
from dashboard.ingest.clean import clean_page
from dashboard.ingest.loader import load_bytes, load_paths
from dashboard.ingest.manifest import ManifestEntry, ManifestError, read_manifest
from dashboard.ingest.pubdate import find_published

__all__ = ["load_paths", "load_bytes", "read_manifest", "ManifestEntry", "ManifestError", "clean_page",
           "find_published"]

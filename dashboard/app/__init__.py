"""The Dash dashboard: `create_app(db)` builds it, `run(db, ...)` serves it.

Dash and the callbacks are imported inside the functions: `dashboard.figures` imports
`dashboard.app.hover`, and that must not pull in the whole app (nor create an import cycle).
"""
from __future__ import annotations

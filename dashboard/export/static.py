"""A Plotly figure to PNG/SVG/PDF bytes (kaleido 1.x driving the system Chromium) or to offline HTML."""
from __future__ import annotations

import asyncio
import atexit
import html
import threading

import plotly.graph_objects as go
import plotly.io as pio
from kaleido import Kaleido

from dashboard.export.browser import find_chromium
from dashboard.export.errors import ExportError

IMAGE_FORMATS = ("png", "svg", "pdf")
RENDER_TIMEOUT_S = 90


def figure_image(fig: go.Figure, fmt: str, *, width: int, height: int, scale: float = 1.0) -> bytes:
    """Render `fig` as `fmt` at width x height layout pixels (PNG pixels are that times `scale`)."""
    if fmt not in IMAGE_FORMATS:
        raise ExportError(f"unknown image format {fmt!r} (one of {', '.join(IMAGE_FORMATS)})")
    opts = {"format": fmt, "width": width, "height": height, "scale": scale}
    try:
        return _renderer.render(fig.to_dict(), opts, browser=find_chromium())
    except ExportError:
        raise
    except Exception as exc:  # kaleido and choreographer raise many kinds; the caller needs one
        raise ExportError(f"the chart could not be rendered as {fmt.upper()}: {exc}") from exc


def warm_up() -> None:
    """Start the renderer's Chromium in the background, so that the export which follows (the page
    calls this when its Export menu is opened) does not wait for the browser to start."""
    def start() -> None:
        try:
            _renderer.open(find_chromium())
        except Exception:  # noqa: BLE001 - the export itself reports the problem, with its own message
            pass

    threading.Thread(target=start, name="kaleido-warm-up", daemon=True).start()


def figure_html(fig: go.Figure, *, title: str) -> str:
    """A standalone page that works offline: plotly.js is inlined and hover texts are kept."""
    return pio.to_html(fig, include_plotlyjs=True, full_html=True, config={"displaylogo": False},
                       default_width="100%", default_height="100vh").replace(
        "<head>", f"<head><title>{html.escape(title)}</title>", 1)


class _WarmRenderer:
    """One kaleido Chromium kept open on its own event-loop thread, shared by every export of this
    process: the first render starts it (~2-3 s), later ones take a fraction of a second. Any failure
    closes it, so the next export starts afresh instead of talking to a broken browser."""

    def __init__(self):
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._kaleido: Kaleido | None = None
        self._browser: str | None = None

    def render(self, fig_dict: dict, opts: dict, *, browser: str) -> bytes:
        fresh, loop, kaleido = self._running(browser)
        try:
            return self._calc(loop, kaleido, fig_dict, opts)
        except Exception:
            if fresh:   # failed on a browser started for it: a real failure
                raise
        # The browser was already running and may have died since (killed, out of memory): one more
        # try on a fresh one.
        _fresh, loop, kaleido = self._running(browser)
        return self._calc(loop, kaleido, fig_dict, opts)

    def open(self, browser: str) -> None:
        self._running(browser)

    def close(self) -> None:
        with self._lock:
            self._close()

    def _running(self, browser: str) -> tuple[bool, asyncio.AbstractEventLoop, Kaleido]:
        """(started now?, loop, kaleido) of an open renderer on `browser`."""
        with self._lock:
            fresh = self._kaleido is None or self._browser != browser
            if fresh:
                self._close()
                self._open(browser)
            return fresh, self._loop, self._kaleido

    def _calc(self, loop, kaleido: Kaleido, fig_dict: dict, opts: dict) -> bytes:
        future = asyncio.run_coroutine_threadsafe(kaleido.calc_fig(fig_dict, opts=opts), loop)
        try:
            return future.result(timeout=RENDER_TIMEOUT_S + 10)
        except BaseException:
            future.cancel()
            with self._lock:
                if self._kaleido is kaleido:   # not one another thread has opened since
                    self._close()
            raise

    def _open(self, browser: str) -> None:
        loop = asyncio.new_event_loop()
        threading.Thread(target=loop.run_forever, name="kaleido", daemon=True).start()

        async def start() -> Kaleido:
            # mathjax=False: kaleido would otherwise load MathJax from a CDN; plotly.js comes from the
            # plotly package, so rendering needs no network at all.
            kaleido = Kaleido(path=browser, mathjax=False, timeout=RENDER_TIMEOUT_S)
            await kaleido.open()
            return kaleido

        try:
            self._kaleido = asyncio.run_coroutine_threadsafe(start(), loop).result(timeout=RENDER_TIMEOUT_S)
        except BaseException:
            loop.call_soon_threadsafe(loop.stop)
            raise
        self._loop, self._browser = loop, browser

    def _close(self) -> None:
        if self._loop is None:
            return
        loop, kaleido = self._loop, self._kaleido
        self._loop = self._kaleido = self._browser = None
        try:
            if kaleido is not None:
                asyncio.run_coroutine_threadsafe(kaleido.close(), loop).result(timeout=10)
        except Exception:  # a browser that already died cannot be closed more; the loop still stops
            pass
        finally:
            loop.call_soon_threadsafe(loop.stop)


_renderer = _WarmRenderer()
atexit.register(_renderer.close)

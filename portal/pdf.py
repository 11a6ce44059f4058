"""PDF documents from Jinja templates, with WeasyPrint.

`render_pdf("pdf/receipt.html", application=...)` returns the PDF's bytes.
The templates are ordinary autoescaped Jinja, so a person's own words are as
inert in a PDF as on a page. WeasyPrint would fetch any URL the HTML names
(file://, http://, data:); our fetcher refuses everything except the app's
own static files, so a document can never read the disk or call the network.
"""

from __future__ import annotations

import multiprocessing
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

from flask import current_app, render_template
from weasyprint.urls import URLFetcher, URLFetcherResponse

from portal import pdf_worker
from portal.db import finish_request_transaction

# A made-up origin: relative links in the templates resolve against it, and
# only URLs under it reach the static folder.
PDF_BASE_URL = "https://pdf.mitt-stod.invalid/"
_STATIC_PREFIX = "/static/"
_MIME_TYPES = {
    ".css": "text/css",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
}


class RefusedResource(ValueError):
    """A PDF asked for something outside the app's static files."""


def static_file_for(url: str, static_folder: Path) -> Path:
    """The static file `url` names, or RefusedResource for anything else."""
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}/" != PDF_BASE_URL:
        raise RefusedResource(url)
    path = unquote(parts.path)
    if not path.startswith(_STATIC_PREFIX):
        raise RefusedResource(url)
    root = static_folder.resolve()
    candidate = (root / path[len(_STATIC_PREFIX) :]).resolve()
    if not candidate.is_relative_to(root) or not candidate.is_file():
        raise RefusedResource(url)
    if candidate.suffix.lower() not in _MIME_TYPES:
        raise RefusedResource(url)
    return candidate


class StaticOnlyFetcher(URLFetcher):
    """Serves the app's static files to WeasyPrint and nothing else."""

    def __init__(self, static_folder: Path):
        super().__init__(allowed_protocols=("https",))
        self._static_folder = static_folder

    def fetch(self, url, headers=None):
        path = static_file_for(url, self._static_folder)
        return URLFetcherResponse(
            url,
            body=path.read_bytes(),
            headers={"Content-Type": _MIME_TYPES[path.suffix.lower()]},
        )


class PdfRefused(Exception):
    """The PDF was not made: too many pages, too slow, or too many at once. `reason` says which."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


_context = multiprocessing.get_context("forkserver")
_context.set_forkserver_preload(["portal.pdf"])  # the fork server loads WeasyPrint once
_slots: dict[int, threading.BoundedSemaphore] = {}
_slots_lock = threading.Lock()


def _slot(size: int) -> threading.BoundedSemaphore:
    with _slots_lock:
        return _slots.setdefault(size, threading.BoundedSemaphore(size))


def render_pdf(template: str, **context) -> bytes:
    """Render `template` (autoescaped Jinja) to PDF bytes, inside a request or app context.

    The HTML is rendered first, while the database session is open; then the
    request's transaction is committed and closed, so the slow part holds no
    lock (on SQLite a write lock would stop every other writer). The PDF is
    made in a child process that is killed after PDF_TIME_LIMIT_SECONDS, a
    document over PDF_MAX_PAGES is refused, and at most PDF_CONCURRENCY are
    made at once per process. Raises PdfRefused when the PDF is not made.
    """
    html = render_template(template, **context)
    finish_request_transaction()
    config = current_app.config
    limit = config["PDF_TIME_LIMIT_SECONDS"]
    slot = _slot(config["PDF_CONCURRENCY"])
    if not slot.acquire(timeout=limit):
        raise PdfRefused("busy")
    try:
        return _render_in_child(html, current_app.static_folder, config["PDF_MAX_PAGES"], limit)
    finally:
        slot.release()


def _render_in_child(html: str, static_folder: str, max_pages: int, time_limit: float) -> bytes:
    receiving, sending = _context.Pipe(duplex=False)
    child = _context.Process(
        target=pdf_worker.render, args=(html, PDF_BASE_URL, static_folder, max_pages, sending), daemon=True
    )
    started = time.monotonic()
    child.start()
    sending.close()
    try:
        if not receiving.poll(time_limit):
            raise PdfRefused("too_slow")
        outcome, payload = receiving.recv()
    except EOFError:
        raise PdfRefused("failed") from None
    finally:
        receiving.close()
        if child.is_alive() and time.monotonic() - started >= time_limit:
            child.kill()
        child.join()
        child.close()
    if outcome == pdf_worker.TOO_MANY_PAGES:
        raise PdfRefused("too_many_pages")
    return payload

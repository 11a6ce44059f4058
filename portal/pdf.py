"""PDF documents from Jinja templates, with WeasyPrint.

`render_pdf("pdf/receipt.html", application=...)` returns the PDF's bytes.
The templates are ordinary autoescaped Jinja, so a person's own words are as
inert in a PDF as on a page. WeasyPrint would fetch any URL the HTML names
(file://, http://, data:); our fetcher refuses everything except the app's
own static files, so a document can never read the disk or call the network.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from flask import current_app, render_template
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

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


def render_pdf(template: str, **context) -> bytes:
    """Render `template` (autoescaped Jinja) to PDF bytes, inside a request or app context."""
    html = render_template(template, **context)
    fetcher = StaticOnlyFetcher(Path(current_app.static_folder))
    return HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=fetcher).write_pdf()

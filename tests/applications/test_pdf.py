"""The shared PDF renderer only ever reads the app's own static files."""

from pathlib import Path

import pytest

from portal.pdf import PDF_BASE_URL, RefusedResource, StaticOnlyFetcher, static_file_for

STATIC = Path(__file__).resolve().parents[2] / "portal" / "static"


def test_the_pdf_stylesheet_is_served():
    assert static_file_for(PDF_BASE_URL + "static/css/pdf.css", STATIC).name == "pdf.css"
    response = StaticOnlyFetcher(STATIC).fetch(PDF_BASE_URL + "static/css/pdf.css")
    assert b"@page" in response.read()


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:5432/",
        "https://example.org/static/css/pdf.css",
        PDF_BASE_URL + "static/../../pyproject.toml",
        PDF_BASE_URL + "static/%2e%2e/%2e%2e/pyproject.toml",
        PDF_BASE_URL + "static/js/portal.js",  # not a kind of file a PDF needs
        PDF_BASE_URL + "templates/base.html",
        "data:text/html,<script>alert(1)</script>",
    ],
)
def test_everything_else_is_refused(url):
    with pytest.raises(RefusedResource):
        static_file_for(url, STATIC)

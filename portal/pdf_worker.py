"""The part of PDF rendering that runs in a child process, so it can be stopped.

WeasyPrint cannot be interrupted inside a thread; a child process can be
killed when it runs past the time limit, and its memory is returned to the
system when it ends. The module imports WeasyPrint, so the process that forks
the children (multiprocessing's fork server) has it loaded once.
"""

from __future__ import annotations

from pathlib import Path

from weasyprint import HTML

TOO_MANY_PAGES = "too_many_pages"


def render(html: str, base_url: str, static_folder: str, max_pages: int, connection) -> None:
    """Send back ("ok", bytes), or (TOO_MANY_PAGES, count) without writing the PDF."""
    from portal.pdf import StaticOnlyFetcher

    try:
        fetcher = StaticOnlyFetcher(Path(static_folder))
        document = HTML(string=html, base_url=base_url, url_fetcher=fetcher).render()
        if len(document.pages) > max_pages:
            connection.send((TOO_MANY_PAGES, len(document.pages)))
        else:
            connection.send(("ok", document.write_pdf()))
    finally:
        connection.close()

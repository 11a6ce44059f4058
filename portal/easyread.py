"""Easy-read texts (lättläst): small HTML files in easyread/<locale>/<name>.html.

Long texts live in files rather than in gettext strings, so that a writer of
easy Swedish can edit a whole text and check its LIX. Every text is loaded by
`load_easyread` and passes the one sanitiser before it reaches a page.

Run `python -m portal.easyread` to print the LIX of every file.
"""

import re
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup

from portal.domain.readability import lix_of_html
from portal.sanitize import clean_html

EASYREAD_ROOT = Path(__file__).resolve().parent.parent / "easyread"
DEFAULT_LOCALE = "sv"

# Names come from code and templates, never from a person, but we still refuse
# anything that could leave the folder ("../x", "a/b", "").
_NAME = re.compile(r"[a-z0-9_]+")


def _locales() -> set[str]:
    return {path.name for path in EASYREAD_ROOT.iterdir() if path.is_dir()}


def _normalise_locale(locale: object) -> str:
    """'sv', 'sv_SE', 'en-GB' or a Babel Locale → a folder we have, else 'sv'."""
    language = re.split(r"[_-]", str(locale or ""))[0].lower()
    return language if language in _locales() else DEFAULT_LOCALE


def _names_in(locale: str) -> set[str]:
    folder = EASYREAD_ROOT / locale
    if not folder.is_dir():
        return set()
    return {path.stem for path in folder.glob("*.html") if _NAME.fullmatch(path.stem)}


@lru_cache(maxsize=256)
def _load(name: str, locale: str) -> Markup:
    for folder in (locale, DEFAULT_LOCALE):
        path = EASYREAD_ROOT / folder / f"{name}.html"
        if path.is_file():
            return clean_html(path.read_text(encoding="utf-8"))
    raise KeyError(name)


def load_easyread(name: str, locale: object = DEFAULT_LOCALE) -> Markup:
    """The sanitised easy-read text `name` in `locale`, or in Swedish if missing.

    Raises KeyError for a name that is malformed or has no file.
    """
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise KeyError(name)
    return _load(name, _normalise_locale(locale))


def list_easyread(locale: object = DEFAULT_LOCALE) -> list[str]:
    """Names `load_easyread` can serve in `locale` (its own files plus Swedish fallbacks)."""
    return sorted(_names_in(_normalise_locale(locale)) | _names_in(DEFAULT_LOCALE))


def easyread_files() -> list[tuple[str, str, Path]]:
    """Every (name, locale, path) on disk, for checks and the LIX report."""
    return [
        (name, locale, EASYREAD_ROOT / locale / f"{name}.html")
        for locale in sorted(_locales())
        for name in sorted(_names_in(locale))
    ]


def main() -> None:
    print(f"{'name':<28} {'locale':<6} {'LIX':>5}")
    for name, locale, path in easyread_files():
        score = lix_of_html(path.read_text(encoding="utf-8"))
        print(f"{name:<28} {locale:<6} {score:5.1f}")


if __name__ == "__main__":
    main()

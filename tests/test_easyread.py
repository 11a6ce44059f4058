"""Easy-read texts and life-area pictograms, checked the way a reader meets them.

Files are found by listing the folders, so a new text or icon is checked
without anyone editing this file.
"""

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import Markup

from portal.domain.life_areas import LIFE_AREA_CODES
from portal.domain.readability import lix_of_html, visible_text_blocks
from portal.easyread import EASYREAD_ROOT, list_easyread, load_easyread
from portal.sanitize import ALLOWED_TAGS, clean_html

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PICTOGRAMS = PROJECT_ROOT / "templates" / "pictograms"
MAX_LIX = 30

SV_FILES = sorted((EASYREAD_ROOT / "sv").glob("*.html"))
EN_FILES = sorted((EASYREAD_ROOT / "en").glob("*.html"))
ALL_FILES = SV_FILES + EN_FILES
SVG_FILES = sorted(PICTOGRAMS.glob("*.svg"))

# Texts the pages need now; the life-area ones follow the catalogue.
REQUIRED_TEXTS = {
    "start", "accessibility", "data_notice", "apply_start", "scale", "goal_hints",
    "receipt", "proxy_guide", *(f"life_area_{code}" for code in LIFE_AREA_CODES),
}  # fmt: skip


def _file_id(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


class _TagCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)


def _tags_in(html: str) -> set[str]:
    collector = _TagCollector()
    collector.feed(html)
    collector.close()
    return collector.tags


def test_the_folders_hold_texts():
    assert len(SV_FILES) >= len(REQUIRED_TEXTS)
    assert len(EN_FILES) >= len(REQUIRED_TEXTS)


def test_every_required_text_exists_in_both_languages():
    for locale in ("sv", "en"):
        names = {path.stem for path in (EASYREAD_ROOT / locale).glob("*.html")}
        assert REQUIRED_TEXTS <= names, f"missing in {locale}: {REQUIRED_TEXTS - names}"


@pytest.mark.parametrize("path", ALL_FILES, ids=_file_id)
def test_text_is_very_easy_to_read(path):
    score = lix_of_html(path.read_text(encoding="utf-8"))
    assert 0 < score <= MAX_LIX, f"{_file_id(path)} has LIX {score:.1f}"


@pytest.mark.parametrize("path", SV_FILES, ids=_file_id)
def test_every_swedish_text_has_an_english_version(path):
    assert (EASYREAD_ROOT / "en" / path.name).is_file()


@pytest.mark.parametrize("path", EN_FILES, ids=_file_id)
def test_every_english_text_has_a_swedish_original(path):
    assert (EASYREAD_ROOT / "sv" / path.name).is_file()


@pytest.mark.parametrize("path", ALL_FILES, ids=_file_id)
def test_text_uses_only_allowed_markup(path):
    html = path.read_text(encoding="utf-8")
    assert re.fullmatch(r"[a-z0-9_]+", path.stem), "load_easyread could not find this name"
    assert _tags_in(html) <= ALLOWED_TAGS
    assert visible_text_blocks(str(clean_html(html))) == visible_text_blocks(html)
    # Nothing at all is removed: no stray attribute is silently dropped either.
    assert str(clean_html(html)) == html


@pytest.mark.parametrize("path", ALL_FILES, ids=_file_id)
def test_text_starts_headings_at_h2_because_the_page_has_the_h1(path):
    assert "h1" not in _tags_in(path.read_text(encoding="utf-8"))


def test_load_easyread_returns_sanitised_markup():
    text = load_easyread("start", "sv")
    assert isinstance(text, Markup)
    assert "Mitt stöd" in text
    assert "BankID" in text


def test_load_easyread_gives_the_english_text_for_english():
    assert load_easyread("start", "en") != load_easyread("start", "sv")
    assert "municipality" in load_easyread("start", "en")
    assert "municipality" in load_easyread("start", "en_GB")


def test_unknown_locale_falls_back_to_swedish():
    assert load_easyread("start", "fi") == load_easyread("start", "sv")
    assert load_easyread("start", "../en") == load_easyread("start", "sv")


def test_missing_translation_falls_back_to_swedish(tmp_path, monkeypatch):
    (tmp_path / "sv").mkdir()
    (tmp_path / "en").mkdir()
    (tmp_path / "sv" / "only_swedish.html").write_text("<p>Bara svenska.</p>", encoding="utf-8")
    monkeypatch.setattr("portal.easyread.EASYREAD_ROOT", tmp_path)
    assert load_easyread("only_swedish", "en") == Markup("<p>Bara svenska.</p>")
    assert list_easyread("en") == ["only_swedish"]


@pytest.mark.parametrize(
    "name",
    ["no_such_text", "../sv/start", "..", "sv/start", "start.html", "Start", "", "start\n",
     "/etc/passwd", "start%00", None],
)  # fmt: skip
def test_unknown_or_unsafe_names_raise_key_error(name):
    with pytest.raises(KeyError):
        load_easyread(name, "sv")


def test_list_easyread_names_the_texts():
    names = list_easyread("sv")
    assert REQUIRED_TEXTS <= set(names)
    assert names == sorted(names)
    for name in names:
        load_easyread(name, "en")


@pytest.mark.parametrize("code", LIFE_AREA_CODES)
def test_every_life_area_has_a_pictogram(code):
    assert (PICTOGRAMS / f"{code}.svg").is_file()


@pytest.mark.parametrize("path", SVG_FILES, ids=lambda path: path.name)
def test_pictogram_is_a_safe_decorative_svg(path):
    source = path.read_text(encoding="utf-8")
    root = ET.fromstring(source)  # noqa: S314 - our own files, checked for safety here
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("aria-hidden") == "true"
    assert root.get("focusable") == "false"
    assert root.get("class") == "pictogram"
    assert root.get("viewBox") == "0 0 48 48"
    assert root.get("stroke") == "currentColor"
    lowered = source.lower()
    assert "<script" not in lowered
    assert "<text" not in lowered and "<style" not in lowered
    assert not re.search(r"\son\w+\s*=", lowered)
    assert not re.search(r"\sstyle\s*=", lowered)
    assert not re.search(r"href\s*=", lowered), "pictograms must not refer to anything"
    assert "url(" not in lowered

"""Every string a person can see in Swedish also has an English translation."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent


def _translated(message) -> bool:
    if isinstance(message.string, str):
        return bool(message.string)
    return all(message.string)


def test_every_ui_string_has_an_english_translation(tmp_path):
    template = tmp_path / "messages.pot"
    subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "translations/babel.cfg",
         "-k", "_l", "-o", str(template), "portal", "templates"],
        cwd=ROOT, check=True, capture_output=True,
    )
    with template.open("rb") as file:
        wanted = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(file) if m.id}
    with (ROOT / "translations/en/LC_MESSAGES/messages.po").open("rb") as file:
        english = {m.id if isinstance(m.id, str) else m.id[0]: m for m in read_po(file) if m.id}
    missing = sorted(msgid for msgid in wanted if msgid not in english or not _translated(english[msgid]))
    assert not missing, "Run `flask translate update` and translate:\n" + "\n".join(missing[:20])


def test_placeholders_survive_translation():
    with (ROOT / "translations/en/LC_MESSAGES/messages.po").open("rb") as file:
        catalog = read_po(file)
    import re

    pattern = re.compile(r"%\((\w+)\)[sd]")
    wrong = [
        m.id for m in catalog
        if m.id and isinstance(m.id, str) and m.string
        and set(pattern.findall(m.id)) != set(pattern.findall(m.string))
    ]
    assert not wrong, wrong[:10]

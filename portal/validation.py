"""Checking input with one set of rules: the staff pages, the API and the person's forms.

Services raise ValidationFailed with a machine-readable code per field path
("items[0].outcome": "invalid_choice"). The staff pages turn codes into easy
Swedish messages; the API returns them as they are, with an English message.
"""

from __future__ import annotations

import re
from datetime import date

from portal.domain.vocabulary import DifficultyLevel

LEVELS = frozenset(int(level) for level in DifficultyLevel)

# Hard caps: how much one person can make the portal store. Every form and the
# API check against these; a value over a cap is refused, never stored, and
# the person sees what they typed again with a message.
MAX_TEXT = 10_000  # the longest text anyone may store (staff and API): about three pages
PERSON_TEXT_MAX = 3_000  # one answer in the person's own words: about one page
MAX_GOALS_PER_APPLICATION = 20  # IBIC plans have a few goals per area; 20 is generous
MAX_GOALS_PER_AREA = 5
MAX_OPEN_DRAFTS = 3  # open (unsent) ansökningar per person
# A form's one-time token, as portal.web.citizen_views.new_token() makes it.
_FORM_TOKEN = re.compile(r"[0-9a-f]{32}")


def is_form_token(token: str | None) -> bool:
    return bool(_FORM_TOKEN.fullmatch(token or ""))


# Codes and what they mean, for API clients (the OpenAPI document lists them).
CODES = {
    "required": "A value is required.",
    "invalid": "The value has the wrong type or format.",
    "invalid_choice": "The value is not one of the allowed values.",
    "invalid_date": "Use a date in the form YYYY-MM-DD.",
    "invalid_datetime": "Use an RFC 3339 date-time with an offset, e.g. 2026-01-01T00:00:00Z.",
    "out_of_range": "The level must be 0-4, 8 or 9.",
    "date_order": "The end date is before the start date.",
    "in_past": "The date must be today or later.",
    "too_long": "The text is too long.",
    "unknown_goal": "No such goal in this application.",
    "unknown_decision": "No such decision for this application.",
    "not_editable": "The record is published and can no longer be changed.",
    "empty": "Add at least one entry.",
}


class ValidationFailed(ValueError):
    def __init__(self, errors: dict[str, str]):
        super().__init__(", ".join(f"{field}: {code}" for field, code in errors.items()))
        self.errors = errors


class InvalidInput(ValueError):
    """The person's input cannot be saved; `errors` maps field names to error codes."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(errors)
        self.errors = errors


def fits(text: str | None, max_chars: int) -> bool:
    """True if `text` may be stored under a cap of `max_chars` (surrounding spaces do not count)."""
    return len((text or "").strip()) <= max_chars


def oversized(values: dict[str, tuple[object, int | None]]) -> list[str]:
    """The names of the (value, column length) pairs whose value is longer than the column
    allows; a column without a length (free text) allows MAX_TEXT."""
    return [name for name, (value, length) in values.items()
            if isinstance(value, str) and len(value) > (length or MAX_TEXT)]  # fmt: skip


def checked_text(name: str, text: str | None, max_chars: int, errors: dict) -> str:
    """A required text of at most `max_chars`; adds "empty" or "too_long" to `errors`."""
    text = (text or "").strip()
    if not text:
        errors[name] = "empty"
    elif len(text) > max_chars:
        errors[name] = "too_long"
    return text


class Checker:
    """Collects field errors while reading values out of a dict."""

    def __init__(self, data: dict | None, prefix: str = ""):
        self.data = data if isinstance(data, dict) else {}
        self.prefix = prefix
        self.errors: dict[str, str] = {}

    def field(self, key: str) -> str:
        return f"{self.prefix}{key}"

    def fail(self, key: str, code: str) -> None:
        self.errors.setdefault(self.field(key), code)

    def _raw(self, key: str):
        value = self.data.get(key)
        return value.strip() if isinstance(value, str) else value

    def text(self, key: str, required: bool = True, max_len: int = MAX_TEXT) -> str:
        value = self._raw(key)
        if value in (None, ""):
            if required:
                self.fail(key, "required")
            return ""
        if not isinstance(value, str):
            self.fail(key, "invalid")
            return ""
        if len(value) > max_len:
            self.fail(key, "too_long")
        return value

    def choice(self, key: str, choices, required: bool = True) -> str | None:
        value = self._raw(key)
        if value in (None, ""):
            if required:
                self.fail(key, "required")
            return None
        if not isinstance(value, str) or value not in choices:
            self.fail(key, "invalid_choice")
            return None
        return value

    def level(self, key: str, required: bool = False) -> int | None:
        value = self._raw(key)
        if value in (None, ""):
            if required:
                self.fail(key, "required")
            return None
        if isinstance(value, bool) or not isinstance(value, int | str):
            self.fail(key, "invalid")
            return None
        try:
            number = int(value)
        except ValueError:
            self.fail(key, "invalid")
            return None
        if number not in LEVELS:
            self.fail(key, "out_of_range")
            return None
        return number

    def date(self, key: str, required: bool = False) -> date | None:
        value = self._raw(key)
        if value in (None, ""):
            if required:
                self.fail(key, "required")
            return None
        try:
            return date.fromisoformat(value) if isinstance(value, str) else _bad_date()
        except ValueError:
            self.fail(key, "invalid_date")
            return None

    def id_list(self, key: str, allowed) -> list[int]:
        """A list of ids (from a JSON array or repeated form fields) that must be in `allowed`."""
        values = self.data.get(key) or []
        if not isinstance(values, list):
            self.fail(key, "invalid")
            return []
        ids = []
        for value in values:
            try:
                number = int(value)
            except (TypeError, ValueError):
                self.fail(key, "invalid")
                return []
            if number not in allowed:
                self.fail(key, "unknown_goal")
                return []
            ids.append(number)
        return ids

    def merge(self, other: Checker) -> None:
        for field, code in other.errors.items():
            self.errors.setdefault(field, code)

    def done(self) -> None:
        if self.errors:
            raise ValidationFailed(self.errors)


def _bad_date():
    raise ValueError("not a string")

"""Reading a JSON body strictly: JSON types as the document says, before any service sees it.

The services read their input the lenient way the staff forms need (a form
sends "3" for a level, "12" for an id). An integration sends JSON, so here
true, 1.9, "1", null or 1e400 where the document says integer are refused
with 422 before the service runs, and a body that is not JSON at all (or
nests deeper than Python can parse) is a 400.
"""

from __future__ import annotations

import json
import re
from datetime import date
from functools import cache

from flask import request
from jsonschema import Draft202012Validator, FormatChecker

from portal.api.schemas import INPUTS
from portal.validation import ValidationFailed


class BadRequest(Exception):
    """The body is not a JSON object at all (as opposed to invalid fields: 422)."""


DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# JSON Schema keywords whose failures are about the JSON itself (type, range, format,
# size), refused here with the code the services use. The other rules (required,
# choices, non-empty, at least one goal or questionnaire) the services check
# themselves, together with the rules that need the database.
STRICT = {"type": "invalid", "minimum": "invalid", "maximum": "invalid", "format": "invalid_date",
          "maxLength": "too_long"}  # fmt: skip
formats = FormatChecker(formats=())


@formats.checks("date", raises=ValueError)
def _is_day(value) -> bool:
    """RFC 3339 full-date only (Python's fromisoformat also takes 20300101)."""
    return not isinstance(value, str) or (DAY.fullmatch(value) is not None and bool(date.fromisoformat(value)))


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not JSON")


def _parse() -> object:
    if not request.is_json:
        raise BadRequest
    try:
        return json.loads(request.get_data(), parse_constant=_refuse_constant)
    except (ValueError, RecursionError):
        raise BadRequest from None


@cache
def _validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(INPUTS[name], format_checker=formats)


def _path(parts) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else f"{'.' if text else ''}{part}"
    return text


def _json_type(value) -> str:
    if isinstance(value, bool) or value is None:
        return repr(value)
    return "number" if isinstance(value, int | float) else type(value).__name__


def _code(error) -> str | None:
    """The code for a failure this module refuses, or None to leave the rule to the service."""
    if error.validator == "pattern":
        return None if error.validator_value == r"\S" else "invalid_date"
    if error.validator == "enum":
        # "3" for a level, or 7 for an outcome: the wrong JSON type, which a form could not send.
        wrong_type = {_json_type(value) for value in error.validator_value}.isdisjoint({_json_type(error.instance)})
        return "invalid" if wrong_type else None
    return STRICT.get(error.validator)


def _bad_text(text: str) -> bool:
    if "\x00" in text:
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _unstorable(node, parts=()) -> str | None:
    """The path of the first text no database can store as text: a NUL character, or half
    of a UTF-16 surrogate pair (JSON allows both; PostgreSQL refuses them)."""
    if isinstance(node, str):
        return (_path(parts) or "body") if _bad_text(node) else None
    if isinstance(node, dict):
        if any(_bad_text(key) for key in node):
            return _path(parts) or "body"
        children = node.items()
    else:
        children = enumerate(node) if isinstance(node, list) else ()
    for key, value in children:
        found = _unstorable(value, (*parts, key))
        if found:
            return found
    return None


def checked_body(schema_name: str) -> dict:
    """The request's JSON object, valid against the document's `schema_name`; else 400 or 422."""
    data = _parse()
    if not isinstance(data, dict):
        raise BadRequest
    bad_text = _unstorable(data)
    if bad_text:
        raise ValidationFailed({bad_text: "invalid"})
    errors: dict[str, str] = {}
    try:
        found = list(_validator(schema_name).iter_errors(data))
    except RecursionError:
        raise BadRequest from None
    for error in sorted(found, key=lambda e: [str(part) for part in e.absolute_path]):
        code = _code(error)
        if code:
            errors.setdefault(_path(error.absolute_path) or "body", code)
    if errors:
        raise ValidationFailed(errors)
    return data

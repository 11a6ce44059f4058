"""Fixtures for the ombud and data-rights tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def make_case(db, make_citizen, make_staff):
    """A whole published case (see tests/fixtures/person_case.py, whose builder this reuses)."""
    from tests.fixtures.person_case import build_case

    def make(citizen=None, officer=None, **kwargs):
        return build_case(db, citizen or make_citizen(), officer or make_staff(), **kwargs)

    return make

"""Fixtures for the ombud and data-rights tests.

TEMPORARY (until the lead wires `portal.proxies` and `portal.dataright` into
create_app and regenerates the migration): the schema comes straight from
the models, and the two capabilities are registered here if create_app
does not do it yet. Delete `database_url` and the registration then.
"""

from __future__ import annotations

import os

import pytest
from sqlalchemy import create_engine

from portal import create_app
from tests.conftest import _empty_tables


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    import portal.models  # noqa: F401 - every table on the metadata
    from portal.extensions import Base
    from tests.conftest import _database_url, _drop_schema, _own_schema

    for module in ("portal.api.models", "portal.casework.models"):
        __import__(module)
    base_url = _database_url(tmp_path_factory.mktemp("db-proxies"))
    schema = f"test_proxies_{os.getpid()}"
    url = _own_schema(base_url, schema) if base_url.startswith("postgresql") else base_url
    engine = create_engine(url)
    Base.metadata.create_all(engine)
    engine.dispose()
    yield url
    if base_url.startswith("postgresql"):
        _drop_schema(base_url, schema)


def wire(app):
    """Register the ombud, data-rights and citizen-case capabilities if create_app does not yet."""
    from portal import citizen_case, dataright, proxies

    for name, package in (("proxies", proxies), ("dataright", dataright),
                          ("citizen_case", citizen_case)):
        if name not in app.blueprints:
            package.init_app(app)
    return app


@pytest.fixture
def app(app_config, instance_dir):
    app = wire(create_app(app_config))
    app.instance_path = str(instance_dir)
    yield app
    _empty_tables(app)
    app.extensions["db_engine"].dispose()


@pytest.fixture
def make_case(db, make_citizen, make_staff):
    """A whole published case (see tests/citizen_case/conftest.py, whose builder this reuses)."""
    from tests.citizen_case.conftest import build_case

    def make(citizen=None, officer=None, **kwargs):
        return build_case(db, citizen or make_citizen(), officer or make_staff(), **kwargs)

    return make

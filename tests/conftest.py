"""Shared fixtures: the app on the test database, and factories that read like the product.

The database is chosen by PORTAL_TEST_DATABASE: "sqlite" (default) or
"postgresql" (127.0.0.1:5432, database test, or PORTAL_TEST_POSTGRES_URL).
A database that does not answer is a failure, never a skip.
"""

from __future__ import annotations

import os
from datetime import date, timedelta
from itertools import count

import pytest
from sqlalchemy import create_engine, text

from portal import create_app, migrate
from portal.config import RATE_LIMITS
from portal.db import get_session
from portal.extensions import Base

POSTGRES_URL = os.environ.get(
    "PORTAL_TEST_POSTGRES_URL", "postgresql+psycopg://root@127.0.0.1:5432/test"
)
_serials = count(1)


def _database_url(tmp_dir) -> str:
    kind = os.environ.get("PORTAL_TEST_DATABASE", "sqlite")
    if kind == "sqlite":
        return f"sqlite:///{tmp_dir / 'test.sqlite'}"
    if kind == "postgresql":
        return POSTGRES_URL
    raise pytest.UsageError(f"PORTAL_TEST_DATABASE must be sqlite or postgresql, not {kind!r}")


def _own_schema(url: str, schema: str) -> str:
    """Create `schema` in the PostgreSQL database and return a URL that uses it.

    Each test run gets its own schema in the `test` database, so two runs on
    one machine (a developer's and CI's) never truncate each other's tables.
    """
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options=-csearch_path%3D{schema}"


def _drop_schema(url: str, schema: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    engine.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    """A fresh database, migrated to head once per test run."""
    base_url = _database_url(tmp_path_factory.mktemp("db"))
    if not base_url.startswith("postgresql"):
        migrate.upgrade(base_url)
        yield base_url
        return
    schema = f"test_run_{os.getpid()}"
    url = _own_schema(base_url, schema)
    migrate.upgrade(url)
    yield url
    _drop_schema(base_url, schema)


@pytest.fixture(scope="session")
def instance_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("instance")


def make_config(database_url: str, instance_dir, **overrides) -> dict:
    config = {
        "PORTAL_ENV": "test",
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-that-is-long-enough-0123456789",
        "DATABASE_URL": database_url,
        "DEV_FEATURES": True,
        "DEVIDP_INSTANT": True,
        "DEVIDP_DATABASE_URL": f"sqlite:///{instance_dir / 'devidp.sqlite'}",
        "WTF_CSRF_ENABLED": True,
        "SESSION_COOKIE_SECURE": False,
        # Rate limits no ordinary test reaches; tests of the limits set tight ones.
        **{name: "100000 per minute" for name in RATE_LIMITS},
        "API_MAX_LIVE_TOKENS": 1000,
    }
    config.update(overrides)
    return config


@pytest.fixture
def app_config(database_url, instance_dir):
    """Override in a test module to change settings before the app is built."""
    return make_config(database_url, instance_dir)


@pytest.fixture
def app(app_config, instance_dir):
    app = create_app(app_config, instance_path=str(instance_dir))
    yield app
    _empty_tables(app)
    app.extensions["db_engine"].dispose()


def _empty_tables(app) -> None:
    """Each test starts from empty tables (faster than re-migrating)."""
    engine = app.extensions["db_engine"]
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in reversed(Base.metadata.sorted_tables):
                connection.execute(table.delete())


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def db(app):
    """A session inside an app context, for arranging data and checking results."""
    with app.app_context():
        yield get_session()


# -- factories ---------------------------------------------------------------


@pytest.fixture
def make_citizen(app, db):
    from portal.domain.personnummer import make_test_personnummer, parse_personnummer
    from portal.people.services import find_or_create_citizen

    def make(given_name="Anna", family_name="Andersson", birth=date(1950, 1, 1), **fields):
        serial = f"98{next(_serials) % 10}"
        pnr = parse_personnummer(make_test_personnummer(birth + timedelta(days=next(_serials)), serial))
        citizen = find_or_create_citizen(pnr, given_name, family_name)
        for name, value in fields.items():
            setattr(citizen, name, value)
        db.commit()
        citizen.personnummer = pnr.canonical  # for tests that log in by number
        return citizen

    return make


@pytest.fixture
def make_staff(app, db):
    from portal.domain.personnummer import make_test_personnummer, parse_personnummer
    from portal.people.services import get_or_create_unit, upsert_staff

    def make(given_name="Eva", family_name="Ek", role="case_officer", unit_code="norr"):
        pnr = parse_personnummer(make_test_personnummer(date(1980, 1, 1) + timedelta(days=next(_serials)), "985"))
        unit = get_or_create_unit(unit_code, f"Enhet {unit_code}")
        staff = upsert_staff(pnr, given_name, family_name, role, unit)
        db.commit()
        staff.personnummer = pnr.canonical
        return staff

    return make


@pytest.fixture
def make_application(app, db):
    from portal.applications.models import Application, NeedDescription
    from portal.domain.states import ApplicationStatus

    def make(citizen, status=ApplicationStatus.DRAFT, unit=None, life_areas=("d5",), **fields):
        application = Application(
            citizen_id=citizen.id, status=status.value, unit_id=unit.id if unit else None, **fields
        )
        application.needs = [
            NeedDescription(life_area=code, position=i) for i, code in enumerate(life_areas)
        ]
        db.add(application)
        db.commit()
        return application

    return make


@pytest.fixture
def make_proxy_authority(app, db):
    from portal.domain.vocabulary import ProxyKind
    from portal.proxies.models import ProxyAuthority

    def make(citizen, proxy, scopes, kind=ProxyKind.POWER_OF_ATTORNEY, **fields):
        fields.setdefault("valid_from", date.today() - timedelta(days=1))
        fields.setdefault("valid_to", date.today() + timedelta(days=365))
        authority = ProxyAuthority(
            citizen_id=citizen.id, proxy_id=proxy.id, kind=kind.value,
            scopes=[s.value for s in scopes], **fields,
        )
        db.add(authority)
        db.commit()
        return authority

    return make


@pytest.fixture
def login_as(client):
    """Put a logged-in person in the test client's session (no OIDC round trip).

    Tests of the login itself go through the real flow; this is for tests of
    what a logged-in person may do.
    """
    from portal.access.actor import SESSION_ACTING_FOR, SESSION_CITIZEN, SESSION_STAFF

    def login(person, acting_for=None, staff=False):
        _forget_cached_csrf_token()
        with client.session_transaction() as session:
            session.clear()
            if staff:
                session[SESSION_STAFF] = person.id
            else:
                session[SESSION_CITIZEN] = person.id
            if acting_for is not None:
                session[SESSION_ACTING_FOR] = acting_for.id
        return client

    return login


def _forget_cached_csrf_token() -> None:
    """Flask-WTF caches the token on `g`; the `db` fixture's app context outlives
    requests in tests, so a new login must not reuse the previous person's token."""
    from flask import g, has_app_context

    if has_app_context():
        g.pop("csrf_token", None)


def csrf_token(client, path="/") -> str:
    """The CSRF token a page would give the browser."""
    import re

    _forget_cached_csrf_token()
    page = client.get(path).get_data(as_text=True)
    match = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert match, "page has no CSRF token"
    return match.group(1)

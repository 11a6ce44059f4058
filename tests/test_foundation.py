"""The skeleton: configuration, health, security headers, errors, CSRF, migrations, demo data."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, func, inspect, select, text

from portal import create_app
from portal.config import ConfigError, check_production
from portal.extensions import Base


def production_config(**overrides):
    config = {
        "PORTAL_ENV": "production",
        "SECRET_KEY": "Zq8v2LmT0xWcRbN5yHkD3fJpA7sUeG1oQ9iV4tKw",
        "PORTAL_DATA_KEY": "b3Xr9KfN2qLwT7mYcV0zHs5DjP8aUe4GiR1oEt6B",
        "DEV_FEATURES": False,
        "TESTING": False,
        "SESSION_COOKIE_SECURE": True,
        "PORTAL_OIDC_ISSUER": "https://idp.example.test",
        "PORTAL_OIDC_CLIENT_SECRET": "c" * 32,
        "DATABASE_URL": "postgresql+psycopg://portal@db/portal",
        "PORTAL_PUBLIC_URL": "https://stod.example.se",
        "TRUSTED_HOSTS": ["stod.example.se"],
        "PORTAL_STAFF_OIDC_ISSUER": "https://login.example.se",
        "PORTAL_STAFF_OIDC_CLIENT_SECRET": "d" * 32,
        "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379",
    }
    config.update(overrides)
    return config


@pytest.mark.parametrize(
    ("override", "says"),
    [
        ({"SECRET_KEY": None}, "SECRET_KEY"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY"),
        ({"PORTAL_DATA_KEY": None}, "PORTAL_DATA_KEY"),
        ({"DEV_FEATURES": True}, "PORTAL_DEV_FEATURES"),
        ({"TESTING": True}, "TESTING"),
        ({"SESSION_COOKIE_SECURE": False}, "Secure"),
        ({"PORTAL_OIDC_ISSUER": None}, "PORTAL_OIDC_ISSUER"),
        ({"PORTAL_OIDC_CLIENT_SECRET": None}, "PORTAL_OIDC_CLIENT_SECRET"),
        ({"DATABASE_URL": "sqlite:///x.db"}, "PostgreSQL"),
    ],
)
def test_production_refuses_unsafe_settings_in_one_line(override, says):
    with pytest.raises(ConfigError) as error:
        check_production(production_config(**override))
    assert says in str(error.value) and "\n" not in str(error.value)


def test_production_with_safe_settings_starts():
    check_production(production_config())


def test_app_refuses_to_start_in_production_with_dev_features(database_url, instance_dir):
    with pytest.raises(ConfigError):
        create_app(production_config(DATABASE_URL=database_url, DEV_FEATURES=True))


def test_healthz_and_readyz_answer_json(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.get_json()["database"] == "up"


def test_readyz_is_503_when_the_database_does_not_answer(app_config, instance_dir):
    app = create_app({**app_config, "DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:1/none"})
    response = app.test_client().get("/readyz")
    assert response.status_code == 503 and response.get_json()["database"] == "down"


def test_security_headers_on_every_page(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["Cache-Control"] == "no-store"


def test_pages_have_no_inline_scripts_or_styles(client):
    for path in ("/", "/tillganglighet", "/personuppgifter", "/finns-inte"):
        page = client.get(path).get_data(as_text=True)
        assert "<script>" not in page and " style=" not in page and " onclick=" not in page


def test_post_without_csrf_token_is_refused_with_a_clear_page(client):
    response = client.post("/sprak", data={"locale": "en", "next": "/"})
    assert response.status_code == 400
    assert "Sidan hade varit öppen för länge" in response.get_data(as_text=True)


def test_language_switch_never_redirects_elsewhere(client):
    from tests.conftest import csrf_token

    token = csrf_token(client)
    for evil in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        response = client.post("/sprak", data={"locale": "en", "next": evil, "csrf_token": token})
        assert response.status_code == 303 and response.headers["Location"] == "/"


@pytest.mark.parametrize(("path", "code", "words"), [("/finns-inte", 404, "Sidan finns inte")])
def test_error_pages_are_in_easy_swedish(client, path, code, words):
    response = client.get(path)
    assert response.status_code == code
    page = response.get_data(as_text=True)
    assert words in page and 'lang="sv"' in page


def test_unexpected_error_shows_the_500_page_without_details(app, client):
    @app.get("/boom-for-test")
    def boom():
        raise RuntimeError("secret detail 19420517-9825")

    response = client.get("/boom-for-test")
    page = response.get_data(as_text=True)
    assert response.status_code == 500 and "Något blev fel hos oss" in page
    assert "secret detail" not in page


def test_models_and_migrations_agree(database_url):
    engine = create_engine(database_url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert differences == []


def test_every_model_table_exists_after_migration(database_url):
    engine = create_engine(database_url)
    tables = set(inspect(engine).get_table_names())
    engine.dispose()
    assert set(Base.metadata.tables) <= tables


def test_demo_seed_twice_creates_nothing_twice(app, db):
    from portal.applications.models import Application
    from portal.db import get_session
    from portal.demo import seed
    from portal.people.models import Citizen

    for _ in range(2):
        with app.app_context():
            summary = seed()
            get_session().commit()
    assert "nothing" in summary
    assert db.scalar(select(func.count()).select_from(Citizen)) == 8  # 4 demo logins, 4 more in Eva's caseload
    assert db.scalar(select(func.count()).select_from(Application)) == 6


def test_personnummer_is_not_readable_in_the_database(app, db, make_citizen):
    citizen = make_citizen()
    raw = db.execute(text("SELECT * FROM citizen WHERE id = :id"), {"id": citizen.id}).one()
    dump = " ".join(str(value) for value in raw)
    assert citizen.personnummer not in dump and citizen.personnummer[2:] not in dump
    with app.app_context():
        from portal.people.identity import decrypt_pnr

        assert decrypt_pnr(raw._mapping["pnr_encrypted"]) == citizen.personnummer

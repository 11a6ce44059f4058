"""Configuration fails closed (issue 11, finding 9): production unless told
otherwise, strong distinct keys, a configured address, no silent fallbacks."""

from __future__ import annotations

import secrets

import pytest
import requests
from sqlalchemy import func, select

from portal import create_app
from portal.auth import oidc
from portal.config import ConfigError, check_production, load_config
from portal.people.models import Citizen
from tests.test_foundation import production_config


def refusal(**override) -> str:
    with pytest.raises(ConfigError) as error:
        check_production(production_config(**override))
    assert "\n" not in str(error.value)
    return str(error.value)


def test_without_portal_env_the_portal_is_production(monkeypatch, tmp_path, database_url):
    monkeypatch.delenv("PORTAL_ENV", raising=False)

    assert load_config(tmp_path)["PORTAL_ENV"] == "production"
    assert load_config(tmp_path)["DEV_FEATURES"] is False
    with pytest.raises(ConfigError):  # no simulated BankID: it does not start at all
        create_app({"DATABASE_URL": database_url}, instance_path=str(tmp_path))


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("PORTAL_DATA_KEY", "x"),
        ("SECRET_KEY", "x" * 32),
        ("PORTAL_DATA_KEY", "k" * 64),
        ("SECRET_KEY", "ab" * 32),
        ("SECRET_KEY", "password" * 4),
    ],
)
def test_production_refuses_weak_keys(name, value):
    assert name in refusal(**{name: value})


def test_production_refuses_the_same_key_twice():
    key = secrets.token_urlsafe(48)
    assert "differ" in refusal(SECRET_KEY=key, PORTAL_DATA_KEY=key)


def test_production_accepts_random_keys():
    check_production(production_config(SECRET_KEY=secrets.token_hex(32),
                                       PORTAL_DATA_KEY=secrets.token_urlsafe(32)))


@pytest.mark.parametrize(
    ("override", "says"),
    [
        ({"PORTAL_PUBLIC_URL": None}, "PORTAL_PUBLIC_URL"),
        ({"PORTAL_PUBLIC_URL": "http://stod.example.se"}, "PORTAL_PUBLIC_URL"),
        ({"TRUSTED_HOSTS": None}, "TRUSTED_HOSTS"),
        ({"TRUSTED_HOSTS": ["other.example.se"]}, "TRUSTED_HOSTS"),
        ({"PORTAL_STAFF_OIDC_ISSUER": None}, "PORTAL_STAFF_OIDC_ISSUER"),
        ({"PORTAL_STAFF_OIDC_CLIENT_SECRET": None}, "PORTAL_STAFF_OIDC_CLIENT_SECRET"),
        ({"RATELIMIT_STORAGE_URI": "memory://"}, "PORTAL_RATELIMIT_STORAGE_URI"),
    ],
)
def test_production_needs_its_address_and_the_staff_provider(override, says):
    assert says in refusal(**override)


def test_trusted_hosts_come_from_the_public_url(monkeypatch, tmp_path):
    monkeypatch.setenv("PORTAL_PUBLIC_URL", "https://stod.example.se/")
    monkeypatch.delenv("PORTAL_TRUSTED_HOSTS", raising=False)

    assert load_config(tmp_path, "production")["TRUSTED_HOSTS"] == ["stod.example.se"]
    assert "evil.example" not in load_config(tmp_path, "development")["TRUSTED_HOSTS"]


@pytest.mark.parametrize("path", ["/", "/logga-in", "/handlaggare/logga-in", "/api/v1/openapi.json"])
def test_a_request_naming_another_host_is_refused(client, path, monkeypatch):
    """In development a Host header once made the portal fetch discovery from that host."""
    fetched = []

    def record(url, *args, **kwargs):
        fetched.append(url)
        raise requests.ConnectionError

    monkeypatch.setattr(oidc.requests, "get", record)
    response = client.get(path, headers={"Host": "attacker.example"})

    assert response.status_code == 400
    assert fetched == []
    assert "attacker.example" not in response.get_data(as_text=True)
    assert "attacker.example" not in response.headers.get("Location", "")


@pytest.fixture
def public_url_config(app_config):
    return {**app_config, "PORTAL_PUBLIC_URL": "https://stod.example.se",
            "TRUSTED_HOSTS": ["stod.example.se", "localhost", "127.0.0.1"]}


def test_links_use_the_public_url_not_the_host_header(public_url_config, instance_dir):
    app = create_app(public_url_config, instance_path=str(instance_dir))
    try:
        document = app.test_client().get("/api/v1/openapi.json", base_url="http://127.0.0.1").get_json()
    finally:
        app.extensions["db_engine"].dispose()

    assert document["servers"] == [{"url": "https://stod.example.se/api/v1"}]


def test_demo_data_is_refused_in_production(monkeypatch, database_url, instance_dir):
    monkeypatch.setenv("PORTAL_ALLOW_SQLITE", "1")
    app = create_app(production_config(DATABASE_URL=database_url), instance_path=str(instance_dir))
    try:
        result = app.test_cli_runner().invoke(args=["demo", "seed"])
        with app.extensions["db_engine"].connect() as connection:
            citizens = connection.execute(select(func.count()).select_from(Citizen)).scalar_one()
    finally:
        app.extensions["db_engine"].dispose()

    assert result.exit_code != 0
    assert "refused in production" in result.output and result.output.count("\n") == 1
    assert citizens == 0

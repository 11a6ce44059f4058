"""Rate limits on every POST and on documents, shared through Redis, by the real
client address behind trusted proxies (issue 11, finding 10)."""

from __future__ import annotations

import uuid

import pytest
import redis
from sqlalchemy import func, select

from portal import create_app
from portal.access.actor import SESSION_CITIZEN
from portal.auth.models import WebSession
from tests.conftest import _empty_tables, csrf_token, make_config

REDIS = "redis://127.0.0.1:6379"


@pytest.fixture
def app_config(database_url, instance_dir):
    return make_config(database_url, instance_dir, RATELIMIT_POST="3 per minute",
                       RATELIMIT_DOCUMENTS="2 per minute")


@pytest.fixture
def own_app(app_config, instance_dir):
    """Apps with other settings; their rows are removed afterwards like the `app` fixture's."""
    made = []

    def make(**overrides):
        made.append(create_app({**app_config, **overrides}, instance_path=str(instance_dir)))
        return made[-1]

    yield make
    for app in made:
        _empty_tables(app)
        app.extensions["db_engine"].dispose()


def switch_language(client) -> int:
    token = csrf_token(client, "/tillganglighet")
    return client.post("/sprak", data={"csrf_token": token, "locale": "sv", "next": "/"}).status_code


def test_every_post_is_limited_per_session(app, client, login_as, make_citizen):
    login_as(make_citizen())
    other = app.test_client()

    assert [switch_language(client) for _ in range(4)] == [303, 303, 303, 429]
    # Another person's session from the same office address is not held back.
    with other.session_transaction() as session:
        session[SESSION_CITIZEN] = make_citizen("Bo", "Berg").id
    assert switch_language(other) == 303


def test_extracts_are_limited_per_session(client, login_as, make_citizen):
    login_as(make_citizen())

    statuses = [client.get("/mina-uppgifter/utdrag.json").status_code for _ in range(3)]

    assert statuses == [200, 200, 429]


@pytest.fixture
def redis_prefix():
    prefix = f"mittstod-test-{uuid.uuid4().hex}"
    yield prefix
    connection = redis.Redis.from_url(REDIS)
    for key in connection.scan_iter(f"*{prefix}*"):
        connection.delete(key)


def test_workers_share_the_counts_through_redis(own_app, redis_prefix):
    workers = [own_app(RATELIMIT_STORAGE_URI=REDIS, RATELIMIT_KEY_PREFIX=redis_prefix,
                       RATELIMIT_LOGIN="4 per minute") for _ in range(2)]

    limited = [workers[n % 2].test_client().get("/logga-in").status_code == 429 for n in range(6)]

    assert limited == [False] * 4 + [True] * 2


@pytest.mark.parametrize(("proxies", "expected"), [(0, [False, False, True]), (1, [False] * 3)])
def test_the_address_comes_from_trusted_proxies_only(own_app, proxies, expected):
    client = own_app(RATELIMIT_LOGIN="2 per minute", TRUSTED_PROXIES=proxies).test_client()

    limited = [client.get("/logga-in", headers={"X-Forwarded-For": f"192.0.2.{n}"}).status_code == 429
               for n in range(3)]

    assert limited == expected  # without a trusted proxy, a forged header changes nothing


def test_cookieless_requests_for_personal_pages_make_only_a_few_rows(own_app):
    app = own_app(RATELIMIT_NEW_SESSIONS="3 per minute")

    statuses = [app.test_client().get("/mitt-stod").status_code for _ in range(8)]
    with app.extensions["db_engine"].connect() as connection:
        rows = connection.execute(select(func.count()).select_from(WebSession)).scalar_one()

    assert statuses == [303] * 8  # still sent to log in, only not remembered
    assert rows == 3


def test_limits_hold_and_pages_answer_when_redis_is_down(own_app):
    client = own_app(RATELIMIT_STORAGE_URI="redis://127.0.0.1:1", RATELIMIT_LOGIN="2 per minute").test_client()

    limited = [client.get("/logga-in").status_code == 429 for _ in range(3)]

    assert limited == [False, False, True]
    assert client.get("/").status_code == 200

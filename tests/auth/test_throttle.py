"""Login starts and OIDC callbacks are throttled per address (issue 11, finding 10)."""

from __future__ import annotations

import pytest

from tests.conftest import make_config

from .conftest import access_log


@pytest.fixture
def app_config(database_url, instance_dir, provider):
    return make_config(database_url, instance_dir, PORTAL_OIDC_ISSUER=provider.url,
                       RATELIMIT_LOGIN="5 per minute", RATELIMIT_CALLBACK_FAILURES="3 per minute")


def test_login_starts_get_a_plain_429_page_after_the_limit(client):
    statuses = [client.get(path).status_code for path in ["/logga-in", "/handlaggare/logga-in"] * 4]
    refused = client.get("/logga-in")

    assert statuses == [303] * 5 + [429] * 3
    assert "För många försök" in refused.get_data(as_text=True)
    assert int(refused.headers["Retry-After"]) > 0


def test_refused_callbacks_cannot_flood_the_log(app, client):
    statuses = [client.get(f"/auth/callback?state=forged-{n}&code=x").status_code for n in range(20)]

    assert statuses == [400] * 3 + [429] * 17
    assert len(access_log(app, "login_failed")) == 3

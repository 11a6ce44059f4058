"""Login and logout through an independent, certified OpenID Provider on another origin
(issue 16): panva's oidc-provider, set up as the Swedish OIDC profile has it.

The main journey runs in Chromium (the portal's CSP and the cross-origin logout
are browser matters); the variants walk the same login over plain HTTP.
"""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
import requests
from joserfc.jwk import ECKey
from playwright.sync_api import expect

from portal.auth import oidc
from tests.auth.conftest import GOOD_PNR, access_log
from tests.interop.certified_op import CertifiedProvider, log_in_over_http

pytestmark = pytest.mark.browser

PERSON = {"pnr": GOOD_PNR, "given_name": "Tove", "family_name": "Lindqvist"}
SECRET = "interop-secret"


@pytest.fixture(scope="module")
def certified_op_process():
    """One Node process for the module; each test sets it up for its variant."""
    op = CertifiedProvider(PERSON)
    yield op
    op.stop()


@pytest.fixture
def certified_op(live_server, certified_op_process):
    """Set the provider up for a variant and point the served portal's citizen login at it."""
    op = certified_op_process

    def start(portal_settings: dict | None = None, **variant) -> CertifiedProvider:
        op.configure(live_server.url, **variant)
        oidc.clear_caches()
        live_server.app.config.update({
            "PORTAL_OIDC_ISSUER": op.issuer, "PORTAL_OIDC_CLIENT_ID": "mitt-stod",
            "PORTAL_OIDC_CLIENT_SECRET": SECRET, "PORTAL_OIDC_PRIVATE_KEY": None,
            "PORTAL_OIDC_TOKEN_AUTH_METHOD": None, **(portal_settings or {}),
        })
        return op

    yield start
    oidc.clear_caches()


def _logged_in(http: requests.Session, live_server, response) -> bool:
    assert response.status_code == 303, response.text
    page = http.get(live_server.url + response.headers["Location"], timeout=10)
    return "Tove Lindqvist" in page.text


def _refusal(live_server, response) -> str:
    assert response.status_code == 400
    return access_log(live_server.app, "login_failed")[-1].reason_code


def test_log_in_and_out_through_a_provider_on_another_origin(page, live_server, certified_op):
    op = certified_op()
    csp_reports = []
    page.on("console", lambda message: csp_reports.append(message.text)
            if "Content Security Policy" in message.text else None)

    page.goto(live_server.url + "/mitt-stod")
    page.get_by_role("button", name="Logga in som Tove").click()
    page.wait_for_url(re.compile(re.escape(live_server.url) + r"/mitt-stod$"))
    expect(page.locator(".site-header")).to_contain_text("Tove Lindqvist")

    page.locator(".site-header").get_by_role("button", name="Logga ut").click()
    # The provider asks, on its own origin, whether to end its session too.
    page.wait_for_url(re.compile(re.escape(op.issuer) + "/session/end"))
    page.get_by_role("button", name="Ja, logga ut mig").click()
    page.wait_for_url(live_server.url + "/utloggad")
    expect(page.get_by_role("heading", level=1)).to_have_text("Du är utloggad")
    expect(page.locator(".site-header")).not_to_contain_text("Tove Lindqvist")

    # The provider's session ended too: the next visit asks for a login again.
    page.goto(live_server.url + "/mitt-stod")
    expect(page.get_by_role("button", name="Logga in som Tove")).to_be_visible()
    assert page.url.startswith(op.issuer + "/interaction/")
    assert csp_reports == []


def test_leaving_page_works_without_javascript(no_js_page, live_server, certified_op):
    op = certified_op(portal_settings={"PORTAL_OIDC_LOGOUT_METHOD": "post"})
    no_js_page.goto(live_server.url + "/logga-in")
    no_js_page.get_by_role("button", name="Logga in som Tove").click()
    no_js_page.wait_for_url(live_server.url + "/mitt-stod")

    no_js_page.locator(".site-header").get_by_role("button", name="Logga ut").click()
    expect(no_js_page.get_by_role("heading", level=1)).to_have_text(
        "Du är utloggad från Mitt stöd")
    no_js_page.get_by_role("button", name="Fortsätt").click()
    no_js_page.wait_for_url(re.compile(re.escape(op.issuer) + "/session/end"))
    no_js_page.get_by_role("button", name="Ja, logga ut mig").click()

    no_js_page.wait_for_url(live_server.url + "/utloggad")


@pytest.mark.parametrize("variant", [
    pytest.param({"claims_in_id_token": False}, id="claims-only-in-userinfo"),
    pytest.param({"client": {"client_secret": SECRET, "id_token_signed_response_alg": "ES256"}},
                 id="es256-id-token"),
    pytest.param({"client": {"client_secret": SECRET,
                             "token_endpoint_auth_method": "client_secret_post"}},
                 id="client-secret-post"),
])
def test_login_variants(live_server, certified_op, variant):
    settings = {}
    method = variant.get("client", {}).get("token_endpoint_auth_method")
    if method:
        settings["PORTAL_OIDC_TOKEN_AUTH_METHOD"] = method
    certified_op(portal_settings=settings, **variant)
    http = requests.Session()

    assert _logged_in(http, live_server, log_in_over_http(http, live_server.url))


def test_private_key_jwt(live_server, certified_op, tmp_path):
    key = ECKey.generate_key("P-256", private=True, auto_kid=True)
    key_file = tmp_path / "client-key.json"
    key_file.write_text(json.dumps(key.as_dict(private=True)))
    certified_op(
        client={"token_endpoint_auth_method": "private_key_jwt",
                "jwks": {"keys": [key.as_dict(private=False)]}},
        portal_settings={"PORTAL_OIDC_CLIENT_SECRET": None,
                         "PORTAL_OIDC_PRIVATE_KEY": str(key_file)},
    )
    http = requests.Session()

    assert _logged_in(http, live_server, log_in_over_http(http, live_server.url))


def test_key_rotation_at_the_provider(live_server, certified_op):
    op = certified_op()
    before = requests.Session()
    assert _logged_in(before, live_server, log_in_over_http(before, live_server.url))

    op.rotate_keys()
    after = requests.Session()

    assert _logged_in(after, live_server, log_in_over_http(after, live_server.url))


def test_missing_acr_is_refused(live_server, certified_op):
    certified_op(acr=None)

    response = log_in_over_http(requests.Session(), live_server.url)

    assert _refusal(live_server, response) == "wrong_acr"


def _with_iss(value: str | None):
    def tamper(url: str) -> str:
        parts = urlsplit(url)
        query = [(k, v) for k, v in parse_qsl(parts.query) if k != "iss"]
        if value is not None:
            query.append(("iss", value))
        return parts._replace(query=urlencode(query)).geturl()

    return tamper


@pytest.mark.parametrize(("iss", "reason"), [
    ("https://evil.example", "wrong_response_iss"),
    (None, "missing_response_iss"),
])
def test_wrong_or_missing_iss_in_the_callback_is_refused(live_server, certified_op, iss, reason):
    """RFC 9207: the provider says it sends `iss`, so a mix-up shows in it."""
    certified_op()

    response = log_in_over_http(requests.Session(), live_server.url, tamper=_with_iss(iss))

    assert _refusal(live_server, response) == reason


def test_without_the_profile_scope_no_personnummer_comes(live_server, certified_op):
    """Why the portal asks for the Swedish profile's scope (issue 16, point 1)."""
    certified_op(portal_settings={"PORTAL_OIDC_SCOPES": ("openid", "profile")})

    response = log_in_over_http(requests.Session(), live_server.url)

    assert _refusal(live_server, response) == "missing_personnummer"

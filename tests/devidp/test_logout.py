"""RP-initiated logout: back to the client only on paths it registered."""

from __future__ import annotations

from urllib.parse import urlencode

from .conftest import CLIENT_ID, query_of


def _id_token(log_in, exchange) -> str:
    attempt, query = log_in()
    return exchange(query["code"], attempt.verifier).get_json()["id_token"]


def test_logout_redirects_to_a_registered_path_with_state(client, log_in, exchange):
    params = {"id_token_hint": _id_token(log_in, exchange),
              "post_logout_redirect_uri": "http://localhost/", "state": "abc123"}

    response = client.get("/dev-idp/logout?" + urlencode(params))

    assert response.status_code == 303
    assert response.headers["Location"].startswith("http://localhost/?")
    assert query_of(response.headers["Location"]) == {"state": "abc123"}


def test_logout_revokes_the_access_token(client, log_in, exchange):
    attempt, query = log_in()
    token = exchange(query["code"], attempt.verifier).get_json()

    client.get("/dev-idp/logout?" + urlencode({"id_token_hint": token["id_token"]}))

    userinfo = client.get("/dev-idp/userinfo",
                          headers={"Authorization": f"Bearer {token['access_token']}"})
    assert userinfo.status_code == 401


def test_logout_never_redirects_to_an_unregistered_place(client, log_in, exchange):
    id_token = _id_token(log_in, exchange)
    for uri in ("https://evil.example/", "http://localhost/other", "http://localhost/?x=1",
                "http://localhost:9999/"):
        params = {"id_token_hint": id_token, "post_logout_redirect_uri": uri}

        response = client.get("/dev-idp/logout?" + urlencode(params))

        assert response.status_code == 200, uri
        assert "Location" not in response.headers
        assert "Du är utloggad" in response.get_data(as_text=True)


def test_logout_without_a_valid_id_token_does_not_redirect(client):
    for params in ({"post_logout_redirect_uri": "http://localhost/"},
                   {"id_token_hint": "not.a.token", "post_logout_redirect_uri": "http://localhost/"}):
        response = client.get("/dev-idp/logout?" + urlencode(params))

        assert "Location" not in response.headers


def test_logout_with_client_id_instead_of_the_id_token_goes_back(client):
    """The portal never puts the ID token (it carries the personnummer) in a URL."""
    params = {"client_id": CLIENT_ID, "post_logout_redirect_uri": "http://localhost/"}

    response = client.get("/dev-idp/logout?" + urlencode(params))

    assert response.headers["Location"] == "http://localhost/"
    evil = {**params, "post_logout_redirect_uri": "https://evil.example/"}
    assert "Location" not in client.get("/dev-idp/logout?" + urlencode(evil)).headers

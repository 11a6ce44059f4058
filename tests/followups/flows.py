"""Steps several follow-up tests take: a person answering every page, a handläggare scheduling one."""

from __future__ import annotations

import base64

from tests.conftest import csrf_token

QUALITY_KEYS = ("treatment", "listened_to", "told_about_changes", "trust", "enough_time", "feel_safe", "overall")
LIFE_KEYS = ("mood", "enjoyable_things", "someone_to_talk_to", "safe_at_home", "own_choices", "life_overall")


def answer_every_page(client, follow_up_id: int, who="self_with_help", goal_levels=("1", "none")) -> str:
    """Walk the pages as the person does, following each redirect, up to the receipt. Returns the receipt."""
    base = f"/uppfoljning/{follow_up_id}"
    token = csrf_token(client, base)
    answers = {"": {"filled_in_by": who},
               "/vad-hjalpte": {"helped_text": "Samma person varje gång."},
               "/stodet": {f"q_{k}": "4" for k in QUALITY_KEYS} | {"q_trust": "none"},
               "/livet": {f"q_{k}": "3" for k in LIFE_KEYS}}
    answers |= {f"/mal/{n}": {"attainment": "partly_achieved", "level_now": level}
                for n, level in enumerate(goal_levels, 1)}
    path = base
    while not path.endswith("/kontrollera"):
        page = client.get(path)
        assert page.status_code == 200, (path, page.get_data(as_text=True)[:300])
        response = client.post(path, data={"csrf_token": token, **answers[path.removeprefix(base)]})
        assert response.status_code == 303, (path, response.get_data(as_text=True)[:500])
        path = response.headers["Location"]
    assert "Skicka svaren" in client.get(path).get_data(as_text=True)
    sent = client.post(f"{base}/skicka", data={"csrf_token": token})
    assert sent.headers["Location"].endswith("/kvitto")
    return client.get(sent.headers["Location"]).get_data(as_text=True)


def api_headers(client, unit_id: int) -> dict:
    """A bearer token for a case-management system of the unit, with every scope."""
    from portal.api.auth import SCOPES, new_client
    from portal.db import get_session

    api_client, secret = new_client("Verksamhetssystemet", unit_id, list(SCOPES))
    get_session().commit()
    basic = base64.b64encode(f"{api_client.client_id}:{secret}".encode()).decode()
    response = client.post("/api/v1/token", data={"grant_type": "client_credentials"},
                           headers={"Authorization": f"Basic {basic}"})
    assert response.status_code == 200, response.get_data(as_text=True)
    return {"Authorization": f"Bearer {response.json['access_token']}"}

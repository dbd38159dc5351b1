"""Deny by default: every route of the app, for every visitor, against the declared table.

The matrix walks ``app.routes`` itself, so a route added without an entry in
``bot.web.access.ROUTES`` fails here, and so does an entry left behind for a removed route.
"""

from __future__ import annotations

import pytest
from fastapi.routing import APIRoute
from sqlalchemy import select
from starlette.routing import Mount

from bot.services import Services
from bot.store.models import AuditEntry, CallRequest
from bot.web.access import ANONYMOUS, EVERYONE, ROUTES, WHO
from bot.web.app import create_app
from bot.web.routes import admin, coach, evaluator

from web_support import CSRF_FIELD, add_staff, assign, browser, participant

# What each path parameter is filled with; see _world.
PARAMETERS = {"staff_id": "victim", "participant_id": "participant"}
# A body each POST accepts when allowed (what matters is only whether it is refused).
BODIES = {
    "/login": {"email": "nobody@example.org", "password": "not the password"},
    "/admin/staff": {
        "email": "new-{who}@example.org",
        "role": "coach",
        "password": "a long enough password",
        "password_again": "a long enough password",
    },
    "/admin/assignments": {"pseudonym_prefix": "{prefix}", "coach_id": "{coach}"},
    "/coach/participants/{participant_id}/calls/done": {"call_id": "{call}"},
    "/coach/participants/{participant_id}/notes": {"text": "Spoke about the rota"},
}


def _world(services: Services) -> dict[str, int | str]:
    ids: dict[str, int | str] = {
        "admin": add_staff(services, "admin@example.org", "admin"),
        "coach": add_staff(services, "coach@example.org", "coach"),
        "evaluator": add_staff(services, "evaluator@example.org", "evaluator"),
        "victim": add_staff(services, "victim@example.org", "evaluator"),
    }
    pid, driver = participant(services, "matrix-person")
    driver.command("/callme the rota")
    assign(services, pid, int(ids["coach"]))
    ids["participant"] = pid
    with services.database.transaction() as session:
        ids["call"] = session.scalars(select(CallRequest.id)).one()
    ids["prefix"] = services.conversation.pseudonym(transport="test", external_id="matrix-person")[
        :8
    ]
    return ids


def _refused(who: str, response) -> bool:
    if who == ANONYMOUS:
        return response.status_code == 303 and response.headers["location"] == "/login"
    return response.status_code == 403


def test_every_route_is_declared_and_every_declaration_is_a_route(services: Services) -> None:
    app = create_app(services)
    names = [route.name for route in app.routes if isinstance(route, APIRoute | Mount)]
    assert len(names) == len(set(names)), "route names must be unique: the table is keyed by them"
    assert len(names) == len(app.routes), "a route of an unknown kind"
    assert set(names) == set(ROUTES)


def test_route_by_role_matrix(services: Services) -> None:
    app = create_app(services)
    world = _world(services)
    wrong: list[str] = []
    for route in app.routes:
        if isinstance(route, Mount):
            assert ROUTES[route.name] == EVERYONE  # the stylesheet, and nothing else, is public
            for who in WHO:
                staff_id = None if who == ANONYMOUS else int(world[who])
                response = browser(app, services, staff_id).get("/static/style.css")
                if response.status_code != 200:
                    wrong.append(f"{who} GET /static/style.css -> {response.status_code}")
            continue
        assert isinstance(route, APIRoute)
        path = route.path
        for name, key in PARAMETERS.items():
            path = path.replace("{" + name + "}", str(world[key]))
        for method in sorted(route.methods):
            for who in WHO:
                client = browser(app, services, None if who == ANONYMOUS else int(world[who]))
                if method == "GET":
                    response = client.get(path)
                else:
                    if who == ANONYMOUS:  # the sign-in form's token, as a browser would have it
                        found = CSRF_FIELD.search(client.get("/login").text)
                        assert found is not None
                        client.csrf = found.group(1)
                    body = {
                        key: value.format(
                            who=who,
                            prefix=world["prefix"],
                            coach=world["coach"],
                            call=world["call"],
                        )
                        for key, value in BODIES.get(route.path, {}).items()
                    }
                    response = client.post(path, body)
                allowed = who in ROUTES[route.name]
                if _refused(who, response) == allowed:
                    wrong.append(
                        f"{who} {method} {route.path} -> {response.status_code} "
                        f"{response.headers.get('location', '')} (allowed: {allowed})"
                    )
    assert not wrong, "\n".join(wrong)


def test_a_route_missing_from_the_table_is_refused_to_everyone(services: Services) -> None:
    app = create_app(services)
    app.add_api_route("/forgotten", lambda: {"secret": 1}, methods=["GET"], name="forgotten")
    admin = add_staff(services, "admin@example.org", "admin")
    coach = add_staff(services, "coach@example.org", "coach")
    for staff_id in (None, admin, coach):
        response = browser(app, services, staff_id).get("/forgotten")
        assert response.status_code == 403
        assert "secret" not in response.text


def test_unknown_paths_and_methods_are_plain_refusals(services: Services) -> None:
    app = create_app(services)
    admin = browser(app, services, add_staff(services, "admin@example.org", "admin"))
    assert admin.get("/admin/nothing-here").status_code == 404
    assert admin.client.delete("/admin/staff").status_code == 405
    for path in ("/docs", "/redoc", "/openapi.json"):
        assert admin.get(path).status_code == 404


@pytest.mark.parametrize("role", ["admin", "evaluator"])
def test_other_roles_cannot_open_a_participant_page_at_all(services: Services, role: str) -> None:
    app = create_app(services)
    pid, _ = participant(services, "someone-else")
    coach = add_staff(services, "coach@example.org", "coach")
    assign(services, pid, coach)
    visitor = browser(app, services, add_staff(services, f"{role}@example.org", role))
    response = visitor.get(f"/coach/participants/{pid}")
    assert response.status_code == 403
    assert "Reflections" not in response.text
    with services.database.transaction() as session:
        assert session.scalars(select(AuditEntry.action)).all() == []


def test_the_table_keeps_each_audience_to_its_own_pages() -> None:
    """The policy itself, pinned: a slip in the table (not only in enforcing it) fails here."""
    public = {name for name, who in ROUTES.items() if ANONYMOUS in who}
    assert public == {"static", "login_form", "login"}
    for module, role in ((admin, "admin"), (coach, "coach"), (evaluator, "evaluator")):
        for route in module.router.routes:
            assert isinstance(route, APIRoute)
            assert ROUTES[route.name] == {role}, route.name

"""CSRF, cookies, security headers and escaping: the dashboard's defences, one by one."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import func, select

from bot.services import Services
from bot.settings import Settings
from bot.store.models import StaffSession, StaffUser
from bot.web.app import create_app
from bot.web.headers import CONTENT_SECURITY_POLICY
from bot.web.rendering import TEMPLATES

from web_support import PASSWORD, add_staff, browser, sign_in_through_form

NEW_STAFF = {
    "email": "new@example.org",
    "role": "admin",
    "password": "a long enough password",
    "password_again": "a long enough password",
}


def _staff_count(services: Services) -> int:
    with services.database.transaction() as session:
        return session.scalar(select(func.count()).select_from(StaffUser)) or 0


def test_forged_posts_without_the_csrf_token_are_refused(services: Services) -> None:
    app = create_app(services)
    admin = browser(app, services, add_staff(services, "admin@example.org", "admin"))
    victim = add_staff(services, "victim@example.org", "coach")
    other = browser(app, services, add_staff(services, "other@example.org", "admin"))
    before = _staff_count(services)
    for token in (None, "", "forged", other.csrf):
        form = dict(NEW_STAFF) if token is None else {**NEW_STAFF, "csrf_token": token}
        assert admin.post("/admin/staff", form, csrf=False).status_code == 403
        disabled = admin.post(
            f"/admin/staff/{victim}/disable",
            {} if token is None else {"csrf_token": token},
            csrf=False,
        )
        assert disabled.status_code == 403
        assert admin.post("/logout", {}, csrf=False).status_code == 403
    assert _staff_count(services) == before
    with services.database.transaction() as session:
        assert session.get(StaffUser, victim).active  # type: ignore[union-attr]
    assert admin.get("/admin/staff").status_code == 200  # still signed in
    # The same requests with the session's token go through.
    assert admin.post("/admin/staff", NEW_STAFF).status_code == 303
    assert _staff_count(services) == before + 1


def test_the_sign_in_form_needs_its_own_token_and_cookie(services: Services) -> None:
    app = create_app(services)
    add_staff(services, "coach@example.org", "coach")
    body = {"email": "coach@example.org", "password": PASSWORD}
    client = TestClient(app)
    assert client.post("/login", data=body, follow_redirects=False).status_code == 403
    page = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token is not None
    forged = client.post("/login", data={**body, "csrf_token": "x" + token.group(1)})
    assert forged.status_code == 403
    # A page on another site can post the form, but it cannot send our cookie with it.
    stranger = TestClient(app)
    refused = stranger.post("/login", data={**body, "csrf_token": token.group(1)})
    assert refused.status_code == 403
    assert sign_in_through_form(client, "coach@example.org").status_code == 303


def test_every_response_carries_the_security_headers(services: Services) -> None:
    app = create_app(services)
    anonymous = browser(app, services)
    coach = browser(app, services, add_staff(services, "coach@example.org", "coach"))
    responses = {
        "login page": anonymous.get("/login"),
        "redirect to sign in": anonymous.get("/coach"),
        "caseload": coach.get("/coach"),
        "refused": coach.get("/admin/staff"),
        "not found": coach.get("/coach/participants/999999"),
        "bad form": coach.post("/logout", {"unexpected": "field"}),
        "stylesheet": anonymous.get("/static/style.css"),
    }
    for what, response in responses.items():
        headers = response.headers
        assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY, what
        assert "default-src 'self'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff", what
        assert headers["referrer-policy"] == "no-referrer", what
        assert headers["x-frame-options"] == "DENY", what
        expected = "no-cache" if what == "stylesheet" else "no-store"
        assert headers["cache-control"] == expected, what
        assert "server" not in headers or "uvicorn" not in headers["server"]
    assert responses["bad form"].status_code == 400


def test_the_session_cookie_is_httponly_and_samesite(services: Services) -> None:
    app = create_app(services)
    add_staff(services, "coach@example.org", "coach")
    response = sign_in_through_form(TestClient(app), "coach@example.org")
    cookie = next(c for c in response.headers.get_list("set-cookie") if "coach_session=" in c)
    assert cookie.startswith("coach_session=")
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
    assert "Secure" not in cookie  # development: plain http://localhost


def test_outside_development_the_cookies_are_secure_host_cookies(services: Services) -> None:
    settings = services.settings.model_copy(update={"web_cookie_secure": True})
    app = create_app(services, settings=settings)
    add_staff(services, "coach@example.org", "coach")
    client = TestClient(app, base_url="https://testserver")
    page = client.get("/login")
    assert "Secure" in page.headers["set-cookie"]
    assert page.headers["set-cookie"].startswith("__Host-coach_login_csrf=")
    response = sign_in_through_form(client, "coach@example.org")
    cookie = next(c for c in response.headers.get_list("set-cookie") if "coach_session=" in c)
    assert cookie.startswith("__Host-coach_session=")
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert client.get("/coach", follow_redirects=False).status_code == 200


def test_signing_out_ends_the_session_for_good(services: Services) -> None:
    app = create_app(services)
    coach = browser(app, services, add_staff(services, "coach@example.org", "coach"))
    token = coach.client.cookies.get("coach_session")
    response = coach.post("/logout")
    assert response.status_code == 303 and response.headers["location"] == "/login?signed_out"
    with services.database.transaction() as session:
        assert session.scalar(select(func.count()).select_from(StaffSession)) == 0
    replay = TestClient(app)
    replay.cookies.set("coach_session", token or "")
    assert replay.get("/coach", follow_redirects=False).headers["location"] == "/login"


def test_disabling_an_account_signs_it_out_at_once(services: Services) -> None:
    app = create_app(services)
    coach_id = add_staff(services, "coach@example.org", "coach")
    coach = browser(app, services, coach_id)
    admin = browser(app, services, add_staff(services, "admin@example.org", "admin"))
    assert coach.get("/coach").status_code == 200
    assert admin.post(f"/admin/staff/{coach_id}/disable").status_code == 303
    assert coach.get("/coach").headers["location"] == "/login"


def test_an_oversized_body_is_refused_before_it_is_read(services: Services) -> None:
    app = create_app(services)
    admin = browser(app, services, add_staff(services, "admin@example.org", "admin"))
    response = admin.post("/admin/staff", {**NEW_STAFF, "email": "x" * 100_000})
    assert response.status_code == 413


def test_templates_escape_everything_and_mark_nothing_safe() -> None:
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for marker in ("|safe", "| safe", "Markup", "autoescape false", "{% raw"):
            assert marker not in text, f"{path.name} uses {marker}"
        assert "<script" not in text and "style=" not in text, f"{path.name}: inline code"


def test_cookies_are_secure_by_default_everywhere_but_development() -> None:
    production = Settings(
        env="production",
        database_url="sqlite:///x.db",
        pseudonym_key=SecretStr("a" * 64),
        encryption_key=SecretStr("b" * 44),
    )
    assert production.web_cookies_secure
    assert not Settings().web_cookies_secure
    assert Settings(web_cookie_secure=True).web_cookies_secure
    assert not production.model_copy(update={"web_cookie_secure": False}).web_cookies_secure

"""The bot's HTTP layer on its own: what it sends, and that it honours the environment's proxy."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator

import pytest
from aiohttp import web
from telegram import InputFile
from telegram.error import NetworkError
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter

from bot.transports.telegram.aiohttp_request import AiohttpRequest, _proxy_for

OK = {"ok": True, "result": True}


class Recorder:
    """A small HTTP server that answers every request like the Bot API and keeps what came."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, str, str, bytes]] = []  # target, content type, method, body

    async def handle(self, request: web.Request) -> web.Response:
        body = await request.read()
        self.seen.append((str(request.url), request.content_type, request.method, body))
        return web.json_response(OK)


@pytest.fixture
async def recorder() -> AsyncIterator[tuple[Recorder, str]]:
    recorder = Recorder()
    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", recorder.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        yield recorder, f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()


@pytest.fixture
def fresh_proxy_lookup() -> Iterator[None]:
    _proxy_for.cache_clear()
    yield
    _proxy_for.cache_clear()


@pytest.fixture
async def request_layer() -> AsyncIterator[AiohttpRequest]:
    layer = AiohttpRequest()
    await layer.initialize()
    try:
        yield layer
    finally:
        await layer.shutdown()


def message_data(text: str) -> RequestData:
    return RequestData(
        [
            RequestParameter.from_input("chat_id", 42),
            RequestParameter.from_input("text", text),
            RequestParameter.from_input("link_preview_options", {"is_disabled": True}),
        ]
    )


async def test_parameters_travel_as_one_json_document(
    recorder: tuple[Recorder, str], request_layer: AiohttpRequest, fresh_proxy_lookup: None
) -> None:
    server, address = recorder
    text = 'Quotes " and <b>tags</b>, a ü and an emoji 🙂'
    status, payload = await request_layer.do_request(
        f"{address}/bot1:A/sendMessage", "POST", message_data(text)
    )
    assert status == 200 and json.loads(payload) == OK
    [(_, content_type, method, body)] = server.seen
    assert (content_type, method) == ("application/json", "POST")
    assert json.loads(body) == {
        "chat_id": 42,
        "text": text,
        "link_preview_options": {"is_disabled": True},
    }


async def test_files_travel_as_multipart_form(
    recorder: tuple[Recorder, str], request_layer: AiohttpRequest, fresh_proxy_lookup: None
) -> None:
    server, address = recorder
    data = RequestData(
        [
            RequestParameter.from_input("chat_id", 42),
            RequestParameter.from_input("document", InputFile(b"{}", filename="export.json")),
        ]
    )
    await request_layer.do_request(f"{address}/bot1:A/sendDocument", "POST", data)
    [(_, content_type, _, body)] = server.seen
    assert content_type == "multipart/form-data"
    assert b'filename="export.json"' in body


def use_proxy(monkeypatch: pytest.MonkeyPatch, proxy: str, *, bypass: str = "") -> None:
    """The environment as a proxied machine has it (both spellings, as tools differ)."""
    for name in ("HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    for name, value in (("HTTP_PROXY", proxy), ("NO_PROXY", bypass)):
        monkeypatch.setenv(name, value)
        monkeypatch.setenv(name.lower(), value)


# The host does not exist: only a proxy can answer for it.
TARGET = "http://api.telegram.invalid/bot1:A/sendMessage"


async def test_requests_go_through_the_proxy_the_environment_names(
    recorder: tuple[Recorder, str],
    request_layer: AiohttpRequest,
    fresh_proxy_lookup: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server, proxy = recorder
    use_proxy(monkeypatch, proxy)
    target = TARGET
    status, _ = await request_layer.do_request(target, "POST", message_data("hello"))
    assert status == 200
    assert server.seen[0][0] == target  # the proxy was asked for the real address


async def test_no_proxy_sends_straight_to_the_host(
    recorder: tuple[Recorder, str],
    request_layer: AiohttpRequest,
    fresh_proxy_lookup: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server, proxy = recorder
    use_proxy(monkeypatch, proxy, bypass="api.telegram.invalid")
    with pytest.raises(NetworkError):
        await request_layer.do_request(TARGET, "POST", message_data("hello"))
    assert server.seen == []

"""PTB's network layer on aiohttp instead of httpx: the same contract, a quarter of the CPU.

Measured here against the fake Bot API server, one ``send_message`` cost 3.4 ms of CPU through
PTB's default ``HTTPXRequest`` and 0.85 ms through this class (both figures include the fake
server's own share). The bot is CPU-bound under load, so that is throughput. PTB turns status
codes into its exceptions (``RetryAfter``, ``Forbidden``, ...) itself; this class only moves
bytes and maps transport failures to ``TimedOut`` and ``NetworkError`` as ``HTTPXRequest`` does.
"""

from __future__ import annotations

import json
import urllib.request
from functools import cache
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

DEFAULT_TIMEOUTS = {"read": 5.0, "write": 5.0, "connect": 5.0, "pool": 1.0}
MEDIA_WRITE_TIMEOUT = 20.0


class AiohttpRequest(BaseRequest):
    def __init__(self, *, connections: int = 256, read_timeout: float = 5.0) -> None:
        self._connections = connections
        self._read_timeout = read_timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float:
        return self._read_timeout

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            # HTTPS_PROXY / NO_PROXY are honoured as PTB's default client does, but looked up
            # once per host (see _proxy_for): aiohttp's trust_env looked them up, and read
            # ~/.netrc in a worker thread, on every request.
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._connections),
                headers={"User-Agent": self.USER_AGENT},
            )

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self._session is None or self._session.closed:
            raise RuntimeError("AiohttpRequest is not initialized")
        read = _given(read_timeout, self._read_timeout)
        files = request_data.multipart_data if request_data else None
        write = _given(write_timeout, MEDIA_WRITE_TIMEOUT if files else DEFAULT_TIMEOUTS["write"])
        connect = _given(connect_timeout, DEFAULT_TIMEOUTS["connect"])
        pool = _given(pool_timeout, DEFAULT_TIMEOUTS["pool"])
        # aiohttp has no separate write timeout: the whole exchange gets connect + write + read.
        total = None if read is None else (connect or 0) + (write or 0) + read + (pool or 0)
        timeout = aiohttp.ClientTimeout(total=total, connect=connect, sock_read=read)
        body, headers = _body(request_data)
        try:
            async with self._session.request(
                method,
                url,
                data=body,
                headers=headers,
                timeout=timeout,
                proxy=_proxy_for(urlsplit(url)[:2]),
            ) as response:
                return response.status, await response.read()
        except TimeoutError as err:
            raise TimedOut from err
        except aiohttp.ClientError as err:
            raise NetworkError(f"aiohttp.{type(err).__name__}: {err}") from err


def _given(value: Any, default: float | None) -> float | None:
    """PTB passes a sentinel for "not specified"; anything else (None included) is meant."""
    return default if isinstance(value, type(BaseRequest.DEFAULT_NONE)) else value


JSON = {"Content-Type": "application/json"}


def _body(request_data: RequestData | None) -> tuple[Any, dict[str, str] | None]:
    """The request body and its content type: JSON unless there are files to upload."""
    if request_data is None:
        return None, None
    files = request_data.multipart_data
    if not files:
        # One JSON document, objects nested as objects (RequestData.json_payload would send
        # them as strings of JSON): aiohttp's form encoding cost more CPU than the rest of a send.
        return json.dumps(request_data.parameters).encode(), JSON
    form = aiohttp.FormData()
    for name, value in request_data.json_parameters.items():
        form.add_field(name, value)
    for name, (filename, content, mimetype) in files.items():
        form.add_field(name, content, filename=filename, content_type=mimetype)
    return form, None


@cache
def _proxy_for(scheme_and_host: tuple[str, str]) -> str | None:
    """The proxy the environment names for this scheme and host, if any (read once each)."""
    scheme, netloc = scheme_and_host
    host = netloc.rsplit("@", 1)[-1].split(":", 1)[0]
    if not host or urllib.request.proxy_bypass(host):
        return None
    proxies = urllib.request.getproxies()
    return proxies.get(scheme) or proxies.get("all")

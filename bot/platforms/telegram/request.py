"""python-telegram-bot's requests over aiohttp (its `BaseRequest`), instead of httpx.

python-telegram-bot leaves the HTTP client to a `BaseRequest`: it builds each call's
parameters, and reads the status and body it gets back (errors, flood control, the result).
The bot already runs on aiohttp (the long poll, the HTTP server); sending through it costs
about half the CPU per message of httpx (measured in tests/bench/bench_bot.py's broadcast and
per update). A request goes as JSON (one of the Bot API's four ways: json.dumps is C, where
form-encoding a long text quotes it byte by byte in Python), or as multipart, as
python-telegram-bot's own client sends it, when a file goes along.

Whether a failed request may have reached Telegram matters to the outbox (an uncertain message
is never sent twice): `NotSent` is the cause of a TimedOut or NetworkError when the request
never left (no connection within the connect timeout, or none to be had).
"""

from __future__ import annotations

import json
from typing import Any

import aiohttp
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

USER_AGENT = "copbot (python-telegram-bot over aiohttp)"
_DEFAULT = type(BaseRequest.DEFAULT_NONE)
JSON = {"Content-Type": "application/json"}  # "not given": the request's own timeout counts


class NotSent(Exception):
    """The request never reached Telegram: trying again cannot deliver anything twice."""


class AiohttpRequest(BaseRequest):
    """One aiohttp session for the Bot API; timeouts in seconds as python-telegram-bot's."""

    def __init__(
        self,
        *,
        connection_pool_size: int = 256,
        read_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
        pool_timeout: float | None = 1.0,
        media_read_timeout: float | None = 20.0,
    ) -> None:
        self._pool_size = connection_pool_size
        self._read_timeout = read_timeout
        self._connect_timeout = connect_timeout
        self._pool_timeout = pool_timeout
        self._media_read_timeout = media_read_timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        return self._read_timeout

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._pool_size)
            self._session = aiohttp.ClientSession(
                connector=connector, headers={"User-Agent": USER_AGENT}
            )

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()

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
        files = request_data is not None and request_data.contains_files
        read = _given(read_timeout, self._media_read_timeout if files else self._read_timeout)
        connect = _given(connect_timeout, self._connect_timeout)
        pool = _given(pool_timeout, self._pool_timeout)
        # aiohttp has no write timeout (a request is written to the socket's buffer); the
        # connect timeout includes the wait for a free connection of the pool.
        timeout = aiohttp.ClientTimeout(
            total=None,
            connect=None if connect is None or pool is None else connect + pool,
            sock_connect=connect,
            sock_read=read,
        )
        try:
            body, headers = _body(request_data)
            async with self._session.request(
                method, url, data=body, headers=headers, timeout=timeout
            ) as response:
                return response.status, await response.read()
        except aiohttp.ConnectionTimeoutError as problem:
            raise TimedOut("connection timed out") from NotSent(str(problem))
        except aiohttp.ClientConnectorError as problem:
            raise NetworkError(f"no connection: {problem}") from NotSent(str(problem))
        except TimeoutError as problem:
            raise TimedOut() from problem
        except aiohttp.ClientError as problem:
            raise NetworkError(f"aiohttp.{type(problem).__name__}: {problem}") from problem


def _given(value: Any, default: float | None) -> float | None:
    return default if isinstance(value, _DEFAULT) else value


def _body(request_data: RequestData | None) -> tuple[Any, dict[str, str] | None]:
    """The parameters as JSON, or with files as multipart parts (the other fields JSON-encoded,
    as python-telegram-bot encodes them)."""
    if request_data is None:
        return None, None
    if not request_data.contains_files:
        return json.dumps(request_data.parameters).encode(), JSON
    form = aiohttp.FormData()
    for name, value in request_data.json_parameters.items():
        form.add_field(name, value)
    for name, (filename, content, mime) in request_data.multipart_data.items():
        data = content.read() if hasattr(content, "read") else content
        form.add_field(name, data, filename=filename, content_type=mime)
    return form, None

"""Slack's HTTP requests checked before bolt sees them: the signature, then a body bolt can read.

Slack retries every answer that is not 2xx and disables an app's event subscriptions after
repeated failures, so: what Slack signed and is well-formed is acknowledged (200) even when the
bot has nothing to do with it; a broken body is a 400; nothing is ever a 5xx. Bolt itself
answers 500 to a timestamp that is no number, to a body it cannot parse and to `actions: []`,
and 404 to anything it has no listener for (an unknown event type, `app_rate_limited`, a
shortcut).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any
from urllib.parse import parse_qs

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.signature import SignatureVerifier

from bot.core.quietlog import QuietLog

log = logging.getLogger(__name__)

# The headers a stored request keeps for bolt (no credentials: the signature was checked).
KEPT_HEADERS = ("content-type", "x-slack-request-timestamp", "x-slack-retry-num")

# Seconds since 1970 have 10 digits until the year 2286; int() of thousands of digits is slow
# and, past 4,300, raises (Python's limit on converting long strings).
TIMESTAMP_DIGITS_MAX = 12
SIGNATURE_MAX = 100  # "v0=" and 64 hex digits
HANDLED_EVENTS = {"message", "app_mention"}  # what SlackAdapter listens to
PASS, IGNORE, BROKEN = "pass", "ignore", "broken"
ANSWER_NOW = "answer now"  # a URL verification: Slack wants the challenge in the response


def classify(body: str, content_type: str) -> str:
    """PASS a body to bolt, IGNORE it (signed and well-formed, not for us) or call it BROKEN."""
    if content_type.startswith("application/json") or body.lstrip().startswith("{"):
        return _classify_json(body)
    fields = parse_qs(body, keep_blank_values=True)
    if "payload" in fields:
        return _classify_payload(fields["payload"][0])
    if "command" in fields:
        command = fields["command"][0]
        return PASS if command.startswith("/") and fields.get("user_id", [""])[0] else BROKEN
    if "ssl_check" in fields:
        return IGNORE  # Slack checking the certificate of a slash command's URL
    return BROKEN


def _load(text: str) -> dict[str, Any] | None:
    try:
        data = json.loads(text)
    except ValueError:
        return None
    return data if isinstance(data, dict) and isinstance(data.get("type"), str) else None


def _classify_json(body: str) -> str:
    data = _load(body)
    if data is None:
        return BROKEN
    if data["type"] == "url_verification":
        return ANSWER_NOW if isinstance(data.get("challenge"), str) else BROKEN
    if data["type"] != "event_callback":
        return IGNORE  # app_rate_limited and whatever Slack adds later
    event = data.get("event")
    if not isinstance(event, dict) or not isinstance(event.get("type"), str):
        return BROKEN
    if event["type"] not in HANDLED_EVENTS:
        return IGNORE
    if not isinstance(event.get("channel"), str) or not isinstance(event.get("text", ""), str):
        return BROKEN
    return PASS


def _classify_payload(text: str) -> str:
    payload = _load(text)
    if payload is None:
        return BROKEN
    if payload["type"] != "block_actions":
        return IGNORE  # shortcuts, view submissions: the app offers none
    actions, user = payload.get("actions"), payload.get("user")
    if not isinstance(actions, list) or not isinstance(user, dict):
        return BROKEN
    if not isinstance(user.get("id"), str) or not all(isinstance(a, dict) for a in actions):
        return BROKEN
    for part in ("channel", "container", "message"):
        if not isinstance(payload.get(part) or {}, dict):
            return BROKEN
    return PASS if actions else IGNORE


def http_handler(
    bolt: AsyncApp,
    verifier: SignatureVerifier,
    clock: Callable[[], float],
    store: Callable[[dict[str, Any]], Awaitable[bool]] | None = None,
) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
    """Verify Slack's signature first (bolt would answer 500 to a malformed timestamp and uses
    the real clock) and check the body. With `store`, what is well-formed is stored first and
    acknowledged (nothing is lost when the process dies before handling it; a retry of a stored
    request is acknowledged again and not stored twice), and handled from the store; without,
    bolt parses and acknowledges at once."""
    refusals = QuietLog(log, clock=clock)

    def refuse(request: web.Request, status: int, reason: str) -> web.Response:
        refusals.warning(f"Slack request refused with {status}: {reason}", str(request.remote))
        return web.json_response({"error": "invalid request"}, status=status)

    async def handle(request: web.Request) -> web.StreamResponse:
        timestamp = request.headers.get("X-Slack-Request-Timestamp", "")
        signature = request.headers.get("X-Slack-Signature", "")
        if not (timestamp.isascii() and timestamp.isdigit()) or (
            len(timestamp) > TIMESTAMP_DIGITS_MAX
        ):
            return refuse(request, 400, "no valid timestamp")
        if not signature.isascii() or len(signature) > SIGNATURE_MAX:
            return refuse(request, 401, "no valid signature")
        try:
            body = (await request.read()).decode("utf-8")
        except UnicodeDecodeError:
            return refuse(request, 400, "body is not UTF-8")
        if not verifier.is_valid(body, timestamp, signature):
            return refuse(request, 401, "wrong or stale signature")
        kind = classify(body, request.content_type)
        if kind == BROKEN:
            return refuse(request, 400, "signed, but not a body Slack sends")
        if kind == IGNORE:
            return web.Response(status=200)
        headers: dict[str, str | Sequence[str]] = {
            k.lower(): v for k, v in request.headers.items()
        }
        if store is not None and kind == PASS:
            stored = {
                "body": body,
                "query": request.query_string,
                "headers": {k: v for k, v in headers.items() if k in KEPT_HEADERS},
            }
            try:
                await store(stored)
            except Exception:  # not stored: Slack must send it again
                log.exception("could not store a Slack request")
                return web.Response(status=503)
            return web.Response(status=200)
        bolt_request = AsyncBoltRequest(body=body, query=request.query_string, headers=headers)
        response = await bolt.async_dispatch(bolt_request)
        if response.status == 404:
            return web.Response(status=200)  # nothing listens: acknowledged all the same
        if response.status >= 500:
            return refuse(request, 400, "bolt could not read the body")
        return await to_aiohttp_response(response)

    return handle

"""The cast and stage of the whole-cycle story: one bot on the Telegram and Slack stand-ins.

People talk through the real adapters; `restart()` builds new services on the same database and
starts the adapters again; `at(when)` moves the manual clock and lets the scheduler look once.
Every wait is on a stand-in's condition, never on time.
"""

from __future__ import annotations

import json
import time
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from datetime import datetime
from itertools import count
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from bot.core.clock import ManualClock
from bot.http import build_web_app
from bot.kernel.services import Services
from bot.platforms.telegram.adapter import start_telegram
from scheduler.delivery import Delivery
from scheduler.ratelimit import PlatformLimits, RateLimiter
from scheduler.service import tick
from tests.factories import make_app
from tests.fakes.slack_api import TEAM, FakeSlack, block_values, blocks_text
from tests.fakes.telegram_api import FakeTelegram, Sent
from tests.integration.harness import SlackBot, serving_slack, slack_settings

OLGA = 1000  # an organiser in the test settings ("telegram:1000")
ESTHER, JOHN, WESSEL, BERNADETTE, TOM, NINA, KARIN, PIETER = range(501, 509)
NAMES = {
    OLGA: ("Olga", "Organisator"),
    ESTHER: ("Esther", "Brink"),
    JOHN: ("John", "Smith"),  # the English speaker
    WESSEL: ("Wessel", "Rothstegge"),
    BERNADETTE: ("Bernadette", "Huurne"),
    TOM: ("Tom", "Delft"),
    NINA: ("Nina", "Nieuw"),
    KARIN: ("Karin", "Vertrek"),
    PIETER: ("Pieter", "Post"),
}
LIES, KAREL = "ULIES01", "UKAREL02"  # on Slack
SLACK_NAMES = {LIES: "Lies Slack", KAREL: "Karel Slack"}
GROUP = -100777  # the CoP's Telegram group
BROKEN = ("iets mis", "something went wrong", "Traceback", "{", "}")
NO_LIMITS = {
    name: PlatformLimits(per_second=1000.0, chat_interval=0.0)
    for name in ("telegram", "slack", "console")
}
_ids = count(1)


@dataclass
class Slack:
    """What the Slack stand-in saw, read per person."""

    fake: FakeSlack
    bot: SlackBot | None = None

    def texts(self, channel: str) -> list[str]:
        """Messages posted into a channel (outbox) and answers through a response_url."""
        return [
            blocks_text(c.args)
            for c in self.fake.of("chat.postMessage", "chat.update")
            if c.args.get("channel") == channel
        ]

    def answers(self) -> list[dict[str, Any]]:
        return [c.args for c in self.fake.of("response_url")]


@dataclass
class Cycle:
    tmp_path: Path
    telegram: FakeTelegram
    slack: Slack
    services: Services
    clock: ManualClock
    stack: AsyncExitStack = field(default_factory=AsyncExitStack)
    kept: dict[int, Sent] = field(default_factory=dict)  # messages whose buttons are pressed later

    # -- stage ---------------------------------------------------------------------------------

    @classmethod
    async def open(cls, tmp_path: Path, now: datetime) -> Cycle:
        telegram = FakeTelegram()
        await telegram.start()
        slack = await FakeSlack().start()
        for user_id, name in SLACK_NAMES.items():
            slack.add_user(user_id, name, locale="nl-NL")
        cycle = cls(tmp_path, telegram, Slack(slack), None, ManualClock(now))  # type: ignore[arg-type]
        await cycle._start(now)
        return cycle

    async def _start(self, now: datetime) -> None:
        self.services = await make_app(
            self.tmp_path,
            now=now,
            telegram_token=self.telegram.token,
            telegram_api_url=self.telegram.base_url,
            **slack_settings(self.slack.fake),
        )
        assert isinstance(self.services.clock, ManualClock)
        self.clock = self.services.clock
        web_app = build_web_app(self.services)
        self.stack = AsyncExitStack()
        self.stack.push_async_callback(self.services.close)
        stop_telegram = await start_telegram(self.services, web_app, poll_timeout=1)
        self.stack.push_async_callback(stop_telegram)
        self.slack.bot = await self.stack.enter_async_context(
            serving_slack(self.services, self.slack.fake, web_app)
        )

    async def restart(self) -> None:
        """The process stops and starts again on the same database, at the same moment."""
        now = self.clock.now()
        await self.stack.aclose()
        await self._start(now)

    async def close(self) -> None:
        await self.stack.aclose()
        await self.slack.fake.stop()
        await self.telegram.stop()

    async def at(self, when: datetime) -> None:
        """Move the clock and let the scheduler look once (jobs, then the outbox)."""
        self.clock.set(when)
        await tick(self.services, Delivery(self.services, limiter=RateLimiter(NO_LIMITS)))

    # -- Telegram ------------------------------------------------------------------------------

    def user(self, uid: int) -> dict[str, Any]:
        first, last = NAMES[uid]
        return self.telegram.user(
            uid,
            first_name=first,
            last_name=last,
            username=first.lower(),
            language_code="en" if uid == JOHN else "nl",
        )

    def sent(self, uid: int, after: int = 0) -> list[Sent]:
        return self.telegram.sent(uid)[after:]

    async def expect(self, chat: int, before: int, needle: str) -> Sent:
        """The first message after `before` in the chat that contains `needle`."""

        def found() -> Sent | None:
            return next((s for s in self.telegram.sent(chat)[before:] if needle in s.text), None)

        try:
            await self.telegram.wait_for(lambda: found() is not None)
        except TimeoutError:
            got = [s.text for s in self.telegram.sent(chat)[before:]]
            raise AssertionError(f"{chat} never got {needle!r}; got {got}") from None
        message = found()
        assert message is not None
        return message

    async def say(self, uid: int, text: str, needle: str) -> Sent:
        before = len(self.telegram.sent(uid))
        self.telegram.private_message(uid, text, user=self.user(uid))
        return await self.expect(uid, before, needle)

    async def say_in_group(self, uid: int, text: str, needle: str) -> Sent:
        before = len(self.telegram.sent(GROUP))
        self.telegram.group_message(GROUP, uid, text, user=self.user(uid))
        return await self.expect(GROUP, before, needle)

    async def press(self, uid: int, message: Sent, data: str, needle: str) -> Sent:
        assert data in [d for _label, d in message.buttons], message.buttons
        before = len(self.telegram.sent(message.chat_id))
        update = self.telegram.press(uid, message, data)
        update["callback_query"]["from"] = self.user(uid)
        return await self.expect(message.chat_id, before, needle)

    # -- Slack ---------------------------------------------------------------------------------

    async def slack_say(self, user: str, text: str, needle: str) -> str:
        """`/cop <text>` in the person's DM; the answer that contains `needle`."""
        bot = self.slack.bot
        assert bot is not None
        before = len(self.slack.answers())
        await bot.command("/cop", text, user=user, channel="D" + user[1:])
        return await self._slack_answer(before, needle)

    async def _slack_answer(self, before: int, needle: str) -> str:
        def found() -> str | None:
            texts = [blocks_text(a) for a in self.slack.answers()[before:]]
            return next((t for t in texts if needle in t), None)

        fake = self.slack.fake
        try:
            while found() is None:
                await fake.wait_for("response_url", count=len(fake.of("response_url")) + 1)
        except TimeoutError:
            got = [blocks_text(a) for a in self.slack.answers()[before:]]
            raise AssertionError(f"Slack never answered {needle!r}; got {got}") from None
        answer = found()
        assert answer is not None
        return answer

    def slack_buttons(self, needle: str, channel: str | None = None) -> list[str]:
        """The button values of the last Slack message (posted or answered) with `needle`."""
        calls = self.slack.fake.of("chat.postMessage", "chat.update", "response_url")
        for call in reversed(calls):
            if needle in blocks_text(call.args) and channel in (None, call.args.get("channel")):
                return block_values(call.args)
        raise AssertionError(f"no Slack message with {needle!r}")

    async def slack_press(self, user: str, value: str, needle: str, ts: str = "") -> str:
        """`user` presses a button in their DM; the answer (replaced message) with `needle`."""
        bot = self.slack.bot
        assert bot is not None
        n = next(_ids)
        channel = "D" + user[1:]
        ts = ts or f"1700000001.{n:06d}"
        payload = {
            "type": "block_actions",
            "user": {"id": user, "username": user.lower(), "team_id": TEAM},
            "api_app_id": "A1", "token": "legacy", "trigger_id": f"{n}.2.def",
            "container": {"type": "message", "message_ts": ts, "channel_id": channel,
                          "is_ephemeral": False},
            "team": {"id": TEAM, "domain": "cop"},
            "channel": {"id": channel, "name": "directmessage"},
            "message": {"type": "message", "ts": ts, "text": "..."},
            "response_url": self.slack.fake.response_url(f"p{n}"),
            "actions": [{"type": "button", "action_id": "copbot-0-0", "block_id": "b1",
                         "value": value, "action_ts": f"{time.time():.6f}",
                         "text": {"type": "plain_text", "text": "knop"}}],
        }  # fmt: skip
        fake = self.slack.fake
        before = len(fake.of("response_url", "chat.update"))
        await bot.send(urlencode({"payload": json.dumps(payload)}), form=True)

        def found() -> str | None:
            calls = fake.of("response_url", "chat.update")[before:]
            return next(
                (blocks_text(c.args) for c in calls if needle in blocks_text(c.args)), None
            )

        try:
            while found() is None:
                await fake.wait_for(
                    "response_url",
                    "chat.update",
                    count=len(fake.of("response_url", "chat.update")) + 1,
                )
        except TimeoutError:
            got = [blocks_text(c.args) for c in fake.of("response_url", "chat.update")[before:]]
            raise AssertionError(f"Slack press never answered {needle!r}; got {got}") from None
        answer = found()
        assert answer is not None
        return answer

    # -- what every participant checks ---------------------------------------------------------

    def everything_said(self) -> list[tuple[str, str]]:
        """(chat, text) of everything the bot put anywhere, on both platforms."""
        said = [(str(s.chat_id), s.text) for s in self.telegram.outgoing]
        said += [
            (str(c.args.get("channel") or c.args.get("_url")), blocks_text(c.args))
            for c in self.slack.fake.of("chat.postMessage", "chat.update", "response_url")
        ]
        said += [("answer", str(a.get("text", ""))) for a in self.telegram.answered]
        return said

    def assert_nothing_broken(self) -> None:
        for chat, text in self.everything_said():
            for bad in BROKEN:
                assert bad not in text, f"{chat} got {text!r}"

"""What agenda-poll messages look like: the vote message with its buttons, the ranking, results."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.core.dates import format_short
from bot.core.messages import Button, Reply
from bot.db.models import AgendaProposal, Poll, Session
from bot.db.models.polls import POLL_CLOSED, POLL_OPEN
from handlers.polls.texts import TEXTS

# Buttons: one per proposal; Slack allows 50 blocks per message, so stay well below.
MAX_OPTIONS = 25
BUTTON_TITLE = 28
BAR_WIDTH = 10

VOTE_PREFIX = "pv"  # "pv:<poll>:<proposal>"
REFRESH_PREFIX = "pr"  # "pr:<poll>"


@dataclass(frozen=True)
class PollView:
    """What every vote message of one poll shares: the poll, its meeting, topics and counts."""

    poll: Poll
    meeting: Session
    proposals: list[AgendaProposal]
    counts: dict[int, int]

    def show_counts(self) -> bool:
        return not self.poll.hidden or self.poll.status == POLL_CLOSED


def votes_text(count: int, lang: str) -> str:
    return TEXTS(lang, "poll_vote_one") if count == 1 else TEXTS(lang, "poll_votes", count=count)


def short(title: str, width: int = BUTTON_TITLE) -> str:
    return title if len(title) <= width else title[: width - 1].rstrip() + "…"


def vote_message(
    view: PollView,
    chosen: set[int],
    lang: str,
    tz: Any,
    *,
    intro: str | None = None,
    note: str | None = None,
    edit: bool = False,
) -> Reply:
    poll, meeting = view.poll, view.meeting
    parts = [intro] if intro else []
    parts.append(
        TEXTS(
            lang,
            "poll_intro",
            id=meeting.id,
            when=format_short(meeting.starts_at, lang, tz),
            choose=TEXTS(
                lang,
                "poll_choose_one" if poll.max_votes == 1 else "poll_choose",
                max=poll.max_votes,
            ),
            closes=format_short(poll.closes_at, lang, tz),
        )
    )
    if poll.anonymous:
        parts.append(TEXTS(lang, "poll_anonymous_note"))
    if poll.hidden and not view.show_counts():
        parts.append(TEXTS(lang, "poll_hidden_note"))
    lines = []
    for proposal in view.proposals[:MAX_OPTIONS]:
        mark = "✓ " if proposal.id in chosen else ""
        line = f"{mark}#{proposal.id} {proposal.title}"
        if view.show_counts():
            line += f" ({votes_text(view.counts.get(proposal.id, 0), lang)})"
        lines.append(line)
    parts.append("\n".join(lines) if lines else TEXTS(lang, "poll_no_proposals_yet"))
    if len(view.proposals) > MAX_OPTIONS:
        # Buttons and message length have limits; say so rather than drop topics silently.
        parts.append(
            TEXTS(lang, "poll_too_many", shown=MAX_OPTIONS, more=len(view.proposals) - MAX_OPTIONS)
        )
    parts.append(TEXTS(lang, "poll_your_votes", used=len(chosen), max=poll.max_votes))
    if note:
        parts.append(note)
    if poll.status == POLL_OPEN:  # after the close, new topics go to the next meeting
        parts.append(TEXTS(lang, "poll_add_hint"))
    rows: list[tuple[Button, ...]] = []
    if poll.status == POLL_OPEN:
        for proposal in view.proposals[:MAX_OPTIONS]:
            label = ("✓ " if proposal.id in chosen else "") + short(proposal.title)
            if view.show_counts():
                label += f" ({view.counts.get(proposal.id, 0)})"
            rows.append((Button(label, f"{VOTE_PREFIX}:{poll.id}:{proposal.id}"),))
        rows.append((Button(TEXTS(lang, "button_refresh"), f"{REFRESH_PREFIX}:{poll.id}"),))
    return Reply("\n\n".join(parts), buttons=tuple(rows), edit=edit)


def bar(count: int, highest: int) -> str:
    if count <= 0 or highest <= 0:
        return "·"
    return "█" * max(1, round(BAR_WIDTH * count / highest))


def ranking(view: PollView) -> list[AgendaProposal]:
    return sorted(view.proposals, key=lambda p: (-view.counts.get(p.id, 0), p.id))


def ranked_line(n: int, label: str, count: int, highest: int) -> str:
    """One place of a ranking: its number, the topic and a bar with the count below it."""
    return f"{n}. {label}\n   {bar(count, highest)} {count}"


def ranking_lines(view: PollView) -> list[str]:
    highest = max(view.counts.values(), default=0)
    return [
        ranked_line(n, p.title, view.counts.get(p.id, 0), highest)
        for n, p in enumerate(ranking(view), start=1)
    ]


def proposer_name(names: Mapping[int, str], proposal: AgendaProposal, lang: str) -> str:
    return names.get(proposal.proposer_id or 0, TEXTS(lang, "someone"))


def support_text(count: int, lang: str) -> str:
    return TEXTS(lang, "support_count", count=count) if count else ""


def result_message(view: PollView, voters: int, lang: str) -> Reply:
    """The ranking everyone gets when the poll closes."""
    session_id = view.poll.session_id
    lines = ranking_lines(view) or [TEXTS(lang, "result_empty")]
    text = "\n".join(
        [
            TEXTS(lang, "result_header", id=session_id, voters=voters),
            "",
            *lines,
            "",
            TEXTS(lang, "result_footer", id=session_id),
        ]
    )
    return Reply(text)


def prep_result_message(
    view: PollView, proposers: Mapping[int, str], supports: Mapping[int, int], lang: str
) -> Reply:
    """The full result for the preparation group: proposers, support, why, and the next step."""
    session_id = view.poll.session_id
    lines = [TEXTS(lang, "prep_result_header", id=session_id), ""]
    for n, proposal in enumerate(ranking(view), start=1):
        lines.append(
            f"{n}. "
            + TEXTS(
                lang,
                "prep_result_line",
                id=proposal.id,
                title=proposal.title,
                count=view.counts.get(proposal.id, 0),
                who=proposer_name(proposers, proposal, lang),
                support=support_text(supports.get(proposal.id, 0), lang),
            )
        )
        if proposal.why:
            lines.append(f"   {proposal.why}")
    lines += ["", TEXTS(lang, "prep_prompt", id=session_id)]
    return Reply("\n".join(lines))

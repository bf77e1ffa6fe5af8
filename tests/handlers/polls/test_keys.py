"""The job and outbox keys of agenda polls are the strings stored rows already carry."""

from __future__ import annotations

from handlers.polls import keys


def test_job_keys_keep_their_stored_form() -> None:
    assert keys.close_key(7) == "poll:7:close"
    assert keys.nudge_job_key(7) == "poll:7:nudge"
    assert keys.refresh_key(7, 29_000_000) == "poll:7:refresh:29000000"


def test_outbox_keys_keep_their_stored_form() -> None:
    assert keys.opened_key(7) == "poll:7:open"
    assert keys.nudge_key(7) == "poll:7:nudge"
    assert keys.result_key(7) == "poll:7:result"
    assert keys.prep_result_key(7) == "poll:7:prep"
    assert keys.prep_welcome_key(3) == "prep:session:3:welcome"

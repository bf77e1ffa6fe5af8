"""What a lesson search returns: a lesson unit with how well it matches the query."""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.model import Lesson


@dataclass(frozen=True)
class Hit:
    lesson: Lesson
    score: float

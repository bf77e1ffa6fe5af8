"""The example feature in docs/architecture.md works as written."""

from __future__ import annotations

import re
import types
from pathlib import Path

from bot.kernel.services import Services
from tests.factories import Person

DOC = Path(__file__).resolve().parent.parent / "docs" / "architecture.md"


def example_feature() -> types.ModuleType:
    [code] = re.findall(r"```python\n(.*?)```", DOC.read_text(), re.DOTALL)
    assert len(code.splitlines()) <= 22  # the page promises a short example
    module = types.ModuleType("handlers.greetings")
    exec(compile(code, str(DOC), "exec"), module.__dict__)
    return module


async def test_the_documented_example_feature_answers(services: Services) -> None:
    example_feature().register(services.registry)
    person = Person(services, "p1", name="Esther Brink")
    assert await person.text("/hallo") == "Hallo Esther Brink!"
    english = Person(services, "p2", name="Sam", language="en")
    assert await english.text("/hello") == "Hello Sam!"
    assert "/hallo" in await person.text("/help")

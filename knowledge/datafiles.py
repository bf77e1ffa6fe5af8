"""The knowledge data files in knowledge/data and how they are read (strict YAML)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).parent / "data"

THEMES_FILE = "themes.yaml"
LESSONS_FILE = "lessons.yaml"
QUOTES_FILE = "quotes.yaml"
GUESTS_FILE = "guests.yaml"
BOOKS_FILE = "books.yaml"
PAST_THEMES_FILE = "past_themes.yaml"
SECTIONS_FILE = "sections.yaml"
SYNONYMS_FILE = "synonyms.yaml"

REQUIRED_FILES = (
    THEMES_FILE,
    LESSONS_FILE,
    QUOTES_FILE,
    GUESTS_FILE,
    BOOKS_FILE,
    PAST_THEMES_FILE,
    SECTIONS_FILE,
)
OPTIONAL_FILES = (SYNONYMS_FILE,)

try:
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # PyYAML built without libyaml: the pure-Python loader is just slower
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]


class _StrictLoader(_SafeLoader):
    """Safe loader that rejects a key given twice in one mapping instead of keeping the last."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[object] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if isinstance(key, str | int | float | bool) and key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_documents(data_dir: Path) -> tuple[dict[str, object], list[str], set[str]]:
    """Parse every data file present; return the documents, problems and the failed files."""
    documents: dict[str, object] = {}
    problems: list[str] = []
    failed: set[str] = set()
    for name in (*REQUIRED_FILES, *OPTIONAL_FILES):
        path = data_dir / name
        if not path.is_file():
            continue
        try:
            documents[name] = yaml.load(path.read_text(encoding="utf-8"), Loader=_StrictLoader)
        except yaml.YAMLError as exc:
            problems.append(f"{name}: invalid YAML: {' '.join(str(exc).split())}")
            failed.add(name)
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(f"{name}: cannot read: {exc}")
            failed.add(name)
    return documents, problems, failed

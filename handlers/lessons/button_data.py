"""The callback data of the lesson and quote buttons: ids packed into two characters each.

Callback data is at most 64 bytes, too little for a query or a list of ids. A lesson or quote
id is "<source>-NN" (quotes: "q-<source>-NN"); it is packed into two characters: one for the
source ("1".."9" for 1.1..1.9, "a".."i" for 2.1..2.9, "x"/"y" for the appendices, "v" for the
VAN→NAAR table) and the number in base 36. A lesson harvested at a meeting ("oogst-N") takes
three: "o" and N in two base-36 digits. The packing is derived from the ids alone, so a
button keeps working after a restart and after lessons are added.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.core.messages import CALLBACK_DATA_MAX_BYTES

_SPECIAL_SOURCES = {"bijlage-1": "x", "bijlage-2": "y", "van-naar": "v"}
_SPECIAL_CODES = {code: source for source, code in _SPECIAL_SOURCES.items()}
_PART_TWO = "abcdefghi"
_BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"
_ITEM_ID = re.compile(r"(?P<prefix>q-)?(?P<source>.+)-(?P<number>\d{2})")
_HARVESTED_ID = re.compile(r"oogst-(?P<number>\d+)")
_HARVESTED = "o"


def _source_code(source: str) -> str | None:
    match = re.fullmatch(r"([12])\.([1-9])", source)
    if match:
        number = int(match[2])
        return str(number) if match[1] == "1" else _PART_TWO[number - 1]
    return _SPECIAL_SOURCES.get(source)


def _code_source(code: str) -> str | None:
    if code.isdigit() and code != "0":
        return f"1.{code}"
    if code in _PART_TWO:
        return f"2.{_PART_TWO.index(code) + 1}"
    return _SPECIAL_CODES.get(code)


def pack_id(item_id: str) -> str | None:
    """ "2.4-03" -> "d3", "q-1.9-08" -> "98", "oogst-40" -> "o14"; None when the id does not
    have such a form."""
    harvested = _HARVESTED_ID.fullmatch(item_id)
    if harvested:
        number = int(harvested["number"])
        if number >= len(_BASE36) ** 2:
            return None
        return _HARVESTED + _BASE36[number // len(_BASE36)] + _BASE36[number % len(_BASE36)]
    match = _ITEM_ID.fullmatch(item_id)
    if not match or int(match["number"]) >= len(_BASE36):
        return None
    code = _source_code(match["source"])
    return None if code is None else code + _BASE36[int(match["number"])]


def unpack_ids(packed: str, prefix: str = "") -> list[str]:
    """The ids of a packed string, in order; unknown pairs are skipped."""
    ids = []
    start = 0
    while start < len(packed) - 1:
        if packed[start] == _HARVESTED and not prefix:
            if start + 2 >= len(packed):
                break
            high, low = _BASE36.find(packed[start + 1]), _BASE36.find(packed[start + 2])
            if high >= 0 and low >= 0:
                ids.append(f"oogst-{high * len(_BASE36) + low}")
            start += 3
            continue
        source = _code_source(packed[start])
        number = _BASE36.find(packed[start + 1])
        if source is not None and number >= 0:
            ids.append(f"{prefix}{source}-{number:02d}")
        start += 2
    return ids


def packed_data(head: str, item_ids: Sequence[str]) -> str:
    """ "<head><packed ids>", with as many ids as fit in a button."""
    data = head
    for item_id in item_ids:
        code = pack_id(item_id)
        if code is None:
            continue
        if not fits(data + code):
            break
        data += code
    return data


def fits(data: str) -> bool:
    """Whether `data` fits in a button's callback data."""
    return len(data.encode()) <= CALLBACK_DATA_MAX_BYTES

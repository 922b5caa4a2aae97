"""Shareable scenario links: a scenario's base id, names and own levers packed into one URL
parameter (``?s=…``) that reproduces the scenario exactly.

The payload is JSON (floats written with Python's shortest round-trip repr, so every value comes
back bit-for-bit), deflated and base64url-encoded. Decoding never evaluates anything: it is
size-limited, decompressed with a cap, parsed as JSON and the levers then go through the same
validation as a scenario file (``model.scenarios.library.scenario_from_levers``).
"""
from __future__ import annotations

import base64
import json
import zlib
from dataclasses import dataclass
from typing import Mapping

from model.errors import InputError, Problem

VERSION = 1
MAX_PARAM_CHARS = 8_000
MAX_JSON_BYTES = 200_000
PARAM_NAME = "s"


@dataclass(frozen=True)
class SharedScenario:
    """What a link carries: the base scenario id, the scenario's own id and names, its levers."""

    base: str
    id: str
    name_zh: str
    name_en: str
    levers: dict[str, float | dict[int, float]]


def encode(shared: SharedScenario) -> str:
    """``SharedScenario`` → URL-safe text."""
    levers = {name: ({str(y): float(v) for y, v in sorted(value.items())}
                     if isinstance(value, Mapping) else float(value))
              for name, value in sorted(shared.levers.items())}
    payload = {"v": VERSION, "base": shared.base, "id": shared.id, "zh": shared.name_zh,
               "en": shared.name_en, "levers": levers}
    raw = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    packed = zlib.compress(raw.encode("utf-8"), 9)
    return base64.urlsafe_b64encode(packed).decode("ascii").rstrip("=")


def _bad(value: object, what_zh: str, what_en: str) -> InputError:
    return InputError([Problem("URL", PARAM_NAME, value, what_zh, what_en,
                               "由本应用“复制分享链接”生成的参数",
                               "a parameter made by this app's share link")])


def decode(text: str) -> SharedScenario:
    """URL text → ``SharedScenario``. Raises :class:`InputError` if it is not a valid link."""
    shown = text if len(text) <= 40 else text[:37] + "…"
    if len(text) > MAX_PARAM_CHARS:
        raise _bad(shown, "链接参数过长", "the link parameter is too long")
    try:
        packed = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        inflater = zlib.decompressobj()
        raw = inflater.decompress(packed, MAX_JSON_BYTES)
        if inflater.unconsumed_tail:
            raise _bad(shown, "链接内容过大", "the link content is too large")
        payload = json.loads(raw.decode("utf-8"))
    except InputError:
        raise
    except (ValueError, zlib.error, UnicodeDecodeError):
        raise _bad(shown, "无法解读链接参数", "the link parameter cannot be read") from None
    if not isinstance(payload, dict) or payload.get("v") != VERSION:
        raise _bad(shown, "链接版本不受支持", "unsupported link version")
    levers_raw = payload.get("levers")
    strings = [payload.get(k) for k in ("base", "id", "zh", "en")]
    if not isinstance(levers_raw, dict) or not all(isinstance(s, str) for s in strings):
        raise _bad(shown, "链接内容不完整", "the link content is incomplete")
    levers: dict[str, float | dict[int, float]] = {}
    for name, value in levers_raw.items():
        if isinstance(value, dict):
            try:
                levers[name] = {int(y): v for y, v in value.items()}
            except ValueError:
                raise _bad(shown, f"参数 {name} 的年份不是整数",
                           f"lever {name} has a year that is not an integer") from None
        else:
            levers[name] = value  # type checked by the scenario validator
    base, sid, zh, en = strings
    return SharedScenario(base=base, id=sid, name_zh=zh, name_en=en, levers=levers)

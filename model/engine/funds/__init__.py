"""The five funds, each a peer module with the same interface (see ``model.engine.funds.base``).

``REGISTRY`` maps fund id → module, in the report's order. A new fund is one new module here.
"""
from __future__ import annotations

from types import ModuleType

from model.engine.funds import (enterprise_pension, public_pension, resident_pension, unemployment,
                         work_injury)

REGISTRY: dict[str, ModuleType] = {
    m.FUND: m for m in (enterprise_pension, public_pension, resident_pension, work_injury, unemployment)
}

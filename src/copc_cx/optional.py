"""Operations that need a library the core wheel does not carry, and which module answers them.

The core the browser loads is standard-library-only. A few operations need more: the Excel workbooks
(openpyxl) and the calendar file (icalendar). Each lives in a module of its own with the same three
names: `OPERATIONS` (the operations it answers), `PACKAGES` (the distributions, as named in the
site-local Pyodide lock, that must be importable first; their dependencies come from the lock) and
`handle(request_json)` (copc_cx.web.handle's contract for those operations). `HANDLERS` lists those
modules; `OPTIONAL_OPERATIONS` is what the browser's engine is told, built from them, so the
operation names and packages are written only once, in their module.

Importing this module imports the handler modules but none of their libraries: each imports its
library inside the functions that need it. The browser's engine imports them at boot, so that its
memory snapshot holds them (a snapshot keeps the interpreter's memory, not the core's files), and
before calling `handle` loads the packages an operation names, from the site, on first use only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import ModuleType

from . import ical
from .files import process_workbook, workbook

HANDLERS: tuple[ModuleType, ...] = (workbook, process_workbook, ical)


@dataclass(frozen=True)
class OptionalOperation:
    module: str  # the module whose handle(request_json) answers the operation
    packages: tuple[str, ...]  # what the browser loads first (names of the site-local lock)

    def as_dict(self) -> dict[str, object]:
        return {"module": self.module, "packages": list(self.packages)}


def _registry(handlers: tuple[ModuleType, ...]) -> dict[str, OptionalOperation]:
    found: dict[str, OptionalOperation] = {}
    for module in handlers:
        operations: Mapping[str, object] = module.OPERATIONS
        for op in operations:
            if op in found:
                raise ValueError(f"operation {op!r} is answered by both {found[op].module} and {module.__name__}")
            found[op] = OptionalOperation(module.__name__, tuple(module.PACKAGES))
    return found


OPTIONAL_OPERATIONS: dict[str, OptionalOperation] = _registry(HANDLERS)


def handler_modules() -> tuple[str, ...]:
    """The modules the engine imports at boot (and the site's memory snapshot holds)."""
    return tuple(module.__name__ for module in HANDLERS)


def packages() -> tuple[str, ...]:
    """Every package an optional operation names (without the dependencies the lock adds)."""
    return tuple(sorted({name for operation in OPTIONAL_OPERATIONS.values() for name in operation.packages}))


def catalog_json() -> dict[str, dict[str, object]]:
    """The registry as the catalog operation (and the engine's generated config) gives it."""
    return {op: operation.as_dict() for op, operation in sorted(OPTIONAL_OPERATIONS.items())}

"""What the workbook tests share: a workbook as a person leaves it after editing it in Excel."""

from __future__ import annotations

import io
from collections.abc import Callable

from openpyxl import Workbook, load_workbook


def edited(data: bytes, edit: Callable[[Workbook], object]) -> bytes:
    """The workbook after a person's edit (`edit(book)`), saved again as Excel would."""
    book = load_workbook(io.BytesIO(data))
    edit(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

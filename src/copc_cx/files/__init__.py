"""Assessments as files: the JSON assessment file (`assessment_file`, standard library only), the
process-certification file in the same style (`process_file`, standard library only) and the Excel
workbook (`workbook`, which imports openpyxl only inside its functions).

The modules are imported with `copc_cx.web`, so the browser's memory snapshot of the core holds
them; the workbook's library is loaded only when a reader exports or imports a workbook.
"""

from . import assessment_file, process_file, workbook

__all__ = ["assessment_file", "process_file", "workbook"]

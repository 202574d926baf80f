"""Assessments as files: the JSON assessment file (`assessment_file`, standard library only), the
process-certification file in the same style (`process_file`, standard library only) and the Excel
workbook of each (`workbook`, `process_workbook`, built on what `xlsx` shares; they import openpyxl
only inside their functions).

The modules are imported with `copc_cx.web`, so the browser's memory snapshot of the core holds
them; the workbooks' library is loaded only when a reader exports or imports a workbook.
"""

from . import assessment_file, process_file, process_workbook, workbook, xlsx

__all__ = ["assessment_file", "process_file", "process_workbook", "workbook", "xlsx"]

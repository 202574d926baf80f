"""The registry of the operations that need an optional package (copc_cx.optional): every operation
of each handler module is in it with that module and its packages, and nothing else is; none of them
is also an operation of copc_cx.web; importing it imports none of the packages."""

from __future__ import annotations

import json
import subprocess
import sys

from copc_cx import ical, optional, web
from copc_cx.files import process_workbook, workbook


def test_every_operation_of_the_workbooks_and_the_calendar_file_is_registered_with_its_module() -> None:
    expected: dict[str, tuple[str, tuple[str, ...]]] = {
        op: ("copc_cx.files.workbook", ("openpyxl",)) for op in workbook.OPERATIONS}
    expected |= {op: ("copc_cx.files.process_workbook", ("openpyxl",)) for op in process_workbook.OPERATIONS}
    expected |= {op: ("copc_cx.ical", ("icalendar", "python-dateutil", "tzdata")) for op in ical.OPERATIONS}
    registered = {op: (o.module, o.packages) for op, o in optional.OPTIONAL_OPERATIONS.items()}
    assert registered == expected
    assert set(registered) == {"workbook-write", "workbook-read", "process-workbook-write", "process-workbook-read",
                               "timeline-ics"}
    assert optional.handler_modules() == ("copc_cx.files.workbook", "copc_cx.files.process_workbook", "copc_cx.ical")
    assert optional.packages() == ("icalendar", "openpyxl", "python-dateutil", "tzdata")


def test_an_optional_operation_is_never_one_of_the_cores_own() -> None:
    assert not set(optional.OPTIONAL_OPERATIONS) & set(web.OPERATIONS)


def test_the_catalog_tells_the_browser_which_module_answers_each_and_what_it_loads_first() -> None:
    catalog = web.call({"op": "catalog", "input": {}})["result"]
    assert catalog["optional_operations"] == {
        "process-workbook-read": {"module": "copc_cx.files.process_workbook", "packages": ["openpyxl"]},
        "process-workbook-write": {"module": "copc_cx.files.process_workbook", "packages": ["openpyxl"]},
        "timeline-ics": {"module": "copc_cx.ical", "packages": ["icalendar", "python-dateutil", "tzdata"]},
        "workbook-read": {"module": "copc_cx.files.workbook", "packages": ["openpyxl"]},
        "workbook-write": {"module": "copc_cx.files.workbook", "packages": ["openpyxl"]},
    }


def test_each_handler_module_answers_its_operations_with_webs_contract() -> None:
    for op, operation in optional.OPTIONAL_OPERATIONS.items():
        handle = sys.modules[operation.module].handle
        answer = json.loads(handle(json.dumps({"op": op, "input": []})))
        assert answer["ok"] is False and answer["errors"][0]["field"] == "input", (op, answer)


def test_a_module_answering_an_operation_already_registered_is_refused() -> None:
    try:
        optional._registry((workbook, workbook))
    except ValueError as error:
        assert "workbook-write" in str(error)
    else:
        raise AssertionError("the same operation twice was accepted")


def test_importing_the_registry_imports_no_optional_package() -> None:
    script = ("import json, sys, copc_cx.optional\n"
              "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
              "('openpyxl', 'et_xmlfile', 'icalendar', 'dateutil', 'tzdata'))))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []

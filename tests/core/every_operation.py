"""Requests that reach every operation of copc_cx.web: each worked example, and requests that
exercise the errors. Tests that must see every operation run (Pyodide parity, the optional
libraries never imported) share this list; tests/core/test_pyodide_parity.py checks it covers them all."""

from __future__ import annotations

import json
from typing import Any

from copc_cx.examples import EXAMPLES, EXAMPLES_BY_ID
from copc_cx.registry import CALCULATORS_BY_NAME

# every worked example, and requests that exercise the errors
REQUESTS: list[dict[str, Any]] = [
    {"op": "catalog", "input": {}},
    *({"op": CALCULATORS_BY_NAME[e.calculator].op, "input": e.input} for e in EXAMPLES),
    {"op": "item-score", "input": {"edition": "CSP", "item": "2.15", "met": "abc", "applicable": "",
                                   "deployed": "-1", "total": "0"}},
    {"op": "item-score", "input": {"edition": "CSP", "item": "2.16", "met": "1", "applicable": "1",
                                   "deployed": "1", "total": "1"}},
    {"op": "performance", "input": {"edition": "OSP", "item": "4.2b", "achieved": "7", "improving": "5",
                                    "total": "３０"}},
    {"op": "performance", "input": {"edition": "CSP", "item": "4.5", "achieved": "8", "improving": "5",
                                    "total": "10"}},
    {"op": "channel-performance", "input": {"edition": "OSP", "item": "4.4", "types": {
        "service": {"achieved": "4", "improving": "0", "total": "10"},
        "sales": {"achieved": "", "improving": "", "total": ""},
        "quality": {"achieved": "", "improving": "", "total": ""}}}},
    {"op": "rule-50-75", "input": {"at_target": "70", "at_target_or_improving": "60", "total": "100"}},
    {"op": "applicable-points", "input": {"edition": "OSP", "human_assisted": False, "digital_assisted": True,
                                          "excluded": ["2.4", "3.1"]}},
    {"op": "applicable-points", "input": {"edition": "CSP", "human_assisted": False, "digital_assisted": False}},
    {"op": "self-assessment", "input": {"edition": "OSP", "digital_assisted": False, "items": {
        "4.4": {"achieved": "1", "improving": "1", "total": "2"},
        "2.16": {"met": "9", "applicable": "3", "deployed": "1", "total": "1"}}}},
    {"op": "process-certification", "input": {
        "edition": "OSP", "block": "client-management",
        "requirements_met": ["client-management.cuika"],
        "entity": {"client-management.rfx-timeliness": {"months_at_target": "9", "months_measured": "12"}},
        "sites": {"那覇": {"client-management.report-timeliness": {"months_at_target": "2",
                                                                    "months_measured": "4"}}}}},
    {"op": "process-certification", "input": {
        "edition": "CSP", "block": "quality", "include_optional": "true",
        "entity": {"quality.defect-rate": {"months_at_target": "13", "months_measured": "12"}}, "sites": {}}},
    {"op": "renewal", "input": {"pst_at_target": "x", "pst_total": "0"}},
    {"op": "self-assessment", "input": {"edition": "CSP", "items": {"2.1": 5}, "excluded": 5}},
    {"op": "metrics-table", "input": {"edition": "CSP", "months": ["2024-01", "2024-01"], "rows": [
        {"name": "A", "item": "4.7", "target": "", "results": ["x"]}, {"name": "A"}]}},
    {"op": "metrics-paste", "input": {"edition": "CSP", "text": "指標名\t項目\tレベル\t目標\t良い方向\t2024年1月\n"
                                                                 "満足度\t4.1\t主体組織\t80%\t高い\t８１％\nB\t4.3\t\t\t\tx"}},
    {"op": "metrics-export", "input": {"edition": "OSP", "format": "csv", "lang": "en", "months": ["2024-01"],
                                       "rows": [{"name": "A, B", "item": "4.2", "level": "クライアント",
                                                 "results": ["1"]}]}},
    {"op": "metrics-template", "input": {"edition": "OSP", "lang": "en", "clients": ["X"], "programs": ["P"]}},
    {"op": "certification-plan", "input": {**EXAMPLES_BY_ID["pending-at-96"].input, "items": {
        **EXAMPLES_BY_ID["pending-at-96"].input["items"],
        "4.1": {"achieved": "10", "improving": "5", "total": "50"},
        "4.6": {"at_target": "40", "at_target_or_improving": "60", "total": "100"}}}},
    {"op": "certification-plan", "input": {"edition": "CSP", "items": {"2.8": {"met": "x"}}}},
    {"op": "process-plan", "input": EXAMPLES_BY_ID["level-rule-two-sites"].input},
    {"op": "self-assessment-report", "input": {**EXAMPLES_BY_ID["pending-at-96"].input, "lang": "en",
                                               "organisation": "みどり保険", "notes": {"2.8": "<b>改訂中</b>"}}},
    {"op": "process-report", "input": {**EXAMPLES_BY_ID["level-rule-two-sites"].input, "build_id": "0123abcd"}},
    {"op": "assessment-file-read", "input": {"text": json.dumps({
        "format": "copc-cx-assessment", "version": 1, "organisation": "那覇センター", "date": "2026-12-05",
        "edition": "CSP", "items": {"2.15": {"met": 3, "applicable": 4, "deployed": "x", "total": 5}},
        "notes": {"2.15": "根拠: 手順書"}})}},
    {"op": "assessment-file-read", "input": {"text": '{"format": "copc-cx-assessment", "version": 3}'}},
    {"op": "assessment-file-read", "input": {"size": 20_000_000}},
    {"op": "assessment-file-write", "input": {"edition": "OSP", "organisation": "Example", "items": {
        "4.4": {"types": {"service": {"achieved": "1", "improving": "1", "total": "2"}}}}}},
    {"op": "assessment-file-write", "input": {"edition": "CSP", "items": {"4.1": {"achieved": 2, "total": 3}},
                                              "metrics": {"months": ["2026-01", "2026-02"], "rows": [
        {"name": "顧客満足度", "item": "4.1", "level": "プログラム", "unit": "P01", "target": "85%",
         "direction": "高いほど良い", "results": ["84", "86"]},
        {"name": "Accuracy", "item": "4.1", "level": "entity", "target": "98", "direction": "higher",
         "improving": "yes", "results": ["97", "97.5"]}]}}},
    {"op": "assessment-file-read", "input": {"text": json.dumps({
        "format": "copc-cx-assessment", "version": 2, "edition": "CSP", "metrics": {"months": ["2026-01"], "rows": [
            {"name": "AHT", "item": "4.3", "type": "効率性", "level": "entity", "target": "三百",
             "direction": "lower", "results": ["310"]}]}})}},
    {"op": "process-file-write", "input": {**EXAMPLES_BY_ID["level-rule-two-sites"].input, "assessor": "田中",
                                           "date": "2026-12-05"}},
    {"op": "process-file-read", "input": {"text": json.dumps({
        "format": "copc-cx-process-assessment", "version": 1, "edition": "CSP", "block": "quality",
        "entity": {"quality.accuracy": {"months_at_target": "三", "months_measured": 4}}, "sites": {"那覇": {}}})}},
    {"op": "process-file-read", "input": {"size": 20_000_000}},
    {"op": "nope", "input": {}},
]


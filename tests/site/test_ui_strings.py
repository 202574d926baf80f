"""calculators/i18n.mjs: every string the calculators show exists in Japanese and in English."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

I18N = Path(__file__).resolve().parents[2] / "calculators" / "i18n.mjs"
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def strings() -> dict[str, dict[str, str]]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is missing: run `make setup`")
    script = f"import {{ STRINGS }} from {json.dumps(I18N.as_uri())}; console.log(JSON.stringify(STRINGS));"
    out = subprocess.run([node, "--input-type=module", "-e", script], capture_output=True, text=True, check=True)
    table: dict[str, dict[str, str]] = json.loads(out.stdout)
    return table


def test_both_languages_have_the_same_strings_with_the_same_placeholders() -> None:
    table = strings()
    assert set(table) == {"ja", "en"}
    assert sorted(table["ja"]) == sorted(table["en"])
    for key, japanese in table["ja"].items():
        english = table["en"][key]
        assert japanese.strip() and english.strip(), key
        assert set(PLACEHOLDER.findall(japanese)) == set(PLACEHOLDER.findall(english)), key

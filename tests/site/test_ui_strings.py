"""The calculators' strings: the shared ones (calculators/i18n.mjs), each widget's own
(calculators/widgets/<name>.strings.mjs) and a kit module's (calculators/kit/<name>.strings.mjs)
exist in Japanese and in English, with the same
placeholders, each key in one module only, and every key used by the code."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

CALCULATORS = Path(__file__).resolve().parents[2] / "calculators"
SHARED = CALCULATORS / "i18n.mjs"
PLACEHOLDER = re.compile(r"\{(\w+)\}")

Table = dict[str, dict[str, str]]


def string_modules() -> list[Path]:
    return [SHARED, *sorted((CALCULATORS / "kit").glob("*.strings.mjs")),
            *sorted((CALCULATORS / "widgets").glob("*.strings.mjs"))]


def tables() -> dict[str, Table]:
    """Every strings module's table ({ja, en}), by its path under calculators/ (one Node run)."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is missing: run `make setup`")
    imports = "".join(
        f"import {'{ STRINGS as' if path == SHARED else ''} m{n}{' }' if path == SHARED else ''} "
        f"from {json.dumps(path.as_uri())};\n" for n, path in enumerate(string_modules()))
    names = {f"m{n}": path.relative_to(CALCULATORS).as_posix() for n, path in enumerate(string_modules())}
    script = imports + "console.log(JSON.stringify({" + ", ".join(
        f"{json.dumps(name)}: {var}" for var, name in names.items()) + "}));"
    out = subprocess.run([node, "--input-type=module", "-e", script], capture_output=True, text=True, check=True)
    found: dict[str, Table] = json.loads(out.stdout)
    return found


def test_every_strings_module_has_the_same_strings_in_both_languages_with_the_same_placeholders() -> None:
    for module, table in tables().items():
        assert set(table) == {"ja", "en"}, module
        assert sorted(table["ja"]) == sorted(table["en"]), module
        for key, japanese in table["ja"].items():
            english = table["en"][key]
            assert japanese.strip() and english.strip(), (module, key)
            assert set(PLACEHOLDER.findall(japanese)) == set(PLACEHOLDER.findall(english)), (module, key)


def test_a_key_lives_in_one_module() -> None:
    # the translator looks a widget's strings up before the shared ones: a key in both would
    # silently change what the shared one says
    owners: dict[str, list[str]] = {}
    for module, table in tables().items():
        for key in table["ja"]:
            owners.setdefault(key, []).append(module)
    assert {key: modules for key, modules in owners.items() if len(modules) > 1} == {}


def test_every_key_is_used() -> None:
    code = "\n".join(p.read_text(encoding="utf-8") for p in CALCULATORS.rglob("*.mjs")
                     if not p.name.endswith(".strings.mjs") and p != SHARED)
    unused = []
    for module, table in tables().items():
        for key in table["ja"]:
            prefix = key.rsplit(".", 1)[0]
            # t("key"), or a key made from its prefix: t(`status.${stage}`)
            if f'"{key}"' not in code and f"`{prefix}.${{" not in code:
                unused.append(f"{module}: {key}")
    assert unused == []


def test_the_japanese_strings_use_the_guides_words() -> None:
    # a site is 拠点, the browser ブラウザー (docs' terminology); pending is 申請中
    japanese = " ".join(text for table in tables().values() for text in table["ja"].values())
    assert "サイト" not in japanese.replace("このサイト", "")
    assert re.search(r"ブラウザ(?!ー)", japanese) is None
    assert "保留" not in japanese

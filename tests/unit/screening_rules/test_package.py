"""The package as a whole: what it imports, how its modules depend on each other, their size."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from graphlib import CycleError, TopologicalSorter

from screening_rules import DEFAULT_ROOT

MODULES = sorted(DEFAULT_ROOT.glob("*.py"))
PROJECT = DEFAULT_ROOT.parent


def test_the_engine_imports_nothing_from_django():
    code = (
        "import sys, screening_rules; "
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django imported'"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )

    assert completed.returncode == 0, completed.stderr


def test_modules_import_each_other_without_cycles_and_only_at_the_top():
    graph: dict[str, set[str]] = {}
    nested = []
    for path in MODULES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        graph[path.stem] = {
            node.module or ""
            for node in tree.body
            if isinstance(node, ast.ImportFrom) and node.level == 1
        }
        nested += [
            f"{path.name}:{node.lineno}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Import | ast.ImportFrom) and node.col_offset > 0
        ]

    assert nested == []
    try:
        TopologicalSorter(graph).prepare()
    except CycleError as cycle:
        raise AssertionError(f"import cycle: {cycle.args[1]}") from None


def test_no_module_is_over_500_lines():
    lengths = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in MODULES}

    assert {name: n for name, n in lengths.items() if n > 500} == {}


def test_files_named_in_the_code_exist():
    missing = []
    for path in MODULES:
        for name in re.findall(r"[\w/]+\.(?:py|md)\b", path.read_text(encoding="utf-8")):
            if not ((DEFAULT_ROOT / name).exists() or (PROJECT / name).exists()):
                missing.append(f"{path.name} names {name}")

    assert missing == []

"""eia/pdf/__init__.py: the package's public names, and the import rules its docstring states."""

import ast
from pathlib import Path

import pytest

import eia.pdf
from eia.pdf import document, full, summary, text

PACKAGE = Path(eia.pdf.__file__).parent
# Each module may import only the modules before it.
LAYERS = ["document", "text", "layout", "full", "summary", "report", "__init__"]


def parse(module: str) -> ast.Module:
    return ast.parse((PACKAGE / f"{module}.py").read_text())


def test_every_module_is_in_a_layer():
    assert sorted(path.stem for path in PACKAGE.glob("*.py")) == sorted(LAYERS)


@pytest.mark.parametrize("module", LAYERS)
def test_modules_import_no_django_no_other_eia_module_and_only_earlier_layers(module):
    tree = parse(module)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Import | ast.ImportFrom):
            continue
        assert node in tree.body, f"{module}.py imports inside a function, line {node.lineno}"
        if isinstance(node, ast.ImportFrom) and node.level:
            target = (node.module or "").split(".")[0]
            assert LAYERS.index(target) < LAYERS.index(module), f"{module} imports {target}"
            continue
        names = [node.module] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
        for name in names:
            assert name.split(".")[0] not in ("django", "eia", "workflows"), f"{module}: {name}"


def test_public_names_are_the_modules_own():
    assert eia.pdf.render_full is full.render_full
    assert eia.pdf.render_summary is summary.render_summary
    assert eia.pdf.check_size is text.check_size
    assert eia.pdf.DocumentTooLarge is text.DocumentTooLarge
    assert eia.pdf.AssessmentDocument is document.AssessmentDocument
    assert eia.pdf.equality_implications is document.equality_implications
    for name in eia.pdf.__all__:
        assert hasattr(eia.pdf, name)

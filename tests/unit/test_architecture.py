"""The layout stays as ARCHITECTURE.md draws it: every path it names exists, every path a comment
names exists, no import cycles, no imports hidden in functions, no module over 500 lines.
The dependency direction itself is checked by import-linter in `make lint` (pyproject.toml)."""

import ast
import re
import tokenize
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[2]


def test_every_path_named_in_architecture_md_exists():
    text = (ROOT / "ARCHITECTURE.md").read_text()
    missing = []
    for ref in re.findall(r"`([^`\s]+)`", text):
        path, _, test_name = ref.partition("::")
        if "/" not in path and not path.endswith((".py", ".md", ".toml")):
            continue
        file = ROOT / path
        if not file.exists():
            missing.append(path)
        elif test_name and f"def {test_name}(" not in file.read_text():
            missing.append(ref)
    assert missing == [], f"ARCHITECTURE.md names things that do not exist: {missing}"


PACKAGES = ("due_regard", "equality", "eia", "workflows", "screening_rules")


def _source_files():
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path


def test_no_import_cycle_among_the_projects_modules():
    """Tarjan's strongly connected components over grimp's import graph: a component of more
    than one module is a cycle. (A package importing its own submodules is not a cycle.)"""
    graph = grimp.build_graph(*PACKAGES)
    modules = sorted(m for m in graph.modules if m.split(".")[0] in PACKAGES)

    def imports(module):
        return {
            imported
            for imported in graph.find_modules_directly_imported_by(module)
            if imported.split(".")[0] in PACKAGES and not module.startswith(imported + ".")
        }

    index, low, on_stack, stack, cycles = {}, {}, set(), [], []

    def visit(module):
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in imports(module):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in modules:
        if module not in index:
            visit(module)
    assert cycles == []


def test_no_import_inside_a_function():
    """Imports sit at the top of a module, where a cycle would show, never inside a function."""
    offenders = []
    for path in _source_files():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                offenders += [
                    f"{path.relative_to(ROOT)}:{inner.lineno}"
                    for inner in ast.walk(node)
                    if isinstance(inner, ast.Import | ast.ImportFrom)
                ]
    assert offenders == []


# A path as code comments and docstrings name one: a/b.py or a/b/ with a known top folder.
COMMENT_PATH = re.compile(
    r"(?<![\w./-])((?:eia|equality|workflows|screening_rules|due_regard|tests|templates|static_src|"
    r"benchmarks)/[\w./-]*[\w/])"
)


def _comments_and_docstrings(path):
    """(line, text) of every comment and docstring: where prose names files."""
    source = path.read_text()
    with path.open("rb") as handle:
        for token in tokenize.tokenize(handle.readline):
            if token.type == tokenize.COMMENT:
                yield token.start[0], token.string
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            docstring = ast.get_docstring(node, clean=False)
            if docstring and node.body:
                yield node.body[0].lineno, docstring


def test_every_path_named_in_a_code_comment_exists():
    missing = []
    for path in [*_source_files(), *(ROOT / "tests").rglob("*.py")]:
        for line_number, text in _comments_and_docstrings(path):
            for named in COMMENT_PATH.findall(text):
                if "*" in named or "<" in named:
                    continue
                if not (ROOT / named.rstrip("/")).exists():
                    missing.append(f"{path.relative_to(ROOT)}:{line_number} names {named}")
    assert missing == []


def test_no_module_is_over_500_lines():
    long = {
        str(path.relative_to(ROOT)): lines
        for path in _source_files()
        if (lines := len(path.read_text().splitlines())) > 500
    }
    assert long == {}

"""The layout stays as built: imports only look down, no loops, no module too long.

The floors are declared once, in `secor_xl/floors.py`. The imports are read with
`ast` (lazy imports inside functions included), resolved to the module they
name, and judged at two levels: top-level parts of the package (floors, loops
between packages) and single files (loops between files).
"""

from __future__ import annotations

import ast
import textwrap
from collections.abc import Iterable
from pathlib import Path

import pytest

from secor_xl.floors import FLOORS, MAX_LINES, floor_of

PACKAGE = Path(__file__).resolve().parent.parent / "secor_xl"


def module_files(root: Path) -> dict[str, Path]:
    """Dotted module name -> file, for every module under root (a package)."""
    modules = {}
    for path in sorted(root.rglob("*.py")):
        parts = [root.name, *path.relative_to(root).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts)] = path
    return modules


def imports(modules: dict[str, Path]) -> set[tuple[str, str, int]]:
    """(importer, imported module, line) for every import of one module by another.

    Import statements anywhere (inside functions and `if TYPE_CHECKING:` too) and
    `importlib.import_module("...")` / `__import__("...")` with a literal name count.
    A name taken from the package itself (`from .. import build_workbook`) counts as
    an import of the package, the top floor.
    """
    edges = set()
    top = next(iter(modules)).split(".")[0]
    for name, path in modules.items():
        package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package[: len(package) - node.level + 1]
                    stem = ".".join(base + ([node.module] if node.module else []))
                else:
                    stem = node.module or ""
                # `from . import cells` names a module; `from .x import f` names x.
                targets = [f"{stem}.{a.name}" if f"{stem}.{a.name}" in modules else stem
                           for a in node.names]
            elif isinstance(node, ast.Call) and _dynamic_import(node):
                targets = [node.args[0].value]  # type: ignore[attr-defined]
            else:
                continue
            for target in targets:
                while target not in modules and "." in target:
                    target = target.rsplit(".", 1)[0]
                if target.split(".")[0] == top and target in modules and target != name:
                    edges.add((name, target, node.lineno))
    return edges


def _dynamic_import(node: ast.Call) -> bool:
    """importlib.import_module("x.y") or __import__("x.y"), with a literal name."""
    func = node.func
    called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return (called in ("import_module", "__import__") and len(node.args) >= 1
            and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str))


def part(module: str) -> str:
    """The top-level part of the package a module belongs to ('' for the package itself)."""
    pieces = module.split(".")
    return pieces[1] if len(pieces) > 1 else ""


def upward(edges: Iterable[tuple[str, str, int]], floors: dict[str, int]) -> list[str]:
    """Imports from a part to a part on a higher floor; the package itself is the top."""
    top = max(floors.values(), default=0) + 1
    level = {**floors, "": top}
    return sorted(f"{a} (line {line}) imports {b}: floor {level[part(a)]} -> {level[part(b)]}"
                  for a, b, line in edges
                  if part(a) and level[part(b)] > level[part(a)])


def loops(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one node (Tarjan), as sorted lists."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def problems(root: Path, floors: dict[str, int]) -> list[str]:
    """Everything wrong with the layout of the package at root, one line each."""
    modules = module_files(root)
    edges = imports(modules)
    found = [f"{m}: not on any floor (add it to secor_xl/floors.py)"
             for m in sorted({part(m) for m in modules} - set(floors) - {""})]
    if found:
        return found
    found += upward(edges, floors)
    packages: dict[str, set[str]] = {}
    files: dict[str, set[str]] = {}
    for a, b, _line in edges:
        files.setdefault(a, set()).add(b)
        if part(a) and part(b) and part(a) != part(b):
            packages.setdefault(part(a), set()).add(part(b))
    found += [f"loop between packages: {' <-> '.join(g)}" for g in loops(packages)]
    found += [f"loop between files: {' <-> '.join(g)}" for g in loops(files)]
    for path in modules.values():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES and "data" not in path.stem:
            found.append(f"{path.relative_to(root.parent)}: {lines} lines, over {MAX_LINES}")
    return found


def secor_floors() -> dict[str, int]:
    return {name: number for number, parts in enumerate(FLOORS) for name in parts}


def test_secor_xl_imports_only_look_down_with_no_loops_and_no_long_module() -> None:
    assert problems(PACKAGE, secor_floors()) == []


def test_every_floor_name_is_a_real_part_of_the_package() -> None:
    present = {part(m) for m in module_files(PACKAGE)}
    assert sorted(set(secor_floors()) - present) == []
    assert floor_of("reader") == 1 and floor_of("nonexistent") is None


# The checker itself, on small packages made here: it must catch what it promises.

def make_package(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "pkg"
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


FLOORS_OF_TOY = {"base": 0, "reader": 1, "cli": 2}


def test_checker_passes_a_package_that_looks_down(tmp_path: Path) -> None:
    root = make_package(tmp_path, {
        "__init__.py": "", "base.py": "X = 1\n",
        "reader/__init__.py": "", "reader/read.py": "from ..base import X\n",
        "cli.py": "from .reader.read import X\nfrom . import base\n",
    })
    assert problems(root, FLOORS_OF_TOY) == []


@pytest.mark.parametrize(("files", "expected"), [
    ({"base.py": "def f():\n    from .reader import read\n",  # lazy, upward
      "reader/__init__.py": "", "reader/read.py": "", "cli.py": ""},
     "pkg.base (line 2) imports pkg.reader.read: floor 0 -> 1"),
    ({"base.py": "", "cli.py": "", "reader/__init__.py": "",
      "reader/a.py": "from .b import x\n", "reader/b.py": "from . import a\nx = 1\n"},
     "loop between files: pkg.reader.a <-> pkg.reader.b"),
    ({"base.py": "import pkg.cli\n", "cli.py": "", "reader/__init__.py": ""},
     "pkg.base (line 1) imports pkg.cli: floor 0 -> 2"),
    ({"base.py": "def f():\n    from . import exported\n", "cli.py": "",
      "reader/__init__.py": ""},  # a name the package exports: the package is the top
     "pkg.base (line 2) imports pkg: floor 0 -> 3"),
    ({"base.py": "import importlib\nM = importlib.import_module('pkg.cli')\n",
      "cli.py": "", "reader/__init__.py": ""},
     "pkg.base (line 2) imports pkg.cli: floor 0 -> 2"),
    ({"base.py": "M = __import__('pkg.reader')\n", "cli.py": "", "reader/__init__.py": ""},
     "pkg.base (line 1) imports pkg.reader: floor 0 -> 1"),
    ({"base.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                 "    from .cli import X\n", "cli.py": "X = 1\n", "reader/__init__.py": ""},
     "pkg.base (line 3) imports pkg.cli: floor 0 -> 2"),
    ({"base.py": "", "cli.py": "", "extra.py": ""},
     "extra: not on any floor (add it to secor_xl/floors.py)"),
    ({"base.py": "x = 1\n" * (MAX_LINES + 1), "cli.py": "", "reader/__init__.py": ""},
     f"pkg/base.py: {MAX_LINES + 1} lines, over {MAX_LINES}"),
])
def test_checker_names_an_upward_import_a_loop_a_stray_part_and_a_long_module(
        tmp_path: Path, files: dict[str, str], expected: str) -> None:
    root = make_package(tmp_path, {"__init__.py": "", **files})
    assert expected in problems(root, FLOORS_OF_TOY)


def test_checker_names_a_loop_between_packages_on_one_floor(tmp_path: Path) -> None:
    root = make_package(tmp_path, {
        "__init__.py": "", "base.py": "", "cli.py": "",
        "reader/__init__.py": "", "reader/r.py": "from ..other.o import y\n",
        "other/__init__.py": "", "other/o.py": "def g():\n    from ..reader import r\ny = 1\n",
    })
    found = problems(root, FLOORS_OF_TOY | {"other": 1})
    assert "loop between packages: other <-> reader" in found
    assert "loop between files: pkg.other.o <-> pkg.reader.r" in found


def test_a_data_table_may_be_long(tmp_path: Path) -> None:
    root = make_package(tmp_path, {"__init__.py": "", "base.py": "", "cli.py": "",
                                   "reader/__init__.py": "",
                                   "demo_data.py": "x = 1\n" * (MAX_LINES + 5)})
    assert problems(root, FLOORS_OF_TOY | {"demo_data": 2}) == []

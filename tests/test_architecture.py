"""The house: the package's imports run one way (no cycles), no module uses another's private
names, no module is over 400 lines, each folder says what lives in it, and the core imports
nothing of the model. Read from the source with the standard library's ``ast``, nested
(function-level) imports included: a lazy import is still a dependency."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "orbital"
MAX_LINES = 400


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _package_of(name: str, path: Path) -> str:
    return name if path.name == "__init__.py" else name.rsplit(".", 1)[0]


def _imports(name: str, path: Path):
    """(target module, imported names or None, node) for every import in the module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    pkg = _package_of(name, path)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "orbital":
                    yield alias.name, None, node
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = pkg.split(".")
                base = base[:len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "orbital":
                continue
            yield target, [a.name for a in node.names], node


def _graph() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {m: set() for m in MODULES}
    for name, path in MODULES.items():
        for target, names, _ in _imports(name, path):
            hits = [f"{target}.{n}" for n in (names or []) if f"{target}.{n}" in MODULES]
            for t in hits or ([target] if target in MODULES else []):
                if t != name:
                    edges[name].add(t)
    return edges


def _cycles(edges) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def test_the_checker_finds_a_planted_cycle():
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(edges) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles_among_the_package_modules():
    assert len(MODULES) > 30
    assert _cycles(_graph()) == []


def test_nothing_inside_the_package_imports_its_public_front():
    """``orbital/__init__.py`` imports the model; a module importing it back would close a
    circle through the front door."""
    offenders = [name for name, deps in _graph().items() if "orbital" in deps and name != "orbital"]
    assert offenders == []


def test_no_private_name_is_used_across_modules():
    offenders = []
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        aliases = {}  # local name -> orbital module it names
        for target, names, node in _imports(name, path):
            for n in names or []:
                if n.startswith("_") and not n.startswith("__") and target != name:
                    offenders.append(f"{name}: from {target} import {n}")
                full = f"{target}.{n}"
                if full in MODULES:
                    asname = next(a.asname or a.name for a in node.names if a.name == n)
                    aliases[asname] = full
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                    and node.value.id in aliases and node.attr.startswith("_") \
                    and not node.attr.startswith("__"):
                offenders.append(f"{name}: {node.value.id}.{node.attr}")
    assert offenders == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_is_over_400_lines(name):
    lines = MODULES[name].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{MODULES[name]} has {lines} lines"


def test_every_folder_says_what_lives_in_it():
    for folder in sorted({p.parent for p in PACKAGE.rglob("*.py")}):
        init = folder / "__init__.py"
        assert init.exists(), folder
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and len(doc) > 40, f"{init} has no docstring saying what lives there"


def test_the_core_imports_nothing_of_the_model():
    """The vocabulary (units, spec types, errors, constants) sits below everything."""
    for name, deps in _graph().items():
        if name.startswith("orbital.core"):
            assert all(d.startswith("orbital.core") for d in deps), (name, deps)


def test_model_steps_import_only_the_core_and_other_steps():
    """A step (space, ground, programme, lunar, compare) never reaches up into the model as a
    whole, the assumption sets, the analyses or the interfaces; the reverse solvers of
    ``space.requirements`` evaluate the model and so are not a step."""
    steps = ("orbital.space", "orbital.ground", "orbital.programme", "orbital.lunar",
             "orbital.compare")
    above = ("orbital.model", "orbital.sets", "orbital.analysis", "orbital.cli", "orbital.ui",
             "orbital.reports")
    from orbital.model import pipeline

    step_modules = {m.__name__ for m in pipeline.MODULES}
    for name in step_modules:
        assert name.startswith(steps), name
        bad = [d for d in _graph()[name] if d.startswith(above)]
        assert bad == [], (name, bad)

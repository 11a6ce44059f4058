"""The code keeps the shape the README promises: each process step owns its whole life.

These tests read the source: a step's models are used by the step itself (so
nothing is written in one package and read only in another), steps never
depend on the shells that compose them, and every step serves both the
person and the handläggare.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PORTAL = Path(__file__).resolve().parent.parent / "portal"
STEPS = ("applications", "investigation", "decisions", "plans", "followups", "messages", "history", "proxies")
SHELLS = ("casework", "home")
# Steps the person and the handläggare both take part in, with a page each.
SHARED_STEPS = ("decisions", "plans", "followups")


def _modules(package: str) -> list[Path]:
    return sorted(p for p in (PORTAL / package).rglob("*.py") if "__pycache__" not in p.parts)


def _model_classes(package: str) -> list[str]:
    path = PORTAL / package / "models.py"
    if not path.exists():
        return []
    tree = ast.parse(path.read_text())
    return [
        node.name
        for node in tree.body
        if isinstance(node, ast.ClassDef) and any(getattr(b, "id", None) == "Base" for b in node.bases)
    ]


def _names_used(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    return {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)} | {
        alias.asname or alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }


@pytest.mark.parametrize("package", STEPS)
def test_every_model_of_a_step_is_used_by_that_step(package):
    """A model nobody in its own package touches would be a record one side writes and no one reads."""
    used = set()
    for module in _modules(package):
        if module.name != "models.py":
            used |= _names_used(module)
    models_text = (PORTAL / package / "models.py").read_text() if (PORTAL / package / "models.py").exists() else ""
    # A child table reached only through its parent's relationship counts as used with the parent.
    orphans = [name for name in _model_classes(package) if name not in used and f'"{name}' not in models_text
               and f"[{name}]" not in models_text]
    assert not orphans, f"{package} defines models it never uses itself: {orphans}"


def _top_level_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    modules = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
        elif isinstance(node, ast.Import):
            modules |= {alias.name for alias in node.names}
    return modules


@pytest.mark.parametrize("package", STEPS)
def test_steps_do_not_depend_on_the_shells(package):
    """The caseload and the start page compose the steps, never the other way round."""
    wrong = sorted(
        f"{module.relative_to(PORTAL)}: {imported}"
        for module in _modules(package)
        for imported in _top_level_imports(module)
        if imported.split(".")[:2] in (["portal", shell] for shell in SHELLS)
    )
    assert not wrong, wrong


@pytest.mark.parametrize("package", SHARED_STEPS)
def test_a_shared_step_serves_the_person_and_the_handlaggare(package):
    routes = {module.name for module in _modules(package)}
    assert {"citizen_routes.py", "staff_routes.py"} <= routes
    templates = PORTAL.parent / "templates" / package
    assert (templates / "citizen").is_dir() and (templates / "staff").is_dir()
    assert (templates / "staff" / "_case_section.html").exists()


def test_the_old_audience_packages_are_gone():
    assert not (PORTAL / "citizen_case").exists()
    assert not (PORTAL.parent / "templates" / "citizen_case").exists()

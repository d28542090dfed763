"""The packages form layers: a package imports only from layers below its own, so there are
no import cycles between packages. Lazy imports inside functions count too."""

from __future__ import annotations

import ast
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1] / "src" / "reiscoder"

# Lowest first. Packages in one layer do not import each other.
LAYERS: list[set[str]] = [
    {"resources", "paths"},  # where files are
    {"i18n", "catalogue", "errors"},  # translation, the root of user-facing errors
    {"parsing", "nlp"},  # files to text and turns; Dutch sentences and lemmas (no database)
    {"model"},  # schema, project file, migrations, backups, what differs per database
    {"text"},  # pure text algorithms: folding, name matching, position maps
    {"read"},  # the one read layer: code tree, coders, documents, segments, search
    {"ops"},  # every change to a project: operations, undo, the write gateway
    {"ingest", "templates"},  # storing imported documents and their sentences; codebooks
    {"checks", "privacy", "demo"},  # checks and repairs; pseudonyms; the demo project
    {"refi", "analysis"},  # REFI-QDA exchange; frequencies, matrices, agreement
    {"teaching"},  # assignments for students, merged back and compared
    {"reports"},  # Word and spreadsheet exports
    {"ui"},  # the PySide6 application
    {"cli"},  # the command line (opens the app)
]
ROOT_MODULES = {"__init__", "__main__"}  # the package itself: the version, `python -m`


def layer_of(package: str) -> int:
    for number, layer in enumerate(LAYERS):
        if package in layer:
            return number
    raise AssertionError(f"package {package!r} has no layer in tests/test_layers.py")


def package_of(path: Path, source: Path = SOURCE) -> str:
    return path.relative_to(source).parts[0].removesuffix(".py")


def imported_packages(path: Path) -> set[str]:
    """Top-level reiscoder packages a module imports, at module level or inside functions."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}: relative import"
            modules = [node.module or ""]
            if node.module == "reiscoder":
                modules = [f"reiscoder.{alias.name}" for alias in node.names]
        else:
            continue
        for module in modules:
            parts = module.split(".")
            if parts[0] == "reiscoder" and len(parts) > 1 and parts[1] != "__version__":
                found.add(parts[1])
    return found


def upward_imports(source: Path = SOURCE) -> list[str]:
    wrong = []
    for path in sorted(source.rglob("*.py")):
        package = package_of(path, source)
        if package in ROOT_MODULES:
            continue
        own = layer_of(package)
        for target in imported_packages(path) - {package}:
            if layer_of(target) >= own:
                wrong.append(f"{path.relative_to(source)} imports reiscoder.{target}")
    return wrong


def test_packages_import_only_from_lower_layers():
    assert upward_imports() == []


def test_every_package_has_a_layer():
    packages = {package_of(p) for p in SOURCE.rglob("*.py")} - ROOT_MODULES
    for package in packages:
        layer_of(package)


def test_the_check_notices_an_upward_and_a_lazy_import(tmp_path):
    model = tmp_path / "model"
    model.mkdir()
    (model / "project.py").write_text("def f():\n    from reiscoder.ops.codes import x\n")
    (tmp_path / "ops.py").write_text("from reiscoder import model\n")
    (tmp_path / "read.py").write_text("from reiscoder import read\nimport reiscoder.model.x\n")
    assert upward_imports(tmp_path) == ["model/project.py imports reiscoder.ops"]


def test_the_check_notices_a_cycle_in_one_layer(tmp_path):
    (tmp_path / "refi.py").write_text("import reiscoder.analysis.common\n")
    assert upward_imports(tmp_path) == ["refi.py imports reiscoder.analysis"]

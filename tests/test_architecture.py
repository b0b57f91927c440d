"""The layers of docs/architecture.md hold: a module imports only from its own folder and from
layers below it, lazily imported names included. A new import across the grain fails here."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "gkparse"

# Lowest first. A top-level module or a folder of src/gkparse, by its name.
LAYERS: list[set[str]] = [
    {"i18n"},
    {"errors", "limits", "messages", "exitcodes", "gcpause", "plural", "refusals", "usage_errors",
     "record_config",
     "help_text"},
    {"inputs"},
    {"output"},
    {"grammar"},
    {"models"},
    {"schema"},
    {"ooxml"},
    {"readers"},
    {"notice"},
    {"tracking"},
    {"office", "formats", "lint"},
    {"batch"},
    {"cli"},
]
RANK = {name: rank for rank, layer in enumerate(LAYERS) for name in layer}


def _part(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def _imports(path: Path) -> set[str]:
    """The parts of gkparse a file imports (``gkparse`` itself, for ``__version__``, left out)."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        out |= {name.split(".")[1] for name in names
                if name.startswith("gkparse.") and name.count(".") >= 1}
    return out


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py" or p.parent != PACKAGE)


def test_every_part_has_a_layer() -> None:
    parts = {_part(p) for p in MODULES}
    assert parts - set(RANK) == set(), "add the new module or folder to LAYERS (and the doc)"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_go_down_the_layers(path: Path) -> None:
    own = _part(path)
    upward = {part for part in _imports(path) - {own}
              if part not in RANK or RANK[part] >= RANK[own]}
    assert upward == set(), f"{own} imports {sorted(upward)}, which are not below it"


def test_the_choices_of_the_command_line_are_the_renderers() -> None:
    """The CLI lists format names itself (importing the renderers would slow every start),
    so they are checked against the registries here."""
    from gkparse import cli
    from gkparse.formats import check, explain, extract

    assert [f.value for f in cli.ExtractFormat] == list(extract.FORMATS)
    assert [f.value for f in cli.CheckFormat] == list(check.FORMATS)
    assert [f.value for f in cli.ExplainFormat] == list(explain.FORMATS)

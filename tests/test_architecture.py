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
     "help_text", "formatter", "markdown_table"},
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
    {"output_formats"},
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


def test_the_choices_of_the_command_line_are_the_registry() -> None:
    """Each command's --format accepts the registry's names, in its order, with its help."""
    from typer.main import get_command

    from gkparse import cli, output_formats

    for name, command in get_command(cli.app).commands.items():  # type: ignore[attr-defined]
        option = next((p for p in command.params if "--format" in p.opts), None)
        if name not in output_formats.REGISTRY:
            continue
        assert option is not None, name
        assert list(option.type.choices) == output_formats.names(name), name
        assert option.help == output_formats.help_text(name), name
    assert set(output_formats.REGISTRY) == {"extract", "check", "lint", "explain", "report"}


def test_every_registered_formatter_loads_and_is_called_as_the_interface_says() -> None:
    import inspect

    from gkparse import output_formats

    for command, specs in output_formats.REGISTRY.items():
        for spec in specs:
            found = output_formats.formatter(command, spec.name)
            parameters = list(inspect.signature(found).parameters)
            assert len(parameters) == 2 and parameters[1] == "options", (command, spec.name)
            assert spec.suffix.startswith("."), spec

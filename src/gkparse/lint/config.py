"""Which rules are switched off: ``--ignore`` on the command line, and a config file.

The config is the ``[lint]`` table of ``gkparse.toml``, or the ``[tool.gkparse.lint]``
table of ``pyproject.toml``, in the current folder or the nearest folder above it
that has either (``gkparse.toml`` first), or the file given with ``--config``::

    [tool.gkparse.lint]
    ignore = ["GB203", "GB311"]
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from pathlib import Path

from gkparse.errors import GkparseError
from gkparse.lint.findings import RULES


class ConfigError(GkparseError):
    """A config file or an --ignore value that cannot be used."""


def find_config(start: Path) -> Path | None:
    """The nearest gkparse.toml, or pyproject.toml with a [tool.gkparse.lint] table."""
    for folder in (start.resolve(), *start.resolve().parents):
        own = folder / "gkparse.toml"
        if own.is_file():
            return own
        project = folder / "pyproject.toml"
        if project.is_file() and _table(project) is not None:
            return project
    return None


def _table(path: Path) -> dict[str, object] | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(path, f"cannot be read: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(path, f"not valid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("gkparse", {}).get("lint")
    else:
        table = data.get("lint")
    if table is not None and not isinstance(table, dict):
        raise ConfigError(path, "the lint settings must be a table ([lint] or "
                                "[tool.gkparse.lint])")
    return table


def configured_ignores(path: Path) -> list[str]:
    table = _table(path) or {}
    unknown = set(table) - {"ignore"}
    if unknown:
        raise ConfigError(path, f"unknown lint setting {sorted(unknown)[0]!r} (known: ignore)")
    ignore = table.get("ignore", [])
    if not isinstance(ignore, list) or not all(isinstance(code, str) for code in ignore):
        raise ConfigError(path, "ignore must be a list of rule codes, such as [\"GB203\"]")
    return checked_codes(ignore, path)


def checked_codes(codes: Iterable[str], source: str | Path | None) -> list[str]:
    """Rule codes as given (``GB203`` or ``gb203``, comma-separated allowed), each known."""
    out: list[str] = []
    for value in codes:
        for code in (part.strip().upper() for part in value.split(",")):
            if not code:
                continue
            if code not in RULES:
                raise ConfigError(source, f"unknown lint rule {code!r} (rules: GB101 … GB311; "
                                          "see gkparse lint --list-rules)")
            if code not in out:
                out.append(code)
    return out


def ignored_rules(cli: Iterable[str], config: Path | None, cwd: Path) -> list[str]:
    """The command line's codes and the config file's, together."""
    path = config if config is not None else find_config(cwd)
    from_file = configured_ignores(path) if path is not None else []
    return [*from_file, *(c for c in checked_codes(cli, "--ignore") if c not in from_file)]

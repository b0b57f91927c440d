"""Which units a name in a unit cell covers: the roster (``units.yaml``) and ``--unit`` views.

A notice names units directly (区财政局), as a variant (区党政办公室（宣传）, a part
of 区党政办公室) or collectively (区直各部门, 各街道). The roster says which
units a collective name includes and which variants stand for which unit::

    groups:
      区直各部门: [区党政办公室, 区财政局]
      各街道: [洸河街道, 黄屯街道]
    aliases:
      区党政办公室（宣传）: 区党政办公室

Without a roster a collective name matches only itself.

>>> roster = Roster(groups={"区直各部门": ["区财政局"]}, aliases={"区财政局（国资）": "区财政局"})
>>> roster.covers("区直各部门", "区财政局"), roster.covers("区财政局（国资）", "区财政局")
(True, True)
>>> Roster().covers("区直各部门", "区财政局")
False
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from gkparse.errors import GkparseError
from gkparse.i18n import _
from gkparse.inputs import read_input
from gkparse.models import Notice, Task

ROSTER_FILE = "units.yaml"
MAX_ROSTER_BYTES = 5 * 1024 * 1024


class RosterError(GkparseError):
    """The roster file cannot be used."""


@dataclass
class Roster:
    groups: dict[str, list[str]] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    path: str | None = None

    def canonical(self, name: str) -> str:
        return self.aliases.get(name, name)

    def members(self, name: str) -> set[str]:
        """Every unit ``name`` stands for: itself, and through groups (nested too) their members."""
        seen: set[str] = set()
        todo = [self.canonical(name)]
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            todo.extend(self.canonical(m) for m in self.groups.get(current, []))
        return seen

    def covers(self, name: str, unit: str) -> bool:
        """Whether a cell naming ``name`` assigns the task to ``unit``."""
        return self.canonical(unit) in self.members(name)


def load_roster(path: str | Path) -> Roster:
    """Read ``units.yaml``; a RosterError names the file and what is wrong."""
    import yaml

    from gkparse.tracking.status import SafeLoader, yaml_error

    path = Path(path)
    raw = read_input(path, RosterError, "a roster file", MAX_ROSTER_BYTES)
    try:
        data = yaml.load(raw.decode("utf-8-sig"), Loader=SafeLoader)
    except UnicodeDecodeError as exc:
        raise RosterError(path, f"not UTF-8 text (byte {exc.start})") from None
    except yaml.YAMLError as exc:
        raise yaml_error(path, exc, error=RosterError) from None
    data = data or {}
    if not isinstance(data, dict) or set(data) - {"groups", "aliases"}:
        raise RosterError(path, "a roster has two mappings: groups: (name: [units]) and "
                                "aliases: (variant: unit)")
    groups, aliases = data.get("groups") or {}, data.get("aliases") or {}
    if not isinstance(groups, dict) or not all(
            isinstance(k, str) and isinstance(v, list) and all(isinstance(u, str) for u in v)
            for k, v in groups.items()):
        raise RosterError(path, "groups: must map each collective name to a list of units")
    if not isinstance(aliases, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in aliases.items()):
        raise RosterError(path, "aliases: must map each variant to one unit name")
    return Roster(groups=groups, aliases=aliases, path=str(path))


def find_roster(explicit: Path | None, beside: Path) -> Roster | None:
    """The roster given with ``--roster``, else ``units.yaml`` beside the input, else none."""
    if explicit is not None:
        return load_roster(explicit)
    candidate = beside.parent / ROSTER_FILE
    return load_roster(candidate) if candidate.is_file() else None


def task_is_for(task: Task, unit: str, roster: Roster) -> bool:
    """The unit leads the task or is responsible for it, directly or through a group."""
    return any(roster.covers(name, unit) for name in (*task.lead_units, *task.responsible_units))


class UnknownUnitError(GkparseError):
    """``--unit`` names a unit that neither the notice nor the roster knows (a typo, mostly)."""


def known_units(notice: Notice, roster: Roster) -> set[str]:
    """Every unit name the notice's cells or the roster mention."""
    names = {name for task in notice.tasks for name in (*task.lead_units, *task.responsible_units)}
    names.update(roster.groups, roster.aliases, roster.aliases.values())
    names.update(member for members in roster.groups.values() for member in members)
    return names


def for_unit(notice: Notice, unit: str, roster: Roster | None, *, strict: bool = True) -> Notice:
    """The notice with only the tasks of ``unit`` (see ``task_is_for``).

    ``strict``: a unit that neither the notice nor the roster names is an
    ``UnknownUnitError`` suggesting the closest names, rather than no tasks.
    A batch of notices passes False: one notice may not name a unit another does.
    """
    roster = roster or Roster()
    if strict:
        _refuse_unknown(unit, notice, roster)
    return replace(notice, tasks=[t for t in notice.tasks if task_is_for(t, unit, roster)])


def _refuse_unknown(unit: str, notice: Notice, roster: Roster) -> None:
    known = known_units(notice, roster)
    if unit in known or roster.canonical(unit) in known:
        return
    import difflib

    close = difflib.get_close_matches(unit, sorted(known), n=3, cutoff=0.6)
    hint = f"; did you mean {' or '.join(close)}?" if close else ""
    if roster.path is not None:
        raise UnknownUnitError(roster.path, f"--unit {unit}: neither this roster nor the notice "
                                            f"names such a unit{hint}")
    raise UnknownUnitError(notice.source.path, f"--unit {unit}: the notice names no such "
                                               f"unit{hint}; a unit given tasks only through a "
                                               "collective name (各街道) needs a roster "
                                               "(units.yaml beside the input, or --roster)")


def without_roster_note(unit: str) -> str:
    return _("no roster (units.yaml): collective names such as 区直各部门 or 各街道 match only "
             "themselves, so tasks given to {unit} through one are not included").format(unit=unit)

"""Bring the message catalogs up to date with the code, with Babel; then compile them.

    python scripts/update_messages.py           # extract, update zh_CN's .po, compile its .mo
    python scripts/update_messages.py --check   # exit 1 when the catalog is behind the code

The messages are every ``_("…")``, ``N_("…")``, ``ngettext("…", "…", n)``
and ``N_plural("…", "…")`` in ``src/gkparse`` (Babel's Python extractor) and
every help text of the command line (read from the click command tree, where
typer puts the docstrings and option help, with the phrases of the epilogs:
headings, examples' comments, findings' descriptions). New messages are added to the .po
untranslated, messages no longer used are dropped; then Babel compiles
the .mo that the package ships. ``make messages`` runs this.
"""

from __future__ import annotations

import io
import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "gkparse"
PO = PACKAGE / "locale" / "zh_CN" / "LC_MESSAGES" / "gkparse.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "N_plural": (1, 2)}
# Fixed dates in the headers: the files change only when the messages do.
STAMP = datetime(2026, 1, 1, tzinfo=UTC)


def template() -> Catalog:
    """Every message of the code and the command line's help, as a .pot catalog."""
    sys.path.insert(0, str(ROOT / "src"))
    catalog = Catalog(domain="gkparse", project="gkparse", creation_date=STAMP,
                      revision_date=STAMP)
    for filename, lineno, message, comments, context in extract_from_dir(
            str(PACKAGE), method_map=[("**.py", "python")], keywords=KEYWORDS):
        catalog.add(message, locations=[(f"src/gkparse/{filename}", lineno)],
                    auto_comments=comments, context=context)
    import typer

    from gkparse.cli import app, epilog_phrases, help_texts

    command = typer.main.get_command(app)
    for owner, attribute in help_texts(command):
        text = getattr(owner, attribute, None)
        if text:
            catalog.add(text, locations=[("src/gkparse/cli.py", 0)])
    stack = [command]
    while stack:  # the epilogs' phrases: headings, examples' comments, findings' descriptions
        current = stack.pop()
        stack.extend(getattr(current, "commands", {}).values())
        for line in (current.epilog or "").split("\n"):
            for phrase in epilog_phrases(line):
                catalog.add(phrase, locations=[("src/gkparse/cli.py", 0)])
    return catalog


def updated() -> Catalog:
    with PO.open("rb") as stream:
        catalog = read_po(stream, locale="zh_CN", domain="gkparse")
    catalog.update(template(), no_fuzzy_matching=True)
    catalog.obsolete.clear()
    catalog.revision_date = catalog.creation_date = STAMP
    return catalog


def po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    # Locations by file, not line: an edit that moves a message must not make the catalog
    # "behind the code" (it was, after every merge); a new or changed message still does.
    write_po(out, catalog, width=100, sort_output=True, omit_header=False, include_lineno=False)
    return out.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def main(argv: list[str]) -> int:
    if not PO.exists():
        PO.parent.mkdir(parents=True, exist_ok=True)
        empty = Catalog(locale="zh_CN", domain="gkparse", project="gkparse",
                        creation_date=STAMP, revision_date=STAMP)
        PO.write_bytes(po_bytes(empty))
    catalog = updated()
    new_po, new_mo = po_bytes(catalog), mo_bytes(catalog)
    if "--check" in argv:
        behind = PO.read_bytes() != new_po or not MO.exists() or MO.read_bytes() != new_mo
        if behind:
            print("the catalog is behind the code: run python scripts/update_messages.py")
        return 1 if behind else 0
    PO.write_bytes(new_po)
    MO.write_bytes(new_mo)
    missing = [m.id for m in catalog if m.id and not m.string]
    print(f"{PO.relative_to(ROOT)}: {len(catalog)} messages, {len(missing)} untranslated")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

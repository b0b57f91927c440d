"""The interface's language: English, or Chinese from the gettext catalog shipped in the package.

The language is ``--lang`` where the command line gives it, else
``GKPARSE_LANG``, else the locale as gettext reads it (``LANGUAGE``,
``LC_ALL``, ``LC_MESSAGES``, ``LANG``): Chinese for ``zh…``, English
otherwise. Messages are written in English in the code, marked with ``_``
(``ngettext`` where a count decides the form, ``N_`` where the string is
kept and translated later); ``src/gkparse/locale/zh_CN/LC_MESSAGES/gkparse.po``
holds the translations and Babel compiles it to the ``.mo`` the package
ships (``scripts/update_messages.py``). Finding codes, JSON keys and SARIF
rule ids are never translated; messages meant for people are.

>>> use_language("zh")
>>> _("Usage:")
'用法：'
>>> use_language("en")
>>> _("Usage:")
'Usage:'
"""

from __future__ import annotations

import gettext
import os
import re
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path

DOMAIN = "gkparse"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = {"en": None, "zh": "zh_CN"}  # --lang value -> catalog (None: the messages as written)
_ENVIRONMENT_ORDER = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


class _State:
    language = "en"
    translation: gettext.NullTranslations = gettext.NullTranslations()


def language_from(value: str | None) -> str | None:
    """``zh``, ``zh_CN.UTF-8``, ``zh-Hans`` -> ``zh``; ``en…``, ``C``, ``POSIX`` -> ``en``;
    empty -> None (look further)."""
    if not value:
        return None
    first = value.split(":")[0].strip().lower()  # LANGUAGE may list several
    if not first:
        return None
    return "zh" if first.startswith("zh") else "en"


def language_from_environment(environ: Mapping[str, str] = os.environ) -> str:
    """GKPARSE_LANG, else the locale variables in gettext's order; English when none is set."""
    for name in ("GKPARSE_LANG", *_ENVIRONMENT_ORDER):
        found = language_from(environ.get(name))
        if found is not None:
            return found
    return "en"


def use_language(language: str) -> None:
    """Translate from now on into ``language`` (``en`` or ``zh``)."""
    catalog = LANGUAGES.get(language)
    _State.language = language if language in LANGUAGES else "en"
    _State.translation = (gettext.translation(DOMAIN, LOCALE_DIR, languages=[catalog],
                                              fallback=True)
                          if catalog else gettext.NullTranslations())


def current_language() -> str:
    return _State.language


def _(message: str) -> str:
    """``message`` in the current language."""
    return _State.translation.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _State.translation.ngettext(singular, plural, count)


def N_(message: str) -> str:  # gettext's name for "mark now, translate where shown"
    """Mark ``message`` for the catalog without translating it here (translated where shown)."""
    return message


@cache
def _form_pattern(form: str) -> re.Pattern[str]:
    parts = re.split(r"\{(\w+)\}", form)
    regex = "".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)"
                    for i, part in enumerate(parts))
    return re.compile(f"^{regex}$", re.S)


def say_again(message: str, forms: Sequence[str], nested: frozenset[str] = frozenset()) -> str:
    """A message worded in English elsewhere (in click, in a module that raises it), said
    again in the current language: matched against English ``forms`` with named fields
    (catalog messages), the first that matches translated and filled in; the fields named in
    ``nested`` are said again too. A message no form matches is left as it is.

    >>> use_language("zh")
    >>> say_again("Missing argument 'STATUS'.", ["Missing argument {name}."])
    "缺少参数 'STATUS'。"
    >>> use_language("en")
    """
    if _State.language == "en":
        return message
    for form in forms:
        match = _form_pattern(form).match(message)
        if match:
            fields = {name: say_again(value, forms, nested) if name in nested else value
                      for name, value in match.groupdict().items()}
            return _(form).format(**fields)
    return message


use_language(language_from_environment())

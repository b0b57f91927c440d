"""Usage errors of the command line (a missing argument, a bad value) in the current language.

click (vendored in typer) words its errors in English in code, not through
gettext. Each of its forms is written here once, in English, as a message of
the catalog with named fields; a message click formatted is matched against
these forms and said again in the current language, its fields filled from
the match (translated too where they are themselves such messages). A
message that matches no form is left as click wrote it.

>>> from gkparse.i18n import use_language
>>> use_language("zh")
>>> translate_usage_message("Invalid value for '--warn-days': -1 is not in the range x>=0.")
"'--warn-days' 的值无效：-1 不在 x>=0 范围内。"
>>> use_language("en")
"""

from __future__ import annotations

import re
from functools import cache

from gkparse.i18n import N_, _, current_language

FORMS = [
    N_("Missing argument {name}."),
    N_("Missing option {name}."),
    N_("Missing parameter: {name}"),
    N_("No such option: {name} (Possible options: {options})"),
    N_("No such option: {name}"),
    N_("No such command {name}. Did you mean {options}?"),
    N_("No such command {name}."),
    N_("Invalid value for {name}: {message}"),
    N_("Invalid value: {message}"),
    N_("{value} is not one of {choices}."),
    N_("{value} is not in the range {range}."),
    N_("{value} is not a valid {kind}."),
    N_("Option {name} requires an argument."),
    N_("Option {name} does not take a value."),
    N_("Got unexpected extra argument(s) ({arguments})"),
]
# Fields that are themselves a message of these forms.
NESTED = frozenset({"message"})
USAGE_HINT = N_("Try '{command}' for help.")
ERROR_LABEL = N_("Error: {message}")


@cache
def _pattern(form: str) -> re.Pattern[str]:
    parts = re.split(r"\{(\w+)\}", form)
    regex = "".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)"
                    for i, part in enumerate(parts))
    return re.compile(f"^{regex}$", re.S)


def translate_usage_message(message: str) -> str:
    """``message`` (as click formatted it) in the current language."""
    if current_language() == "en":
        return message
    for form in FORMS:
        match = _pattern(form).match(message)
        if match:
            fields = {name: translate_usage_message(value) if name in NESTED else value
                      for name, value in match.groupdict().items()}
            return _(form).format(**fields)
    return message


def describe_usage_error(error) -> str:  # a click UsageError -> the lines click would print
    """Usage line, hint and error, as click shows a usage error, in the current language."""
    lines = ""
    context = getattr(error, "ctx", None)
    if context is not None:
        hint = ""
        if context.command.get_help_option(context) is not None:
            hint = _(USAGE_HINT).format(
                command=f"{context.command_path} {context.help_option_names[0]}") + "\n"
        lines = f"{context.get_usage()}\n{hint}\n"
    return lines + _(ERROR_LABEL).format(message=translate_usage_message(error.format_message()))

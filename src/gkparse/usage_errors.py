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

from typing import Any

from gkparse.i18n import N_, _, say_again

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
    # gkparse.grammar.dates, the one date reader behind --as-of
    N_("an empty value is not a date; write it like 2025-10-15 (or 2025/10/15, 2025.10.15, "
       "2025年10月15日)"),  # before the general form, which would take it too
    N_("{value} is not a date; write it like 2025-10-15 (or 2025/10/15, 2025.10.15, "
       "2025年10月15日)"),
    N_("{value} is not a date: there is no year {year}"),
    N_("{value} is not a date: there is no month {month}"),
    N_("{value} is not a date: {month} has {days} days"),
]
# Fields that are themselves a message of these forms.
NESTED = frozenset({"message"})
USAGE_HINT = N_("Try '{command}' for help.")
ERROR_LABEL = N_("Error: {message}")


def translate_usage_message(message: str) -> str:
    """``message`` (as click formatted it) in the current language."""
    return say_again(message, FORMS, NESTED)


def describe_usage_error(error: Any) -> str:  # a click UsageError -> the lines click would print
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

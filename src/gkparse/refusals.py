"""Refusals of input and output, worded in English where they are raised, in the current language.

``inputs.read_input`` and ``output`` word the common refusals (no such file,
already exists, cannot write) in English in their code. Each form is written
here once, as a catalog message with named fields, and ``reporting_errors``
says a refusal again in the current language before printing it; a refusal
no form matches is printed as it was raised.

>>> from gkparse.i18n import use_language
>>> use_language("zh")
>>> translate_refusal("is a directory, not a status file")
'是文件夹，不是状态文件'
>>> use_language("en")
"""

from __future__ import annotations

from gkparse.i18n import N_, say_again

FORMS = [
    N_("no such file"),
    N_("permission denied"),
    N_("is a directory, not {kind}"),
    N_("cannot be read: {reason}"),
    N_("the file is {size} MB; the limit for {kind} is {limit} MB"),
    N_("more than {size} MB; the limit for {kind} is {limit} MB"),
    N_("already exists; {advice}"),
    N_("refusing to overwrite an input file"),
    N_("cannot write: {reason}; the file was left as it was"),
    N_("cannot write here: {reason}"),
    N_("cannot write: {reason}"),
    N_("the folder {folder} does not exist"),
    # what the files are, as the refusals name them
    N_("a status file"), N_("a .docx file"), N_("a notice JSON file"), N_("a roster file"),
    N_("an .xlsx workbook"),
]
NESTED = frozenset({"kind"})


def translate_refusal(message: str) -> str:
    return say_again(message, FORMS, NESTED)

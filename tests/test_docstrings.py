"""The examples in the library's docstrings run, and say what they show."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import gkparse

MODULES = sorted(m.name for m in pkgutil.walk_packages(gkparse.__path__, "gkparse.")
                 if m.name != "gkparse.__main__")


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str, repo_root) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0

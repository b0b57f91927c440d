"""The one place that owns exit codes (contract section 2 and 3)."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0  # nothing at or above --fail-on
    FINDINGS = 1  # findings at or above --fail-on
    BAD_INPUT = 2  # the input could not be used (or usage error)

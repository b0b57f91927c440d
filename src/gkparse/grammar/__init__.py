"""Grammars of Chinese government text: pure functions of a string, knowing nothing of files.

``text`` (widths, whitespace, Chinese numerals and ordinals), ``deadline`` (时限 cells),
``units`` (unit lists split on 、，; and their empty markers), ``dates`` (the one date
reader: ``--as-of``, status files, ledger cells).
"""

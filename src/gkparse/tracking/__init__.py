"""Tracking a notice's tasks: the status file, editing it in place, and checking it.

``status`` reads the status file; ``status_edit`` edits its text in place and ``inplace``
writes it back; ``template`` is ``init``; ``rules`` names the findings, ``checker`` applies
them; ``roster`` holds unit rosters and ``--unit``.
"""

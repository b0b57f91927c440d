"""Tracking a notice's tasks: the status file, editing it in place, and checking it.

``vocabulary`` holds the words every other module derives from (statuses, labels,
colours, today in China); ``status`` reads the status file; ``status_edit`` edits its
text in place and ``inplace`` writes it back; ``template`` is ``init``; ``rules`` names
the findings, ``checker`` applies them (one function per rule) and counts the summary;
``roster`` holds unit rosters and ``--unit``.
"""

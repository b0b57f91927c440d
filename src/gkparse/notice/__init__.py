"""The notice logic: from a stream of ``gkparse.readers.document`` blocks to ``Notice`` records.

``parser`` drives it (``parse_notice``); ``metadata`` reads the head and tail (doc number,
title, issuer, date); ``columns`` finds each column's role; ``tasks`` builds the task
hierarchy from table rows, ``paragraph_tasks`` from numbered paragraphs; ``unit_clauses``
reads unit labels and verbs; ``task_ids`` keeps ids unique; ``explain`` says what was
found where. The grammars they use live in ``gkparse.grammar``.
"""

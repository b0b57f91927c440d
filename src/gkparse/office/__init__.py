"""What an office hands round: the 工作台账 workbook and the progress report.

``ledger`` writes the workbook, ``workbook`` opens one safely and reads its cells,
``ledger_import`` reads a filled-in ledger back into the status file, ``report`` renders
the HTML and Markdown report.
"""

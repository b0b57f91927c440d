"""The names of the ledger's sheets: written by ``office.ledger`` and looked for by
``office.ledger_import``, which reads them without loading the writer and the checker (60 ms
an import does not need)."""

MAIN_SHEET, SUMMARY_SHEET, BASELINE_SHEET = "总台账", "汇总", "gkparse"

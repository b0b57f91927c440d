"""Peer: python-docx 1.2 opening the document and walking each w:tc of every table (no table.cell()).

    python benchmarks/peers/python_docx_tc.py FILE.docx
"""

import sys

import docx
from docx.oxml.ns import qn

W_T = qn("w:t")
document = docx.Document(sys.argv[1])
chars = 0
for table in document.tables:
    for tr in table._tbl.tr_lst:
        for tc in tr.tc_lst:
            chars += sum(len(t.text or "") for t in tc.iter(W_T))
print(chars)

"""Peer: docx2python reading the whole document (only run where docx2python is installed).

    python benchmarks/peers/docx2python_body.py FILE.docx
"""

import sys

from docx2python import docx2python

with docx2python(sys.argv[1]) as content:
    print(len(content.text))

"""The floor: the least any reader must do. Read word/document.xml, parse it with lxml, walk every w:t.

    python benchmarks/floor.py FILE.docx
"""

import sys
import zipfile

from lxml import etree

W_T = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"

with zipfile.ZipFile(sys.argv[1]) as archive:
    root = etree.fromstring(archive.read("word/document.xml"))
print(sum(len(t.text or "") for t in root.iter(W_T)))

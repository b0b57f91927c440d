"""Reading Office Open XML, knowing nothing of notices.

``package`` opens the zip safely (caps, no DTDs, no path traversal) and streams a part;
``body_xml`` reads WordprocessingML paragraphs and runs; ``table`` places cells on the
grid and resolves horizontal and vertical merges.
"""

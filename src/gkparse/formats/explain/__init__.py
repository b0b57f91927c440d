"""Formatters for ``gkparse explain``: one module per format, each ``render(data, options)``
(a ``gkparse.formatter.Formatter`` of ``notice.explain.explain_notice``'s data).

``gkparse.output_formats`` names the modules and imports only the one used, so
``explain --format json`` never imports rich.
"""

"""The built-in output styles: one module per style, each defining one ``Style`` record, ``STYLE``."""

"""Python source text in black's format: literals and docstrings, line layout, and the formatter
that hands black only what our own layout cannot place."""

"""The command line: `[tool.modelgen]` configuration, the click commands, and the inspect report."""

"""modelgen: typed Python models from API reference documentation."""

__version__ = "0.1.0"

"""The vocabulary every stage shares: the frozen IR, diagnostics and origins, the claims a dialect
makes about a document, and identifier rules. Nothing here reads files or emits code."""

"""Stage 4, emitting: the Spec becomes the output tree (one module per style, the round-trip tests,
or a JSON Schema). Styles decide in Python; templates only lay out."""

"""Stage 1, reading: find the documents of a spec folder, decode them, parse their Markdown blocks,
and read the spec-folder settings file (modelgen.toml)."""

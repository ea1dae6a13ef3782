"""The built-in output under one version of black, as one digest (and the files, on request).

modelgen writes black's format itself and calls black only for a statement still too long, so
its output must not depend on which black of the supported range is installed. This prints a
sha256 over every file ``build_tree`` makes for the shipped spec, a synthetic spec and a spec of
very long names (the one case black is called for), under every render option the tests use.

Run it with a given black first on the path (tests/test_black_range.py does, for the oldest and
the newest black of pyproject's range that the package index has):

    PYTHONPATH=/tmp/black-24.1.0 python tools/black_range.py
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(1, str(ROOT))  # after PYTHONPATH: the black under test comes first

from bench.synth import write_spec  # noqa: E402
from generator.emit.options import RenderOptions  # noqa: E402
from generator.emit.tree import build_tree  # noqa: E402
from generator.model.ir import Field, Model, Scalar, Spec, UnionOf  # noqa: E402
from generator.pipeline import load_spec  # noqa: E402

OPTIONS = (
    RenderOptions(),
    RenderOptions(unknown_keys="forbid", open_enums=False),
    RenderOptions(unknown_keys="ignore", target_python=(3, 12)),
    RenderOptions(target_python=(3, 13)),
)


def long_names() -> Spec:
    long = "a_very_long_field_name_that_goes_on_and_on_and_on"
    model = Model(
        "AModelWithAQuiteLongNameForTheSakeOfTheLineLength",
        (
            Field(long, long, UnionOf((Scalar("int"), Scalar("str"), Scalar("bool"))), False, True),
            Field("x" * 95, "x" * 95, Scalar("str"), True, False),
        ),
    )
    return Spec((model,))


def outputs() -> dict[str, str]:
    specs: dict[str, Spec] = {"long": long_names()}
    shipped, _ = load_spec(ROOT / "spec")
    assert shipped is not None
    specs["shipped"] = shipped
    with tempfile.TemporaryDirectory() as tmp:
        synthetic, _ = load_spec(write_spec(Path(tmp) / "syn", 12))
    assert synthetic is not None
    specs["synthetic"] = synthetic
    files: dict[str, str] = {}
    for spec_name, spec in specs.items():
        for i, options in enumerate(OPTIONS):
            for path, text in build_tree(spec, options=options).items():
                files[f"{spec_name}/{i}/{path}"] = text
    return files


def main() -> None:
    import black

    digest = hashlib.sha256()
    files = outputs()
    for path in sorted(files):
        digest.update(f"{path}\0{files[path]}\0".encode())
    print(f"black {black.__version__}: {len(files)} files, sha256 {digest.hexdigest()}")
    if "--write" in sys.argv[1:]:
        out = Path(sys.argv[sys.argv.index("--write") + 1])
        for path, text in files.items():
            (out / path).parent.mkdir(parents=True, exist_ok=True)
            (out / path).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()

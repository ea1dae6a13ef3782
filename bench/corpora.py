"""Whole documentation folders against datamodel-code-generator: prints one table.

Run with `nox -s bench_corpora` (or `python bench/corpora.py [FOLDER ...]`). Each corpus folder
(default: every folder in ../shared/corpora, or $MODELGEN_CORPORA; a corpus's pages are in its
`pages/` folder when it has one) is generated whole by `modelgen generate` (five styles and the
round-trip tests) and, in the same run and interleaved round by round, by datamodel-code-generator
making its four outputs from the same models as JSON Schema (`modelgen schema`): medians of
BENCH_ROUNDS rounds (default 3), peak memory is the child's maximum resident set. The largest
corpus carries the target of issue 12: under 5 s and under 300 MiB.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from run import Row, compare_generation, machine, print_table, verdict  # noqa: E402

SHARED = Path(os.environ.get("MODELGEN_CORPORA", ROOT.parent / "shared" / "corpora"))


def pages_of(folder: Path) -> Path:
    return folder / "pages" if (folder / "pages").is_dir() else folder


def main(argv: list[str]) -> None:
    rounds = int(os.environ.get("BENCH_ROUNDS", "3"))
    folders = [Path(a) for a in argv] or sorted(p for p in SHARED.glob("*") if p.is_dir())
    if not folders:
        raise SystemExit(f"no corpus folders in {SHARED} (set MODELGEN_CORPORA or name the folders)")
    sizes = {f: sum(1 for _ in pages_of(f).rglob("*.md")) for f in folders}
    largest = max(folders, key=lambda f: sizes[f])
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        for folder in folders:
            work = Path(tmp) / folder.name
            work.mkdir()
            g = compare_generation(pages_of(folder), work, rounds)
            target = ""
            if folder == largest:
                target = verdict(g["ours"] < 5 and g["our_mem"] < 300, "< 5 s, < 300 MiB")
            rows.append(
                (
                    f"generate {folder.name} ({sizes[folder]} pages)",
                    f"{g['ours']:.2f} s, {g['our_mem']:.0f} MiB",
                    f"{g['theirs']:.2f} s, {g['their_mem']:.0f} MiB (4 runs)",
                    f"{g['theirs'] / g['ours']:.1f}x faster",
                    target,
                )
            )
    print_table(f"machine: {machine()}; rounds={rounds}", rows)


if __name__ == "__main__":
    main(sys.argv[1:])

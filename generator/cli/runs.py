"""What ``generate`` and ``check`` share: the options a run uses (flags, pyproject, the manifest
of OUT), rendering with the user's templates held to account, and the in-memory compile of every
module before anything is written.

Options of a run, highest first: a flag; a key set in ``[tool.modelgen]``; for ``check`` only,
the options OUT's manifest recorded (so a bare ``check`` repeats ``generate``); the defaults.
A flag or a pyproject key that differs from the recorded options is reported as such.
"""

from __future__ import annotations

import os
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import jinja2

from generator.cli.compiling import ModuleCompiler
from generator.cli.config import Config
from generator.emit.options import RenderOptions
from generator.emit.registry import BUILTIN_STYLES as STYLES
from generator.emit.tree import build_tree
from generator.model.ir import Spec
from generator.output.manifest import Manifest, RecordedOptions, read_manifest
from generator.pysrc.format import FormatError

# A spec of fewer items compiles in a few tens of milliseconds: less than a child process costs
# on a busy machine (20 items: 39 ms of compile, a child saves ~20 ms on two idle cores and adds
# ~10 ms of CPU). spec/ (72 items: 56 models, 11 enums, 5 unions) compiles in ~125 ms, and the
# child takes its wall time from 0.46 s to 0.38 s on two idle cores.
PARALLEL_FROM = 50


class UserTemplateError(Exception):
    """The user's ``--templates`` produced an error: the message names the template file and line."""


class GeneratedCodeBug(Exception):
    """A module made by the built-in templates does not compile: a bug in modelgen."""


@dataclass(frozen=True)
class Choices:
    """The options of one run; ``None`` / ``()`` where nothing chose yet."""

    spec: Optional[Path] = None
    styles: tuple[str, ...] = ()
    unknown_keys: Optional[str] = None
    enums: Optional[str] = None
    templates: Optional[Path] = None
    target_python: Optional[tuple[int, int]] = None


def with_config(given: Choices, cfg: Config) -> Choices:
    """``given`` with every option nothing chose filled in from the pyproject (or the default)."""
    return Choices(
        spec=given.spec or cfg.spec,
        styles=tuple(s for s in STYLES if s in given.styles) if given.styles else cfg.styles,
        unknown_keys=given.unknown_keys or cfg.unknown_keys.value,
        enums=given.enums or cfg.enums,
        templates=given.templates,
        target_python=given.target_python or cfg.target_python,
    )


def _relative(path: Path, out: Path) -> str:
    try:
        return Path(os.path.relpath(path.resolve(), out.resolve())).as_posix()
    except ValueError:  # another drive
        return path.resolve().as_posix()


def recorded(choices: Choices, out: Path) -> RecordedOptions:
    """What the manifest records of a run with ``choices`` (filled in by ``with_config``)."""
    assert choices.spec is not None and choices.target_python is not None
    return RecordedOptions(
        spec=_relative(choices.spec, out),
        styles=choices.styles,
        unknown_keys=choices.unknown_keys or "keep",
        enums=choices.enums or "open",
        target_python="%d.%d" % choices.target_python,
        templates=_relative(choices.templates, out) if choices.templates else None,
    )


def check_choices(given: Choices, cfg: Config, out: Path) -> tuple[Choices, list[str]]:
    """The options for ``check``: flags, then pyproject keys, then OUT's manifest. Also a line
    for every flag or pyproject key that differs from the options OUT was generated with."""
    manifest: Optional[Manifest] = read_manifest(out)
    if manifest is None or manifest.options is None:
        return with_config(given, cfg), []
    rec = manifest.options
    set_in = cfg.explicit
    from_record = Choices(
        spec=given.spec or (cfg.spec if "spec" in set_in else out / rec.spec),
        styles=given.styles
        or (cfg.styles if "styles" in set_in else tuple(s for s in STYLES if s in rec.styles)),
        unknown_keys=given.unknown_keys
        or (cfg.unknown_keys.value if "unknown_keys" in set_in else rec.unknown_keys),
        enums=given.enums or (cfg.enums if "enums" in set_in else rec.enums),
        templates=given.templates or (out / rec.templates if rec.templates else None),
        target_python=cfg.target_python if "target_python" in set_in else _version(rec.target_python),
    )
    chosen = with_config(from_record, cfg)
    differ = recorded(chosen, out).differences(rec, _keys(given, set_in))
    return chosen, [f"{d}: {out.as_posix()}/ was generated with different options" for d in differ]


def _keys(given: Choices, set_in: frozenset[str]) -> set[str]:
    keys: set[str] = {k for k in ("spec", "styles", "unknown_keys", "enums", "target_python") if k in set_in}
    keys |= {k for k, v in vars(given).items() if v}
    return keys


def _version(text: str) -> tuple[int, int]:
    major, _, minor = text.partition(".")
    return (int(major), int(minor)) if major.isdigit() and minor.isdigit() else (3, 9)


def _template_frame(exc: BaseException, folder: Path) -> Optional[str]:
    """``file:line`` of the innermost frame of ``exc`` in a template of ``folder``, if any."""
    root = folder.resolve()
    found: Optional[str] = None
    for frame in traceback.extract_tb(exc.__traceback__):
        path = Path(frame.filename)
        if path.suffix == ".jinja" and root in path.resolve().parents:
            found = f"{path.as_posix()}:{frame.lineno}"
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
        path = Path(exc.filename)
        if root in path.resolve().parents:
            found = f"{path.as_posix()}:{exc.lineno}"
    return found


def render_tree(spec: Spec, styles: tuple[str, ...], options: RenderOptions) -> dict[str, str]:
    """``build_tree``, every module compiled in memory as it is made (``compiling``). An error
    that a user's template caused raises ``UserTemplateError``; a module of the built-in
    templates that does not compile raises ``GeneratedCodeBug``; nothing is written in either
    case."""
    folder = Path(options.templates) if options.templates else None
    compiler = ModuleCompiler(parallel=len(spec.items) >= PARALLEL_FROM)
    try:
        files = build_tree(spec, styles, options, on_file=compiler.submit)
        errors = compiler.errors(files)
    except FormatError as exc:
        if folder is None:
            raise
        raise UserTemplateError(f"the templates in {folder.as_posix()} give invalid Python: {exc}") from exc
    except Exception as exc:
        where = _template_frame(exc, folder) if folder is not None else None
        if where is None:
            raise
        raise UserTemplateError(f"{where}: {type(exc).__name__}: {exc}") from exc
    finally:
        compiler.close()
    if errors and folder is not None:
        raise UserTemplateError(f"{errors[0]}; it was rendered with the templates in {folder.as_posix()}")
    if errors:
        raise GeneratedCodeBug(errors[0])
    return files

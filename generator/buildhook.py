"""A hatchling build hook: a user's package regenerates (or checks) its models when it is built.

In the user's pyproject.toml:

    [build-system]
    requires = ["hatchling", "docmodelgen"]
    build-backend = "hatchling.build"

    [tool.hatch.build.hooks.modelgen]
    mode = "generate"      # or "check": fail the build when the models are stale

The hook reads ``[tool.modelgen]`` from the package's pyproject.toml like the command does
(paths relative to it) and writes the models before hatchling collects the files, so the wheel
and the sdist hold models made from the documents being built. hatchling finds the hook through
the ``hatch`` entry point ``modelgen`` (pyproject.toml of docmodelgen).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface
from hatchling.plugin import hookimpl

from generator.cli.config import Config, ConfigError, load_config
from generator.cli.runs import Choices, GeneratedCodeBug, recorded, render_tree, with_config
from generator.emit.options import RenderOptions
from generator.emit.tree import writable_styles
from generator.model.diagnostics import has_errors
from generator.output.journal import OutputError
from generator.pipeline import load_spec
from generator.write import check_tree, write_tree

MODES = ("generate", "check")


class ModelgenBuildError(Exception):
    """The documents have errors, or (mode "check") the committed models are stale."""


def build_models(root: Path, mode: str = "generate") -> str:
    """Generate or check the models of the project at ``root``; a one-line account of what it did.
    Every failure a user can act on is a ``ModelgenBuildError`` whose message says what and where
    (as ``modelgen generate`` would print it), never a traceback of modelgen's internals."""
    if mode not in MODES:
        raise ModelgenBuildError(f"modelgen build hook: mode must be one of {', '.join(MODES)}, not {mode!r}")
    try:
        return _build(root, mode)
    except (ConfigError, OutputError) as exc:
        raise ModelgenBuildError(f"modelgen: {exc}") from None
    except GeneratedCodeBug as exc:
        raise ModelgenBuildError(f"modelgen: internal error (please report it): {exc}") from None


def _build(root: Path, mode: str) -> str:
    cfg = _anchored(load_config(root), root)
    spec, diags = load_spec(cfg.spec, cfg.names)
    if spec is None or has_errors(diags):
        shown = "\n".join(str(d) for d in diags if d.severity == "error")
        raise ModelgenBuildError(f"modelgen: {cfg.spec} has errors; no models were built\n{shown}")
    styles, _ = writable_styles(spec, cfg.styles)
    options = RenderOptions(
        unknown_keys=cfg.unknown_keys,
        open_enums=cfg.enums == "open",
        target_python=cfg.target_python,
        source_name=cfg.spec.resolve().name or cfg.spec.as_posix(),  # as `modelgen generate` names it
    )
    files = render_tree(spec, styles, options)
    # the manifest records what `modelgen generate` would, so a bare `modelgen check` agrees
    record = recorded(with_config(Choices(styles=styles), cfg), cfg.out)
    if mode == "check":
        result = check_tree(cfg.out, files, record)
        if not result.ok:
            stale = [*result.changed, *result.missing, *result.extra]
            raise ModelgenBuildError(
                f"modelgen: {cfg.out} is stale ({', '.join(stale)}); run `modelgen generate`"
            )
        return f"modelgen: {cfg.out} is up to date ({len(files)} files)"
    written = write_tree(cfg.out, files, record)
    return f"modelgen: {len(files)} files in {cfg.out} ({len(written)} written)"


def _anchored(cfg: Config, root: Path) -> Config:
    """Paths of a project without [tool.modelgen] are relative to its root, not the build's cwd."""
    if cfg.source is not None:
        return cfg
    return Config(spec=root / cfg.spec, out=root / cfg.out)


class ModelgenBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "modelgen"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        mode = str(self.config.get("mode", "generate"))
        self.app.display_info(build_models(Path(self.root), mode))


@hookimpl
def hatch_register_build_hook() -> type[BuildHookInterface]:  # type: ignore[type-arg]
    return ModelgenBuildHook

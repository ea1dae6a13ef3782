"""The ``modelgen`` command: inspect, generate, check, schema.

Settings come from ``[tool.modelgen]`` in the nearest pyproject.toml (see generator/config.py);
flags override them. Exit codes: 0 success; 1 spec errors or stale output; 2 usage or
configuration errors; 3 an internal bug (the traceback is shown only with ``--debug``).
"""

from __future__ import annotations

import json
import sys
import traceback
from pathlib import Path
from typing import Any, Callable, Optional, TypeVar

import click

from generator import __version__
from generator.cli.config import Config, ConfigError, load_config
from generator.cli.drift import drift
from generator.cli.report import inspect_json, inspect_text
from generator.emit.options import STYLES, UNKNOWN_KEY_POLICIES, RenderOptions
from generator.emit.schema import spec_to_schema
from generator.emit.tree import build_tree, writable_styles
from generator.model.diagnostics import Diagnostic, has_errors
from generator.model.ir import Spec
from generator.pipeline import load_spec
from generator.write import check_tree, write_tree

F = TypeVar("F", bound=Callable[..., Any])
EXIT_OK, EXIT_FAIL, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3


def _print_diags(diags: list[Diagnostic]) -> None:
    for d in diags:
        click.echo(str(d), err=True)


def _fails(diags: list[Diagnostic], strict: bool) -> bool:
    return has_errors(diags) or (strict and any(d.severity == "warning" for d in diags))


def spec_option(f: F) -> F:
    return click.option(
        "--spec",
        "spec_dir",
        type=click.Path(path_type=Path, file_okay=False),
        default=None,
        help="Directory of the documents to read.  [default: spec, or [tool.modelgen] spec]",
    )(f)


def strict_option(f: F) -> F:
    return click.option("--strict", is_flag=True, help="Treat warnings as errors.")(f)


def out_option(f: F) -> F:
    return click.option(
        "--out",
        "out_dir",
        type=click.Path(path_type=Path, file_okay=False),
        default=None,
        help="Directory the generated package is written to.  [default: generated, or [tool.modelgen] out]",
    )(f)


def style_options(f: F) -> F:
    f = click.option(
        "--style",
        "styles",
        multiple=True,
        type=click.Choice(STYLES),
        help="Style to generate (repeatable). Default: all four, plus the round-trip tests.",
    )(f)
    f = click.option(
        "--unknown-keys",
        type=click.Choice(UNKNOWN_KEY_POLICIES),
        default=None,
        help="What generated models do with keys the spec does not know.  [default: keep]",
    )(f)
    f = click.option(
        "--templates",
        "templates_dir",
        type=click.Path(path_type=Path, file_okay=False, exists=True),
        default=None,
        help="A folder of templates that override the built-in ones, file by file (e.g. pydantic/module.py.jinja).",
    )(f)
    f = click.option(
        "--enums",
        "enum_policy",
        type=click.Choice(["open", "closed"]),
        default=None,
        help="Open enums keep unknown values; closed enums reject them.  [default: open]",
    )(f)
    return f


def _config(ctx: click.Context) -> Config:
    cfg: Config = ctx.obj["config"]
    return cfg


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="modelgen")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Generate typed Python models from API reference documentation.

    Settings are read from [tool.modelgen] in the nearest pyproject.toml; flags override them.

    \b
    Example:
      modelgen inspect --spec spec/
      modelgen generate --spec spec/ --out generated/
      modelgen check
    """
    try:
        config = load_config(Path.cwd())
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc
    ctx.obj = {"debug": debug, "config": config}


@cli.command()
@spec_option
@strict_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object: models, enums, diagnostics.")
@click.pass_context
def inspect(ctx: click.Context, spec_dir: Optional[Path], strict: bool, as_json: bool) -> None:
    """Print the merged model of SPEC and every diagnostic.

    \b
    Example:
      modelgen inspect --spec spec/ --json | jq '.models[].name'
    """
    cfg = _config(ctx)
    spec, diags = load_spec(spec_dir or cfg.spec, cfg.names)
    if as_json:
        click.echo(json.dumps(inspect_json(spec, diags), indent=2, ensure_ascii=False))
    else:
        click.echo(inspect_text(spec), nl=False)
        _print_diags(diags)
    sys.exit(EXIT_FAIL if _fails(diags, strict) else EXIT_OK)


def _build(
    cfg: Config,
    spec_dir: Optional[Path],
    styles: tuple[str, ...],
    unknown_keys: Optional[str],
    enum_policy: Optional[str],
    templates_dir: Optional[Path],
    strict: bool,
) -> tuple[Spec, dict[str, str]]:
    directory = spec_dir or cfg.spec
    spec, diags = load_spec(directory, cfg.names)
    _print_diags(diags)
    if spec is None or _fails(diags, strict):
        click.echo(f"modelgen: {directory.as_posix()} has errors; nothing was written.", err=True)
        sys.exit(EXIT_FAIL)
    options = RenderOptions(
        unknown_keys=unknown_keys or cfg.unknown_keys,
        open_enums=(enum_policy or cfg.enums) == "open",
        target_python=cfg.target_python,
        templates=str(templates_dir) if templates_dir else None,
    )
    chosen = tuple(s for s in STYLES if s in styles) if styles else cfg.styles
    chosen, skipped = writable_styles(spec, chosen)
    _print_diags(skipped)
    if not chosen or (strict and skipped):
        click.echo("modelgen: no style can be written; nothing was written.", err=True)
        sys.exit(EXIT_FAIL)
    return spec, build_tree(spec, chosen, options)


@cli.command()
@spec_option
@out_option
@style_options
@strict_option
@click.pass_context
def generate(
    ctx: click.Context,
    spec_dir: Optional[Path],
    out_dir: Optional[Path],
    styles: tuple[str, ...],
    unknown_keys: Optional[str],
    enum_policy: Optional[str],
    templates_dir: Optional[Path],
    strict: bool,
) -> None:
    """Write the generated models (and their round-trip tests) into OUT, all or nothing.

    \b
    Example:
      modelgen generate --spec spec/ --out generated/
      modelgen generate --style pydantic --out src/myapp/models/
    """
    cfg = _config(ctx)
    out = out_dir or cfg.out
    spec, files = _build(cfg, spec_dir, styles, unknown_keys, enum_policy, templates_dir, strict)
    changed = write_tree(out, files)
    n_fields = sum(len(m.fields) for m in spec.models)
    click.echo(
        f"modelgen: {len(spec.models)} objects, {n_fields} fields, {len(spec.enums)} enums; "
        f"{len(files)} files in {out.as_posix()}/ ({len(changed)} written, {len(files) - len(changed)} unchanged)"
    )


@cli.command()
@spec_option
@out_option
@style_options
@strict_option
@click.pass_context
def check(
    ctx: click.Context,
    spec_dir: Optional[Path],
    out_dir: Optional[Path],
    styles: tuple[str, ...],
    unknown_keys: Optional[str],
    enum_policy: Optional[str],
    templates_dir: Optional[Path],
    strict: bool,
) -> None:
    """Exit 0 when OUT is exactly what `generate` would write; else 1 with the differences.

    \b
    Example:
      modelgen check --spec spec/ --out generated/   # in CI or pre-commit
    """
    cfg = _config(ctx)
    out = out_dir or cfg.out
    _, files = _build(cfg, spec_dir, styles, unknown_keys, enum_policy, templates_dir, strict)
    result = check_tree(out, files)
    if result.ok:
        click.echo(f"modelgen: {out.as_posix()}/ is up to date ({len(files)} files)")
        sys.exit(EXIT_OK)
    for label, paths in (("changed", result.changed), ("missing", result.missing), ("extra", result.extra)):
        for p in paths:
            click.echo(f"{label}: {out.as_posix()}/{p}", err=True)
    if result.diff:
        click.echo(result.diff, err=True, nl=False)
    click.echo(f"modelgen: {out.as_posix()}/ is stale; run `modelgen generate`", err=True)
    sys.exit(EXIT_FAIL)


@cli.command()
@spec_option
@strict_option
@click.pass_context
def schema(ctx: click.Context, spec_dir: Optional[Path], strict: bool) -> None:
    """Print a JSON Schema (2020-12) of the merged model: required, nullable, enums, constants.

    \b
    Example:
      modelgen schema --spec spec/ > fine_tuning.schema.json
    """
    cfg = _config(ctx)
    directory = spec_dir or cfg.spec
    spec, diags = load_spec(directory, cfg.names)
    _print_diags(diags)
    if spec is None or _fails(diags, strict):
        click.echo(f"modelgen: {directory.as_posix()} has errors; no schema.", err=True)
        sys.exit(EXIT_FAIL)
    options = RenderOptions(unknown_keys=cfg.unknown_keys, open_enums=cfg.enums == "open")
    click.echo(json.dumps(spec_to_schema(spec, options), indent=2, ensure_ascii=False))


cli.add_command(drift)


def main() -> None:
    debug = "--debug" in sys.argv[1:]
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_USAGE)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(EXIT_FAIL)
    except SystemExit:
        raise
    except BaseException as exc:  # an internal bug: say so plainly
        if isinstance(exc, KeyboardInterrupt):
            sys.exit(130)
        click.echo(f"modelgen: internal error: {type(exc).__name__}: {exc}", err=True)
        if debug:
            traceback.print_exc()
        else:
            click.echo(
                "This is a bug in modelgen, not in your documents. Run with --debug for the traceback.",
                err=True,
            )
        sys.exit(EXIT_BUG)

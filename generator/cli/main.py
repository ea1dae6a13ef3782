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
from typing import Any, Callable, NoReturn, Optional, TypeVar

import click

from generator import __version__
from generator.cli.config import Config, ConfigError, load_config
from generator.cli.drift import drift
from generator.cli.report import inspect_json, inspect_text, shown_diagnostics, summary
from generator.cli.runs import (
    Choices,
    GeneratedCodeBug,
    UserTemplateError,
    check_choices,
    recorded,
    render_tree,
    with_config,
)
from generator.emit.options import UNKNOWN_KEY_POLICIES, RenderOptions, UnknownKeys
from generator.emit.registry import BUILTIN_STYLES as STYLES
from generator.emit.schema import spec_to_schema
from generator.emit.tree import writable_styles
from generator.model.diagnostics import Diagnostic, has_errors
from generator.model.ir import Spec
from generator.output.journal import OutputError
from generator.pipeline import load_spec
from generator.write import check_tree, recover_output, write_tree

F = TypeVar("F", bound=Callable[..., Any])
EXIT_OK, EXIT_FAIL, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3
DEBUG, VERBOSE = "modelgen.debug", "modelgen.verbose"


def _print_diags(diags: list[Diagnostic]) -> None:
    """Every error, then one line of counts; with -v every diagnostic (quiet by default)."""
    verbose = bool(click.get_current_context().meta.get(VERBOSE))
    for line in shown_diagnostics(diags, verbose):
        click.echo(line, err=True)
    line = summary(diags, verbose)
    if line:
        click.echo(line, err=True)


def _fails(diags: list[Diagnostic], strict: bool) -> bool:
    return has_errors(diags) or (
        strict and any(d.severity == "warning" and not d.acknowledged for d in diags)
    )


def _remember(key: str) -> Callable[[click.Context, click.Parameter, bool], None]:
    def store(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
        if value:
            ctx.meta[key] = True  # meta is shared by the group and its subcommand

    return store


def common_options(f: F) -> F:
    """--debug and -v, taken before or after the subcommand's name."""
    f = click.option(
        "--debug",
        is_flag=True,
        expose_value=False,
        callback=_remember(DEBUG),
        help="Show the traceback of an internal error.",
    )(f)
    return click.option(
        "-v",
        "--verbose",
        is_flag=True,
        expose_value=False,
        callback=_remember(VERBOSE),
        help="List every diagnostic (by default: errors, and one line of counts).",
    )(f)


def spec_option(f: F) -> F:
    return click.option(
        "--spec",
        "spec_dir",
        type=click.Path(path_type=Path, file_okay=False, exists=True),
        default=None,
        help="Directory of the documents to read.  [default: spec, or [tool.modelgen] spec]",
    )(f)


def _spec_dir(cfg: Config, spec_dir: Optional[Path]) -> Path:
    """--spec (checked by click), else the configured folder, which must exist too (exit 2)."""
    directory = spec_dir or cfg.spec
    if not directory.is_dir():
        where = f" (set by {cfg.source})" if spec_dir is None and cfg.source else ""
        what = "is not a directory" if directory.exists() else "does not exist"
        raise click.UsageError(f"spec directory '{directory.as_posix()}'{where} {what}")
    return directory


def _style_list(_ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    """``--style pydantic,typeddict`` or ``--style pydantic --style typeddict``."""
    names = [n.strip() for v in values for n in v.split(",") if n.strip()]
    unknown = [n for n in names if n not in STYLES]
    if unknown:
        raise click.BadParameter(f"{', '.join(map(repr, unknown))} (choose from {', '.join(STYLES)})")
    return tuple(dict.fromkeys(names))


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
        metavar="NAME[,NAME...]",
        callback=_style_list,
        help=f"Styles to generate, a comma list or the flag repeated: {', '.join(STYLES)}. "
        "Default: all five, plus the round-trip tests.",
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
        help="open: each enum as its pages and the spec's [enums] say (unsaid: keeps unknown values); "
        "closed: every enum rejects unknown values.  [default: open]",
    )(f)
    return f


def _config(ctx: click.Context) -> Config:
    cfg: Config = ctx.obj["config"]
    return cfg


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="modelgen")
@common_options
@click.pass_context
def cli(ctx: click.Context) -> None:
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
    ctx.obj = {"config": config}


@cli.command()
@common_options
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
    spec, diags = load_spec(_spec_dir(cfg, spec_dir), cfg.names)
    if as_json:
        click.echo(json.dumps(inspect_json(spec, diags), indent=2, ensure_ascii=False))
    else:
        click.echo(inspect_text(spec), nl=False)
        _print_diags(diags)
    sys.exit(EXIT_FAIL if _fails(diags, strict) else EXIT_OK)


def _build(cfg: Config, choices: Choices, strict: bool) -> tuple[Spec, dict[str, str], Choices]:
    """Read the spec and render every file in memory (compiled, not written); exits on errors."""
    directory = _spec_dir(cfg, choices.spec)
    spec, diags = load_spec(directory, cfg.names)
    if spec is None or _fails(diags, strict):
        _print_diags(diags)
        click.echo(f"modelgen: {directory.as_posix()} has errors; nothing was written.", err=True)
        sys.exit(EXIT_FAIL)
    options = RenderOptions(
        unknown_keys=UnknownKeys(choices.unknown_keys) if choices.unknown_keys else cfg.unknown_keys,
        open_enums=(choices.enums or cfg.enums) == "open",
        target_python=choices.target_python or cfg.target_python,
        templates=str(choices.templates) if choices.templates else None,
        source_name=directory.resolve().name or directory.as_posix(),
    )
    chosen, skipped = writable_styles(spec, choices.styles or cfg.styles)
    _print_diags(diags + skipped)
    if not chosen or (strict and skipped):
        click.echo("modelgen: no style can be written; nothing was written.", err=True)
        sys.exit(EXIT_FAIL)
    try:
        files = render_tree(spec, chosen, options)
    except UserTemplateError as exc:
        click.echo(f"modelgen: {exc}; nothing was written.", err=True)
        sys.exit(EXIT_FAIL)
    except GeneratedCodeBug as exc:
        click.echo(f"modelgen: internal error: {exc}; nothing was written.", err=True)
        click.echo("This is a bug in modelgen, not in your documents.", err=True)
        sys.exit(EXIT_BUG)
    return spec, files, choices


@cli.command()
@common_options
@spec_option
@out_option
@style_options
@strict_option
@click.option(
    "--adopt", is_flag=True, help="Replace files in OUT that modelgen did not write (else it refuses)."
)
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
    adopt: bool,
) -> None:
    """Write the generated models (and their round-trip tests) into OUT, all or nothing.

    \b
    Example:
      modelgen generate --spec spec/ --out generated/
      modelgen generate --style pydantic --out src/myapp/models/
    """
    cfg = _config(ctx)
    out = out_dir or cfg.out
    given = Choices(spec_dir, styles, unknown_keys, enum_policy, templates_dir)
    spec, files, choices = _build(cfg, with_config(given, cfg), strict)
    try:
        changed = write_tree(out, files, recorded(choices, out), adopt)
    except OutputError as exc:
        click.echo(f"modelgen: {exc}", err=True)
        sys.exit(EXIT_FAIL)
    n_fields = sum(len(m.fields) for m in spec.models)
    click.echo(
        f"modelgen: {len(spec.models)} objects, {n_fields} fields, {len(spec.enums)} enums; "
        f"{len(files)} files in {out.as_posix()}/ ({len(changed)} written, {len(files) - len(changed)} unchanged)"
    )


@cli.command()
@common_options
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
    try:
        done = recover_output(out)
    except OutputError as exc:
        click.echo(f"modelgen: {exc}", err=True)
        sys.exit(EXIT_FAIL)
    if done:
        click.echo(f"modelgen: {out.as_posix()}/: {done}", err=True)
    given = Choices(spec_dir, styles, unknown_keys, enum_policy, templates_dir)
    choices, differ = check_choices(given, cfg, out)
    for line in differ:
        click.echo(f"modelgen: {line}", err=True)
    _, files, _ = _build(cfg, choices, strict)
    result = check_tree(out, files, recorded(choices, out))
    if result.ok:
        click.echo(f"modelgen: {out.as_posix()}/ is up to date ({len(files)} files)")
        sys.exit(EXIT_OK)
    for label, paths in (
        ("changed", result.changed),
        ("missing", result.missing),
        ("extra", result.extra),
        ("unsafe (a link or a folder)", result.unsafe),
    ):
        for p in paths:
            click.echo(f"{label}: {out.as_posix()}/{p}", err=True)
    if result.diff:
        click.echo(result.diff, err=True, nl=False)
    click.echo(f"modelgen: {out.as_posix()}/ is stale; run `modelgen generate`", err=True)
    sys.exit(EXIT_FAIL)


@cli.command()
@common_options
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
    directory = _spec_dir(cfg, spec_dir)
    spec, diags = load_spec(directory, cfg.names)
    _print_diags(diags)
    if spec is None or _fails(diags, strict):
        click.echo(f"modelgen: {directory.as_posix()} has errors; no schema.", err=True)
        sys.exit(EXIT_FAIL)
    options = RenderOptions(unknown_keys=cfg.unknown_keys, open_enums=cfg.enums == "open")
    click.echo(json.dumps(spec_to_schema(spec, options), indent=2, ensure_ascii=False))


cli.add_command(drift)


def main() -> None:
    args = sys.argv[1:]
    debug = "--debug" in (args[: args.index("--")] if "--" in args else args)
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
    except OSError as exc:  # the environment (a disk, a permission), not a bug: name the path
        if exc.filename is None:
            _internal_error(exc, debug)
        click.echo(f"modelgen: {Path(exc.filename).as_posix()}: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_FAIL)
    except BaseException as exc:  # an internal bug: say so plainly
        if isinstance(exc, KeyboardInterrupt):
            sys.exit(130)
        _internal_error(exc, debug)


def _internal_error(exc: BaseException, debug: bool) -> NoReturn:
    click.echo(f"modelgen: internal error: {type(exc).__name__}: {exc}", err=True)
    if debug:
        traceback.print_exc()
    else:
        click.echo(
            "This is a bug in modelgen, not in your documents. Run with --debug for the traceback.",
            err=True,
        )
    sys.exit(EXIT_BUG)

"""The ``modelgen`` command: inspect, generate, check.

Exit codes: 0 success; 1 spec errors or stale output; 2 usage errors; 3 an internal bug (the
traceback is shown only with ``--debug``).
"""

from __future__ import annotations

import json
import sys
import traceback
from pathlib import Path
from typing import Any, Callable, TypeVar

import click

from generator import __version__
from generator.diagnostics import Diagnostic, has_errors
from generator.emit import build_tree
from generator.ir import Spec
from generator.options import STYLES, UNKNOWN_KEY_POLICIES, RenderOptions
from generator.write import check_tree, write_tree
from generator.pipeline import load_spec
from generator.report import inspect_json, inspect_text

F = TypeVar("F", bound=Callable[..., Any])
EXIT_OK, EXIT_FAIL, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3


def _print_diags(diags: list[Diagnostic], strict: bool = False) -> None:
    for d in diags:
        click.echo(str(d), err=True)


def _fails(diags: list[Diagnostic], strict: bool) -> bool:
    return has_errors(diags) or (strict and any(d.severity == "warning" for d in diags))


def spec_option(f: F) -> F:
    return click.option(
        "--spec", "spec_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("spec"),
        show_default=True, help="Directory of the documents to read.",
    )(f)


def strict_option(f: F) -> F:
    return click.option("--strict", is_flag=True, help="Treat warnings as errors.")(f)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="modelgen")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Generate typed Python models from API reference documentation.

    \b
    Example:
      modelgen inspect --spec spec/
      modelgen generate --spec spec/ --out generated/
      modelgen check
    """
    ctx.obj = {"debug": debug}


@cli.command()
@spec_option
@strict_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object: models, enums, diagnostics.")
def inspect(spec_dir: Path, strict: bool, as_json: bool) -> None:
    """Print the merged model of SPEC and every diagnostic.

    \b
    Example:
      modelgen inspect --spec spec/ --json | jq '.models[].name'
    """
    spec, diags = load_spec(spec_dir)
    if as_json:
        click.echo(json.dumps(inspect_json(spec, diags), indent=2, ensure_ascii=False))
    else:
        click.echo(inspect_text(spec), nl=False)
        _print_diags(diags)
    sys.exit(EXIT_FAIL if _fails(diags, strict) else EXIT_OK)


def out_option(f: F) -> F:
    return click.option(
        "--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("generated"),
        show_default=True, help="Directory the generated package is written to.",
    )(f)


def style_options(f: F) -> F:
    f = click.option(
        "--style", "styles", multiple=True, type=click.Choice(STYLES),
        help="Style to generate (repeatable). Default: all four, plus the round-trip tests.",
    )(f)
    f = click.option(
        "--unknown-keys", type=click.Choice(UNKNOWN_KEY_POLICIES), default="keep", show_default=True,
        help="What generated models do with keys the spec does not know.",
    )(f)
    f = click.option(
        "--enums", "enum_policy", type=click.Choice(["open", "closed"]), default="open", show_default=True,
        help="Open enums keep unknown values; closed enums reject them.",
    )(f)
    return f


def _build(
    spec_dir: Path, styles: tuple[str, ...], unknown_keys: str, enum_policy: str, strict: bool
) -> tuple[Spec, dict[str, str]]:
    spec, diags = load_spec(spec_dir)
    _print_diags(diags)
    if spec is None or _fails(diags, strict):
        click.echo(f"modelgen: {spec_dir.as_posix()} has errors; nothing was written.", err=True)
        sys.exit(EXIT_FAIL)
    options = RenderOptions(unknown_keys=unknown_keys, open_enums=enum_policy == "open")
    return spec, build_tree(spec, tuple(s for s in STYLES if s in styles) if styles else STYLES, options)


@cli.command()
@spec_option
@out_option
@style_options
@strict_option
def generate(
    spec_dir: Path, out_dir: Path, styles: tuple[str, ...], unknown_keys: str, enum_policy: str, strict: bool
) -> None:
    """Write the generated models (and their round-trip tests) into OUT, all or nothing.

    \b
    Example:
      modelgen generate --spec spec/ --out generated/
      modelgen generate --style pydantic --out src/myapp/models/
    """
    spec, files = _build(spec_dir, styles, unknown_keys, enum_policy, strict)
    changed = write_tree(out_dir, files)
    n_fields = sum(len(m.fields) for m in spec.models)
    click.echo(
        f"modelgen: {len(spec.models)} objects, {n_fields} fields, {len(spec.enums)} enums; "
        f"{len(files)} files in {out_dir.as_posix()}/ ({len(changed)} written, {len(files) - len(changed)} unchanged)"
    )


@cli.command()
@spec_option
@out_option
@style_options
@strict_option
def check(
    spec_dir: Path, out_dir: Path, styles: tuple[str, ...], unknown_keys: str, enum_policy: str, strict: bool
) -> None:
    """Exit 0 when OUT is exactly what `generate` would write; else 1 with the differences.

    \b
    Example:
      modelgen check --spec spec/ --out generated/   # in CI, after the tests
    """
    _, files = _build(spec_dir, styles, unknown_keys, enum_policy, strict)
    result = check_tree(out_dir, files)
    if result.ok:
        click.echo(f"modelgen: {out_dir.as_posix()}/ is up to date ({len(files)} files)")
        sys.exit(EXIT_OK)
    for label, paths in (("changed", result.changed), ("missing", result.missing), ("extra", result.extra)):
        for p in paths:
            click.echo(f"{label}: {out_dir.as_posix()}/{p}", err=True)
    if result.diff:
        click.echo(result.diff, err=True, nl=False)
    click.echo(f"modelgen: {out_dir.as_posix()}/ is stale; run `modelgen generate`", err=True)
    sys.exit(EXIT_FAIL)


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
            click.echo("This is a bug in modelgen, not in your documents. Run with --debug for the traceback.", err=True)
        sys.exit(EXIT_BUG)

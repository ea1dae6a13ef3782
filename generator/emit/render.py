"""The Jinja environment and the rendering of one style's module from a Spec.

All decisions are made by each style's view builder (``Style.build_view``); the templates under
``templates/`` only loop and lay out. The output is valid but unformatted Python (the emitter
runs black over it).
"""

from __future__ import annotations

from functools import lru_cache, partial
from pathlib import Path
from typing import Optional

import jinja2

from generator.emit.depth import DEFER_BUILD_CHAIN, MAX_DEPTH, deep_models, longest_model_chain
from generator.emit.options import RenderOptions
from generator.emit.style import Style
from generator.model.ir import Spec
from generator.pysrc.layout import Seq, group, render
from generator.pysrc.literals import docstring, py_str

_HERE = Path(__file__).resolve().parent.parent  # the generator package
# Installed from a wheel, the templates are package data (generator/templates); in a checkout or
# an editable install they are the repository's top-level templates/.
TEMPLATES = next(
    (p for p in (_HERE / "templates", _HERE.parent / "templates") if p.is_dir()), _HERE / "templates"
)


class _TemplateCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept from one run to the next, in Jinja's per-user temporary folder
    (owned by the user, mode 0700), keyed by each template's file and checked against its
    source, so the output never depends on it. A cache that cannot be read or written is not used.
    """

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # unreadable, cut short, garbage (pickle or marshal errors): compile again
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def _template_cache() -> Optional[jinja2.BytecodeCache]:
    try:
        return _TemplateCache()
    except (OSError, RuntimeError):  # no safe temporary folder: compile every time
        return None


@lru_cache(maxsize=8)
def environment(user_templates: Optional[str] = None, style_root: Optional[str] = None) -> jinja2.Environment:
    """Templates from ``user_templates`` first (file by file), then a style's own root (a style
    defined outside ``generator/``), then the built-in ones.

    One environment per template folder, so that each template is compiled once a process (the
    loader still reloads a template whose file changed), and at most once a change of it
    (``_TemplateCache``): compiling the templates was a third of a run on spec/.
    """
    folders = [f for f in (user_templates, style_root) if f] + [str(TEMPLATES)]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folders),
        bytecode_cache=_template_cache(),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["pyrepr"] = py_str
    env.filters["docstring"] = docstring
    return env


def render_style(spec: Spec, style: Style, options: RenderOptions) -> str:
    """The source of ``style``'s module for ``spec``, in black's format but for long lines."""
    view = style.build_view(spec, style, options)
    template = environment(options.templates, style.template_root).get_template(style.template)
    return template.render(view=view, **spec_variables(spec))


def spec_variables(spec: Spec) -> dict[str, object]:
    """What every style's templates are given besides the view: whether pydantic may build a
    model's validator on first use (``defer_build``: not for a long chain of models), the depth
    guard's inputs, and
    ``deep_set(target)``, the statement ``target = frozenset({...})`` of the deep models laid out
    as black lays it out (a long line of names would otherwise send black a statement)."""
    deep = deep_models(spec)  # see generator.emit.depth
    names = tuple(py_str(n) for n in deep)
    return {
        "defer_build": longest_model_chain(spec) <= DEFER_BUILD_CHAIN,
        "deep_models": names,
        "deep_names": frozenset(deep),
        "deep_set": partial(frozenset_statement, items=names),
        "max_depth": MAX_DEPTH,
    }


def frozenset_statement(target: str, items: tuple[str, ...]) -> str:
    return render(Seq((f"{target} = ", group("frozenset(", [group("{", items, "}")], ")"))), 0)

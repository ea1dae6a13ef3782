"""The Jinja environment and the rendering of one style's module from a Spec.

All decisions are made in ``generator.styles`` (view records and filters); the templates under
``templates/`` only loop and lay out. The output is valid but unformatted Python (the emitter
runs black over it).
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from generator.ir import Spec
from generator.options import RenderOptions
from generator.styles import build_module, docstring, py_str

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["pyrepr"] = py_str
    env.filters["docstring"] = docstring
    return env


def render_style(spec: Spec, style: str, options: RenderOptions) -> str:
    """The source of ``<style>_models.py`` for ``spec`` (unformatted; black runs later)."""
    view = build_module(spec, style, options)
    return environment().get_template(f"{style}/module.py.jinja").render(view=view)

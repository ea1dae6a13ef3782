from __future__ import annotations

from pathlib import Path

import pytest

from generator.dialects.openapi_schema import OpenAPISource, read_openapi
from generator.model.claims import TYPE, ObjectFrag
from generator.model.diagnostics import Diagnostic, Origin
from generator.model.ir import Spec, TypeExpr
from generator.pipeline import load_spec
from generator.read.openapi_settings import OpenAPISettings
from generator.read.spec_settings import load_settings
from generator.reconcile.merge import merge
from generator.reconcile.resolve import resolve
from tests.openapi.extract_closure import FINE_TUNING_ROOTS
from tests.openapi.sdk_oracle import Ours

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).with_name("fixtures")
FINE_TUNING = FIXTURES / "openai-finetuning.yaml"
SHARED = Path("/work/shared/openapi")  # the whole document, where this machine has it


def read(
    document: Path, roots: tuple[str, ...] = FINE_TUNING_ROOTS
) -> tuple[OpenAPISource, list[Diagnostic]]:
    source, diags = read_openapi(OpenAPISettings(document, roots), Origin("modelgen.toml"))
    assert source is not None, "\n".join(map(str, diags))
    return source, diags


@pytest.fixture(scope="session")
def fine_tuning() -> OpenAPISource:
    return read(FINE_TUNING)[0]


def obj(source: OpenAPISource, name: str) -> ObjectFrag:
    found = [o for o in source.fragments.objects if o.name == name]
    assert len(found) == 1, f"{name}: {[o.name for o in source.fragments.objects]}"
    return found[0]


def claims(o: ObjectFrag, wire: str) -> dict[str, object]:
    f = next(f for f in o.fields if f.wire_name == wire)
    return {c.attr: c.value for c in f.claims}


def type_of(o: ObjectFrag, wire: str) -> TypeExpr:
    t = claims(o, wire)[TYPE]
    assert not isinstance(t, bool)
    return t


@pytest.fixture(scope="session")
def closure_spec() -> Spec:
    """Our Spec of the vendored fine-tuning closure alone, merged under spec/modelgen.toml's aliases."""
    settings, _ = load_settings(ROOT / "spec")
    source, diags = read_openapi(
        OpenAPISettings(FINE_TUNING, FINE_TUNING_ROOTS), Origin("modelgen.toml"), settings.aliases
    )
    assert source is not None, diags
    spec, d = resolve(merge([source.fragments], settings), (), "")
    assert spec is not None, [str(x) for x in d if x.severity == "error"]
    return spec


@pytest.fixture(scope="session")
def fine_tuning_spec() -> Spec:
    """The Spec of spec/ itself (its pages and its OpenAPI document merged): what users get."""
    spec, diags = load_spec(ROOT / "spec")
    assert spec is not None, "\n".join(map(str, diags))
    return spec


@pytest.fixture(scope="session", params=["spec", "closure"])
def ours(request: pytest.FixtureRequest, fine_tuning_spec: Spec, closure_spec: Spec) -> Ours:
    """Our models of spec/ (pages and document merged), and of the document's closure alone."""
    spec = fine_tuning_spec if request.param == "spec" else closure_spec
    return Ours(
        {m.name: m for m in spec.models},
        {e.name: e.values for e in spec.enums},
        {u.name: u.members for u in spec.unions},
    )

"""[openapi] in spec/modelgen.toml, and the OpenAPI source merged with documentation pages."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.model.ir import Model
from generator.pipeline import load_spec
from generator.read.spec_settings import load_settings

ROOT = Path(__file__).resolve().parents[2]

DOC = """\
openapi: 3.1.0
info: {title: t, version: '1'}
components:
  schemas:
    FineTuningJobError:
      type: object
      required: [code, message, param]
      properties:
        code: {type: string}
        message: {type: string}
        param: {anyOf: [{type: string}, {type: 'null'}]}
        extra_from_spec: {type: integer}
"""


def _spec(tmp_path: Path, toml: str) -> Path:
    spec = tmp_path / "spec"
    spec.mkdir(parents=True)
    (spec / "modelgen.toml").write_text(toml)
    (spec / "api.yaml").write_text(DOC)
    return spec


def test_settings_name_the_document_roots_and_unknown_keys(tmp_path: Path) -> None:
    spec = _spec(tmp_path, '[openapi]\ndocument = "api.yaml"\nroots = ["Fine*"]\nroot = "x"\n'
                           '[precedence]\ntype = ["openapi-generator"]\n')  # fmt: skip
    settings, diags = load_settings(spec)
    assert settings.openapi is not None and settings.openapi.roots == ("Fine*",)
    assert settings.openapi.document == spec / "api.yaml"
    assert sorted(d.code for d in diags) == ["E104", "W376"]
    assert "openapi.root" in next(d.message for d in diags if d.code == "E104")
    _, diags = load_settings(_spec(tmp_path / "b", '[openapi]\ndocument = "api.yaml"\nroots = []\n'))
    assert [d.code for d in diags] == ["E104"] and "roots" in diags[0].message


def test_the_openapi_source_merges_with_a_page_and_disagreements_name_both(tmp_path: Path) -> None:
    spec = _spec(tmp_path, '[openapi]\ndocument = "api.yaml"\nroots = ["FineTuningJobError"]\n')
    shutil.copy(ROOT / "spec" / "fine_tuning_job_error.md", spec)
    model, diags = load_spec(spec)
    assert model is not None, diags
    error = model.get("FineTuningJobError")
    assert isinstance(error, Model)
    fields = {f.wire_name: f for f in error.fields}
    assert fields["param"].nullable and fields["param"].required
    assert not fields["extra_from_spec"].required
    assert {o.path.rsplit("/", 1)[-1] for o in error.origins} == {"api.yaml", "fine_tuning_job_error.md"}
    assert model.inputs == ("fine_tuning_job_error.md", "api.yaml")
    assert [d.code for d in diags] == []


def test_the_document_is_an_input_named_from_the_spec_directory(tmp_path: Path, monkeypatch) -> None:
    spec = _spec(tmp_path, '[openapi]\ndocument = "api.yaml"\nroots = ["FineTuningJobError"]\n')
    monkeypatch.chdir(tmp_path)
    first, _ = load_spec(Path("spec"))
    monkeypatch.chdir(spec)
    second, _ = load_spec(Path("."))
    assert first is not None and second is not None
    assert first.inputs == second.inputs == ("api.yaml",)
    assert first.input_hash == second.input_hash

"""The OpenAPI source: OpenAI's fine-tuning closure and small documents of each form, read into claims."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from generator.dialects.openapi_document import resolve_pointer
from generator.model.claims import NULLABLE, REQUIRED, TYPE
from generator.model.ir import ListOf, LiteralOf, MapOf, Ref, Scalar, UnionOf
from tests.openapi.conftest import FINE_TUNING, SHARED, claims, obj, read, type_of
from tests.openapi.extract_closure import FINE_TUNING_ROOTS, extract

ROOT = Path(__file__).resolve().parents[2]


def test_the_closure_of_the_fine_tuning_roots(fine_tuning) -> None:
    assert len(fine_tuning.schemas) == 44
    names = {o.name for o in fine_tuning.fragments.objects}
    for name in ("FineTuningJob", "FineTuningJobEvent", "FineTuningJobCheckpoint", "FineTuningCheckpointPermission",
                 "ListPaginatedFineTuningJobsResponse", "CreateFineTuningJobRequest", "WebhookFineTuningJobFailed",
                 "GraderMulti", "GraderLabelModel", "FineTuneReinforcementMethod", "EvalItem"):  # fmt: skip
        assert name in names


def test_inline_objects_and_enums_get_the_names_a_person_writes(fine_tuning) -> None:
    names = {o.name for o in fine_tuning.fragments.objects} | {e.name for e in fine_tuning.fragments.enums}
    for name in ("FineTuningJobError", "FineTuningJobHyperparameters", "FineTuningJobCheckpointMetrics",
                 "WebhookFineTuningJobCancelledData", "FineTuningIntegrationWandb", "CreateFineTuningJobRequestIntegration",
                 "FineTuningJobStatus", "FineTuneMethodType", "FineTuningJobEventLevel"):  # fmt: skip
        assert name in names
    assert not [n for n in names if re.search(r"\d$", n)], "parser-style numbered names"
    assert not names & {"Error", "Hyperparameters", "Type", "Object", "Status", "Metrics", "Data"}
    job = obj(fine_tuning, "FineTuningJob")
    assert type_of(job, "error") == Ref("FineTuningJobError")
    assert type_of(job, "status") == Ref("FineTuningJobStatus")


def test_required_and_nullable_are_independent(fine_tuning) -> None:
    job = obj(fine_tuning, "FineTuningJob")
    assert (
        claims(job, "error")[REQUIRED] is True and claims(job, "error")[NULLABLE] is True
    )  # anyOf [X, null]
    assert claims(job, "fine_tuned_model") == {TYPE: Scalar("str"), REQUIRED: True, NULLABLE: True}
    assert claims(job, "integrations") == {
        TYPE: ListOf(Ref("FineTuningIntegration")),
        REQUIRED: False,
        NULLABLE: True,
    }
    assert claims(job, "id") == {TYPE: Scalar("str"), REQUIRED: True, NULLABLE: False}
    assert claims(job, "metadata") == {
        TYPE: MapOf(Scalar("str")),
        REQUIRED: False,
        NULLABLE: True,
    }  # $ref Metadata


def test_constants_and_scalar_unions_stay_inline(fine_tuning) -> None:
    job = obj(fine_tuning, "FineTuningJob")
    assert type_of(job, "object") == LiteralOf(("fine_tuning.job",))
    assert job.constant == "fine_tuning.job"
    hyper = obj(fine_tuning, "FineTuningJobHyperparameters")
    assert type_of(hyper, "n_epochs") == UnionOf((LiteralOf(("auto",)), Scalar("int")))
    assert type_of(hyper, "learning_rate_multiplier") == UnionOf((LiteralOf(("auto",)), Scalar("float")))
    # "list" is the object constant of four envelopes and "event" of three webhooks: it identifies none
    for name in ("ListFineTuningJobEventsResponse", "WebhookFineTuningJobFailed"):
        assert obj(fine_tuning, name).constant is None


def test_a_union_of_models_is_a_named_union_each_member_tagged_by_type(fine_tuning) -> None:
    unions = {u.name: u for u in fine_tuning.fragments.unions}
    grader = type_of(obj(fine_tuning, "FineTuneReinforcementMethod"), "grader")
    assert isinstance(grader, Ref) and grader.name in unions
    members = unions[grader.name].members
    assert members == tuple(Ref(n) for n in ("GraderStringCheck", "GraderTextSimilarity", "GraderPython",
                                             "GraderScoreModel", "GraderMulti"))  # fmt: skip
    tags = []
    for m in members:
        assert isinstance(m, Ref)
        c = claims(obj(fine_tuning, m.name), "type")
        assert c[REQUIRED] is True and isinstance(c[TYPE], LiteralOf) and len(c[TYPE].values) == 1
        tags.append(c[TYPE].values[0])
    assert len(set(tags)) == 5  # a discriminator can be computed: distinct required constants
    # the same five options elsewhere are the same union, not four copies
    assert type_of(obj(fine_tuning, "RunGraderRequest"), "grader") == grader
    assert type_of(obj(fine_tuning, "GraderMulti"), "graders") != grader  # label_model instead of multi


def test_every_origin_is_the_line_of_its_schema(fine_tuning) -> None:
    import yaml

    text = FINE_TUNING.read_text(encoding="utf-8")
    lines = text.split("\n")
    data = yaml.safe_load(text)
    for o in fine_tuning.fragments.objects:
        pointer = fine_tuning.pointers[(o.name, "")]
        assert resolve_pointer(data, tuple(pointer[2:].split("/"))) is not None, pointer
        for f in o.fields:
            assert re.match(rf"\s*['\"]?{re.escape(f.wire_name)}['\"]?:", lines[f.origin.line - 1]), (
                o.name,
                f,
            )
            pointer = fine_tuning.pointers[(o.name, f.wire_name)]
            assert resolve_pointer(data, tuple(pointer[2:].split("/"))) is not None, pointer


def test_descriptions_inside_any_of_and_examples_are_read(fine_tuning) -> None:
    job = obj(fine_tuning, "FineTuningJob")
    desc = next(f.description for f in job.fields if f.wire_name == "fine_tuned_model")
    assert desc.startswith("The name of the fine-tuned model that is being created.")
    assert job.examples and job.examples[0].value["object"] == "fine_tuning.job"
    codes = {d.code for d in fine_tuning.fragments.diagnostics}
    assert codes == {"W375"}  # three x-oaiMeta examples of the document are not JSON


def _doc(tmp_path: Path, body: str, version: str = "3.1.0") -> Path:
    path = tmp_path / "api.yaml"
    path.write_text(f"openapi: {version}\ninfo: {{title: t, version: '1'}}\n" + textwrap.dedent(body))
    return path


def test_every_form_of_null_constant_and_inheritance(tmp_path: Path) -> None:
    path = _doc(tmp_path, """\
        components:
          schemas:
            Base:
              type: object
              required: [id]
              properties:
                id: {type: string}
            Thing:
              allOf:
                - $ref: '#/components/schemas/Base'
                - type: object
                  required: [kind, a, b]
                  properties:
                    kind: {const: thing}
                    a: {type: [string, 'null']}
                    b: {anyOf: [{$ref: '#/components/schemas/Base'}, {type: 'null'}]}
                    c: {type: [string, 'null'], enum: [x, y, null]}
                    d: {type: integer, enum: [1, 2]}
    """)  # fmt: skip
    source, diags = read(path, ("Thing",))
    thing = obj(source, "Thing")
    assert [f.wire_name for f in thing.fields] == ["id", "kind", "a", "b", "c", "d"]
    assert claims(thing, "id") == {TYPE: Scalar("str"), REQUIRED: True, NULLABLE: False}
    assert type_of(thing, "kind") == LiteralOf(("thing",))
    assert claims(thing, "a") == {TYPE: Scalar("str"), REQUIRED: True, NULLABLE: True}
    assert claims(thing, "b") == {TYPE: Ref("Base"), REQUIRED: True, NULLABLE: True}
    assert claims(thing, "c")[NULLABLE] is True and type_of(thing, "c") == Ref("ThingC")
    assert type_of(thing, "d") == LiteralOf((1, 2))
    assert next(f for f in thing.fields if f.wire_name == "id").origin.line == 9  # declared in Base


def test_openapi_3_0_nullable(tmp_path: Path) -> None:
    path = _doc(tmp_path, """\
        components:
          schemas:
            Old:
              type: object
              required: [a]
              properties:
                a: {type: string, nullable: true}
                b: {type: integer}
    """, "3.0.3")  # fmt: skip
    source, _ = read(path, ("Old",))
    assert claims(obj(source, "Old"), "a") == {TYPE: Scalar("str"), REQUIRED: True, NULLABLE: True}
    assert claims(obj(source, "Old"), "b") == {TYPE: Scalar("int"), REQUIRED: False, NULLABLE: False}


@pytest.mark.parametrize(
    "body, code, line",
    [
        ("components: {schemas: {A: {type: object, properties: {x: {$ref: '#/components/schemas/Nope'}}}}}\n", "E142", 3),
        ("components:\n  schemas:\n    A: {type: object\n", "E140", 6),
        ("paths: {}\n", "E140", 1),
    ],
)  # fmt: skip
def test_bad_documents_are_diagnostics_with_a_line(tmp_path: Path, body: str, code: str, line: int) -> None:
    from generator.dialects.openapi_schema import read_openapi
    from generator.model.diagnostics import Origin
    from generator.read.openapi_settings import OpenAPISettings

    source, diags = read_openapi(OpenAPISettings(_doc(tmp_path, body), ("A",)), Origin("modelgen.toml"))
    assert source is None
    assert [(d.code, d.origin.line if d.origin else 0) for d in diags] == [(code, line)], diags


def test_a_root_that_matches_nothing_and_a_missing_parser(tmp_path: Path, monkeypatch) -> None:
    from generator.dialects import openapi_schema

    path = _doc(tmp_path, "components: {schemas: {A: {type: object}}}\n")
    _, diags = read(path, ("A", "a*"))
    assert [d.code for d in diags] == ["W370"] and "case differs: A" in diags[0].message
    real = openapi_schema.importlib.import_module

    def no_dcg(name: str):  # type: ignore[no-untyped-def]
        if name.startswith("datamodel_code_generator"):
            raise ImportError(f"No module named {name!r}")
        return real(name)

    monkeypatch.setattr(openapi_schema.importlib, "import_module", no_dcg)
    source, diags = openapi_schema.read_openapi(
        openapi_schema.OpenAPISettings(path, ("A",)), openapi_schema.Origin("modelgen.toml")
    )
    assert (
        source is None and [d.code for d in diags] == ["E141"] and "docmodelgen[openapi]" in diags[0].message
    )


def test_a_docs_only_run_imports_neither_yaml_nor_the_parser(tmp_path: Path) -> None:
    for page in [*(ROOT / "spec").glob("*.md"), *(ROOT / "spec").glob("*.txt")]:  # spec/ without [openapi]
        (tmp_path / page.name).write_bytes(page.read_bytes())
    imported = (
        "import sys; from pathlib import Path; from generator.pipeline import load_spec; "
        "spec, d = load_spec(Path(sys.argv[1])); assert spec is not None; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('yaml', 'datamodel_code_generator')))"
    )
    for spec_dir, expected in ((tmp_path, False), (ROOT / "spec", True)):
        run = [sys.executable, "-c", imported, str(spec_dir)]
        env = dict(os.environ, MODELGEN_CACHE_DIR="off")  # a cold read: the cache would hide it
        out = subprocess.run(run, cwd=ROOT, capture_output=True, text=True, check=True, env=env)
        assert (out.stdout.strip() != "[]") is expected, spec_dir


@pytest.mark.skipif(
    not (SHARED / "openai-openapi.yaml").is_file(), reason="the whole OpenAI document is not here"
)
def test_the_fixture_is_the_closure_extracted_from_the_whole_document() -> None:
    text, names = extract(SHARED, FINE_TUNING_ROOTS)
    assert len(names) == 44
    assert FINE_TUNING.read_text(encoding="utf-8") == text


def test_spec_vendors_the_same_closure_as_the_fixture() -> None:
    """spec/ reads the fixture's closure (the README's drift example reads the fixture)."""
    assert (ROOT / "spec" / FINE_TUNING.name).read_bytes() == FINE_TUNING.read_bytes()


def test_a_stated_discriminator_the_members_do_not_bear_out_is_w377(tmp_path: Path) -> None:
    path = _doc(tmp_path, """\
        components:
          schemas:
            Cat:
              type: object
              required: [kind]
              properties:
                kind: {type: string, enum: [cat]}
            Dog:
              type: object
              properties:
                kind: {type: string, enum: [dog]}
            Pet:
              oneOf:
                - $ref: '#/components/schemas/Cat'
                - $ref: '#/components/schemas/Dog'
              discriminator:
                propertyName: kind
                mapping: {cat: '#/components/schemas/Dog'}
            Good:
              oneOf:
                - $ref: '#/components/schemas/Cat'
              discriminator: {propertyName: kind}
    """)  # fmt: skip
    source, diags = read(path, ("Pet", "Good"))
    assert {u.name for u in source.fragments.unions} == {"Pet"}  # one member: no union at all
    found = sorted(d.message for d in diags if d.code == "W377")
    assert found == [
        "union Pet: the document's discriminator 'kind' is not a required constant of Dog",
        "union Pet: the document's discriminator 'kind' maps 'cat' to #/components/schemas/Dog, but Cat has that value",
    ]
    assert all(d.origin is not None and d.origin.line == 18 for d in diags if d.code == "W377")


def test_a_json_document_reads_the_same_with_lines(tmp_path: Path) -> None:
    import json

    import yaml

    yaml_path = _doc(tmp_path, """\
        components:
          schemas:
            Old:
              type: object
              required: [a]
              properties:
                a: {type: string}
                b: {type: [integer, 'null']}
    """)  # fmt: skip
    json_path = tmp_path / "api.json"
    json_path.write_text(json.dumps(yaml.safe_load(yaml_path.read_text()), indent=2))
    from_yaml, _ = read(yaml_path, ("Old",))
    from_json, _ = read(json_path, ("Old",))
    a, b = obj(from_yaml, "Old"), obj(from_json, "Old")
    assert [claims(a, w) for w in ("a", "b")] == [claims(b, w) for w in ("a", "b")]
    lines = json_path.read_text().split("\n")
    assert all(f'"{f.wire_name}":' in lines[f.origin.line - 1] for f in b.fields)


def test_a_string_or_named_strings_is_a_string_whose_known_values_are_documented(tmp_path: Path) -> None:
    """`anyOf [string, enum]` (the SDK's `Union[str, Literal[...]]`): any string; the enum is no type."""
    path = _doc(tmp_path, """\
        components:
          schemas:
            Req:
              type: object
              properties:
                model:
                  description: The model.
                  anyOf: [{type: string}, {type: string, enum: [small, large]}]
                size: {anyOf: [{type: string}, {const: auto}]}
                mode: {anyOf: [{type: integer}, {type: string, enum: [fast, slow]}]}
    """)  # fmt: skip
    source, _ = read(path, ("Req",))
    req = obj(source, "Req")
    assert type_of(req, "model") == Scalar("str") and type_of(req, "size") == Scalar("str")
    model = next(f for f in req.fields if f.wire_name == "model")
    assert model.description == ("The model. Known values: `small`, `large` (any other string is accepted).")
    assert type_of(req, "mode") == UnionOf((Scalar("int"), Ref("ReqMode")))  # no string beside it: kept
    assert [e.name for e in source.fragments.enums] == ["ReqMode"]


def test_the_objects_of_a_union_with_strings_and_lists_are_one_tagged_member(fine_tuning) -> None:
    """EvalItemContent: a string, a content part (tagged by `type`) or a list of either."""
    unions = {u.name: u.members for u in fine_tuning.fragments.unions}
    parts = tuple(
        Ref(n) for n in ("InputTextContent", "EvalItemContentOutputText", "EvalItemInputImage", "InputAudio")
    )
    assert unions["EvalItemContentItemObject"] == parts
    assert unions["EvalItemContentItem"] == (Scalar("str"), Ref("EvalItemContentItemObject"))
    assert unions["EvalItemContent"] == (
        Scalar("str"),
        Ref("EvalItemContentItemObject"),
        ListOf(Ref("EvalItemContentItem")),
    )
    assert type_of(obj(fine_tuning, "CreateFineTuningJobRequest"), "model") == Scalar("str")


def test_objects_beside_strings_that_share_no_tag_are_left_as_they_are(tmp_path: Path) -> None:
    path = _doc(tmp_path, """\
        components:
          schemas:
            A: {type: object, required: [a], properties: {a: {type: string}}}
            B: {type: object, required: [b], properties: {b: {type: string}}}
            H:
              type: object
              properties:
                v: {oneOf: [{type: string}, {$ref: '#/components/schemas/A'}, {$ref: '#/components/schemas/B'}]}
    """)  # fmt: skip
    source, _ = read(path, ("H",))
    (union,) = source.fragments.unions
    assert union.members == (Scalar("str"), Ref("A"), Ref("B"))


def test_a_propertys_default_and_format_are_said_in_its_description(tmp_path: Path) -> None:
    path = _doc(tmp_path, """\
        components:
          schemas:
            Job:
              type: object
              properties:
                n_epochs: {description: Epochs., anyOf: [{const: auto}, {type: integer}], default: auto}
                suffix: {type: [string, 'null'], default: null}
                created_at: {type: integer, format: unixtime, description: When.}
                url: {anyOf: [{type: string, format: uri}, {type: 'null'}]}
                kind: {type: string, enum: [job], default: job, description: Always job.}
    """)  # fmt: skip
    source, _ = read(path, ("Job",))
    said = {f.wire_name: f.description for f in obj(source, "Job").fields}
    assert said == {
        "n_epochs": "Epochs. Default: `auto`.",
        "suffix": "Default: `null`.",
        "created_at": "When. Format: `unixtime`.",
        "url": "Format: `uri`.",
        "kind": "Always job.",  # a constant's default is its only value
    }

"""Speakeasy (docs/models/shared|components/*.md) dialect: document in, fragments out."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import pytest

import generator.dialects.speakeasy as sk
import generator.dialects.ts_literal as tsl
from generator.model.claims import NULLABLE, REQUIRED, TYPE, DocFragments, FieldFrag, ObjectFrag, Strength
from generator.model.diagnostics import CODES, ERROR, WARNING, Origin
from generator.model.ir import AnyType, ListOf, LiteralOf, MapOf, ObjectType, Ref, Scalar, TypeExpr, UnionOf
from generator.read.markdown import parse_blocks

SPEC = Path(__file__).resolve().parents[2] / "spec"
SEED_002 = SPEC / "002_aca67275d16bfe36.txt"
SEED_004 = SPEC / "004_378cb8924c8fba4c.txt"
OTHER_SEEDS = ["000_62d1526908dff564.txt", "001_d285d7d0eb98a30d.txt", "003_d9b8598430d1132a.txt"]
MY_DOCS = [
    "finetuningjobstatus.md",
    "finetuningjobobject.md",
    "finetuningjobintegrations.md",
    "finetuningjobintegrationstype.md",
    "finetuneevent.md",
    "openaifile.md",
    "finetunehyperparams.md",
    "finetunemethodtypevalues.md",
]

HEAD = "| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n"
YES = ":heavy_check_mark:"
NO = ":heavy_minus_sign:"


def doc(rows: str, name: str = "Thing", desc: str = "A thing.", example: str = "") -> str:
    usage = f"## Example Usage\n\n```typescript\n{example}\n```\n\n" if example else ""
    return f"# {name}\n\n{desc}\n\n{usage}## Fields\n\n{HEAD}{rows}"


def run(text: str, path: str = "t.md") -> DocFragments:
    blocks = parse_blocks(text, path)
    assert sk.detect(text, blocks)
    result: DocFragments = sk.parse(path, text, blocks)
    return result


def only(frags: DocFragments) -> ObjectFrag:
    assert len(frags.objects) == 1
    return frags.objects[0]


def field(obj: ObjectFrag, name: str) -> FieldFrag:
    (f,) = [f for f in obj.fields if f.wire_name == name]
    return f


def claims(f: FieldFrag, attr: str, strength: Optional[Strength] = None) -> list[object]:
    return [c.value for c in f.claims if c.attr == attr and (strength is None or c.strength == strength)]


def type_claim(cell: str) -> tuple[TypeExpr, Strength]:
    frags = run(doc(f"| `x` | {cell} | {YES} | N/A |\n"))
    assert frags.diagnostics == ()
    (c,) = [c for c in only(frags).fields[0].claims if c.attr == TYPE]
    assert isinstance(c.value, (Scalar, AnyType, ObjectType, ListOf, MapOf, Ref, LiteralOf, UnionOf))
    return c.value, c.strength


def read(path: Path) -> DocFragments:
    text = path.read_text()
    return run(text, path.name)


# ------------------------------------------------------------------ types


@pytest.mark.parametrize(
    "cell, expected",
    [
        ("*string*", Scalar("str")),
        ("*integer*", Scalar("int")),
        ("*int*", Scalar("int")),
        ("*float*", Scalar("float")),
        ("*boolean*", Scalar("bool")),
        ("*any*", AnyType()),
        ("*string*[]", ListOf(Scalar("str"))),
        ("*string*[][]", ListOf(ListOf(Scalar("str")))),
        ("[FineTuneEvent](../../models/shared/finetuneevent.md)[]", ListOf(Ref("FineTuneEvent"))),
        ("[components.FineTuningJobError](../../models/components/x.md)", Ref("FineTuningJobError")),
        ("*components.FineTuningJobIntegrations*[]", ListOf(Ref("FineTuningJobIntegrations"))),
        ("[shared.OpenAIFile](../../models/shared/openaifile.md)", Ref("OpenAIFile")),
        ("[models.Size](../models/size.md)", Ref("Size")),
        ("Record<string, *any*>", MapOf(AnyType())),
        ("Record<string, *string*[]>", MapOf(ListOf(Scalar("str")))),
        ("Record<string, [components.Foo](foo.md)>", MapOf(Ref("Foo"))),
        (
            "[Date](https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Date)",
            Scalar("str"),
        ),
        ("*string* \\| *boolean*", UnionOf((Scalar("str"), Scalar("bool")))),
        ('*"auto"* \\| *integer*', UnionOf((LiteralOf(("auto",)), Scalar("int")))),
        ('"a" \\| "b"', LiteralOf(("a", "b"))),
        # Python SDK pages
        ("*str*", Scalar("str")),
        ("*Optional[str]*", Scalar("str")),
        ("*List[str]*", ListOf(Scalar("str"))),
        ("[Optional[List[models.Foo]]](../models/foo.md)", ListOf(Ref("Foo"))),
        ("*Dict[str, Any]*", MapOf(AnyType())),
        ("*Union[str, int]*", UnionOf((Scalar("str"), Scalar("int")))),
        ('*Literal["realtime"]*', LiteralOf(("realtime",))),
        ("[date](https://docs.python.org/3/library/datetime.html#date-objects)", Scalar("str")),
    ],
)
def test_type_notation(cell: str, expected: TypeExpr) -> None:
    t, strength = type_claim(cell)
    assert t == expected
    assert strength == Strength.TABLE


@pytest.mark.parametrize(
    "cell, expected",
    [
        ("*number*", Scalar("float")),
        ("*number*[]", ListOf(Scalar("float"))),
        ("*object*", ObjectType()),
    ],
)
def test_vague_notations(cell: str, expected: TypeExpr) -> None:
    t, strength = type_claim(cell)
    assert t == expected
    assert strength == Strength.VAGUE


def test_typescript_types_make_no_table_nullable_claim() -> None:
    obj = only(run(doc(f"| `a` | *string* | {YES} | N/A |\n| `b` | *number* | {NO} | N/A |\n")))
    for f in obj.fields:
        assert claims(f, NULLABLE) == []


@pytest.mark.parametrize("cell", ["*Nullable[str]*", "*OptionalNullable[str]*", "*string* \\| *null*"])
def test_explicit_null_in_type_is_a_table_nullable_claim(cell: str) -> None:
    f = only(run(doc(f"| `a` | {cell} | {NO} | N/A |\n"))).fields[0]
    assert claims(f, TYPE) == [Scalar("str")]
    assert claims(f, NULLABLE, Strength.TABLE) == [True]


@pytest.mark.parametrize(
    "cell", ["*strin*", "*ReadableStream<Uint8Array>*", "Record<number, *string*>", "*string*[", "*List*"]
)
def test_unknown_type_is_e201_at_the_cell(cell: str) -> None:
    text = doc(f"| `a` | *string* | {YES} | N/A |\n| `createdAt` | {cell} | {YES} | N/A |\n")
    frags = run(text)
    (d,) = frags.diagnostics
    assert (d.severity, d.code) == (ERROR, "E201")
    line = text.splitlines().index(next(ln for ln in text.splitlines() if "createdAt" in ln)) + 1
    column = text.splitlines()[line - 1].index(cell) + 1
    assert d.origin == Origin("t.md", line, column)
    # the field is kept with its other claims
    f = field(only(frags), "created_at")
    assert claims(f, TYPE) == [] and claims(f, REQUIRED) == [True]


# ------------------------------------------------------------------ fields


def test_field_cell_gives_wire_name_and_sdk_name() -> None:
    obj = only(run(doc(f"| `createdAt` | *number* | {YES} | N/A |\n| `id` | *string* | {YES} | N/A |\n")))
    created, ident = obj.fields
    assert (created.wire_name, created.sdk_name) == ("created_at", "createdAt")
    assert (ident.wire_name, ident.sdk_name) == ("id", "")
    assert created.origin == Origin("t.md", 9, 3)


def test_camel_names_with_acronyms() -> None:
    obj = only(
        run(
            doc(
                f"| `classificationNClasses` | *number* | {NO} | N/A |\n| `nEpochs` | *number* | {YES} | N/A |\n"
            )
        )
    )
    assert [f.wire_name for f in obj.fields] == ["classification_n_classes", "n_epochs"]


def test_required_column() -> None:
    obj = only(run(doc(f"| `a` | *string* | {YES} | N/A |\n| `b` | *string* | {NO} | N/A |\n")))
    assert claims(field(obj, "a"), REQUIRED, Strength.TABLE) == [True]
    assert claims(field(obj, "b"), REQUIRED, Strength.TABLE) == [False]


def test_unreadable_required_cell_is_a_warning_without_claim() -> None:
    frags = run(doc("| `a` | *string* | maybe | N/A |\n"))
    (d,) = frags.diagnostics
    assert (d.severity, d.code, d.origin) == (WARNING, "E105", Origin("t.md", 9, 20))
    assert claims(only(frags).fields[0], REQUIRED) == []


def test_class_name_description_and_field_description() -> None:
    text = doc(
        f"| `a` | *string* | {YES} | First line<br/>second   line. |\n| `b` | *string* | {YES} | N/A |\n"
    )
    obj = only(run(text.replace("A thing.", "The `Thing` object\nis a thing.")))
    assert obj.name == "Thing"
    assert obj.description == "The `Thing` object is a thing."
    assert obj.dialect == "speakeasy"
    assert field(obj, "a").description == "First line second line."
    assert field(obj, "b").description == ""


def test_example_column_is_allowed() -> None:
    text = (
        "# Thing\n\n## Fields\n\n| Field | Type | Required | Description | Example |\n| --- | --- | --- | --- | --- |\n"
        f"| `digest` | *string* | {YES} | N/A | sha256:abc |\n"
    )
    frags = run(text)
    assert frags.diagnostics == ()
    assert [f.wire_name for f in only(frags).fields] == ["digest"]


def test_deprecated_field() -> None:
    obj = only(run(doc(f"| `old` | *string* | {NO} | :warning: **DEPRECATED**: gone soon. |\n")))
    assert obj.fields[0].deprecated


# ------------------------------------------------------------------ prose


def test_prose_enum() -> None:
    frags = run(
        doc(
            f"| `status` | *string* | {YES} | The state, which can be either `a`, `b`, or `c`. |\n",
            name="Job",
        )
    )
    f = only(frags).fields[0]
    assert claims(f, TYPE, Strength.TABLE) == [Scalar("str")]
    assert claims(f, TYPE, Strength.PROSE) == [Ref("JobStatus")]
    (enum,) = frags.enums
    assert (enum.name, enum.values, enum.dialect) == ("JobStatus", ("a", "b", "c"), "speakeasy")


def test_prose_constant_sets_object_constant() -> None:
    obj = only(run(doc(f'| `object` | *string* | {YES} | The object type, which is always "thing.x". |\n')))
    assert claims(obj.fields[0], TYPE, Strength.PROSE) == [LiteralOf(("thing.x",))]
    assert obj.constant == "thing.x"


def test_prose_constant_on_other_field_is_no_object_constant() -> None:
    obj = only(run(doc(f'| `kind` | *string* | {YES} | Which is always "k". |\n')))
    assert claims(obj.fields[0], TYPE, Strength.PROSE) == [LiteralOf(("k",))]
    assert obj.constant is None


def test_prose_nullable() -> None:
    obj = only(run(doc(f"| `finishedAt` | *number* | {YES} | The value will be null if running. |\n")))
    f = obj.fields[0]
    assert claims(f, NULLABLE) == [True]
    assert claims(f, NULLABLE, Strength.PROSE) == [True]


# ------------------------------------------------------------------ examples

EXAMPLE = """import { Thing } from "sdk/models/components";

let value: Thing = {
  createdAt: 1700000000, // seconds
  fineTunedModel: 'ft:x',
  hyperparameters: {
    nEpochs: 3,
  },
  integrations: [
    {
      wandb: {projectName: "p", tags: ["t",],},
    },
  ],
  startedAt: new Date("2023-06-04T01:47:09.185Z"),
  "quoted-key": 1,
};"""


def test_typescript_example_keys_become_wire_names() -> None:
    text = doc(f"| `createdAt` | *number* | {YES} | N/A |\n", example=EXAMPLE)
    obj = only(run(text))
    (ex,) = obj.examples
    assert ex.kind == "typescript"
    assert ex.value == {
        "created_at": 1700000000,
        "fine_tuned_model": "ft:x",
        "hyperparameters": {"n_epochs": 3},
        "integrations": [{"wandb": {"project_name": "p", "tags": ["t"]}}],
        "started_at": "2023-06-04T01:47:09.185Z",
        "quoted-key": 1,
    }
    lines = text.splitlines()
    line = next(i for i, ln in enumerate(lines, 1) if ln.startswith("let value"))
    assert ex.origin == Origin("t.md", line, lines[line - 1].index("{") + 1)


def test_example_keys_of_a_map_field_are_kept() -> None:
    example = (
        'let value: Thing = {\n  statusDetails: {errorCode: "x"},\n  labels: {myKey: {innerKey: 1}},\n};'
    )
    rows = f"| `statusDetails` | Record<string, *any*> | {NO} | N/A |\n| `labels` | Record<string, [components.L](l.md)> | {NO} | N/A |\n"
    (ex,) = only(run(doc(rows, example=example))).examples
    assert ex.value == {"status_details": {"errorCode": "x"}, "labels": {"myKey": {"inner_key": 1}}}


def test_unparsable_example_is_e105_warning_with_its_line() -> None:
    example = "let value: Thing = {\n  a: 1,\n  b: someFunction(),\n};"
    text = doc(f"| `a` | *number* | {YES} | N/A |\n", example=example)
    frags = run(text)
    (d,) = frags.diagnostics
    assert (d.severity, d.code) == (WARNING, "E105")
    lines = text.splitlines()
    line = next(i for i, ln in enumerate(lines, 1) if "someFunction" in ln)
    assert d.origin is not None and d.origin.line == line
    assert d.origin.column == lines[line - 1].index("someFunction") + 1
    assert only(frags).examples == ()


def test_unterminated_example_is_e105() -> None:
    frags = run(doc(f"| `a` | *number* | {YES} | N/A |\n", example="let value: Thing = {\n  a: 1,\n"))
    assert [d.code for d in frags.diagnostics] == ["E105"]


def test_non_object_example_is_ignored() -> None:
    frags = run(doc(f"| `a` | *number* | {YES} | N/A |\n", example='let value: Thing = "x";'))
    assert frags.diagnostics == () and only(frags).examples == ()


# ------------------------------------------------------------------ enum pages

# TypeScript enum pages: tests/dialects/cases/speakeasy/typescript_*enum_page.md


def test_one_value_enum_page_is_an_enum() -> None:
    (enum,) = run('# Kind\n\n## Values\n\n```typescript\n"wandb"\n```').enums
    assert (enum.name, enum.values) == ("Kind", ("wandb",))


def test_python_enum_page() -> None:
    text = "# Role\n\nWho wrote it.\n\n\n## Values\n\n| Name | Value |\n| --- | --- |\n| `SYSTEM` | system |\n| `USER_X` | user-x |"
    (enum,) = run(text).enums
    assert (enum.name, enum.values, enum.description) == ("Role", ("system", "user-x"), "Who wrote it.")


def test_bad_values_block_is_e105() -> None:
    frags = run('# Kind\n\n## Values\n\n```typescript\n"a" | 3\n```')
    (d,) = frags.diagnostics
    assert (d.severity, d.code, d.origin) == (ERROR, "E105", Origin("t.md", 6, 1))
    assert frags.enums == ()


# ------------------------------------------------------------------ errors


def test_row_with_missing_cell_is_e105_at_row_line() -> None:
    text = doc(f"| `a` | *string* | {YES} | N/A |\n| `b` | *string* | {YES} |\n")
    frags = run(text)
    (d,) = frags.diagnostics
    assert (d.severity, d.code, d.origin) == (ERROR, "E105", Origin("t.md", 10, 1))
    assert [f.wire_name for f in only(frags).fields] == ["a"]


def test_row_with_a_surplus_cell_joins_it_into_the_description_with_w111() -> None:
    frags = run(doc(f"| `a` | *string* | {YES} | Ends at <|endoftext|> here |\n"))
    assert [(d.code, d.origin) for d in frags.diagnostics] == [("W111", Origin("t.md", 9, 1))]
    (field,) = only(frags).fields
    assert (field.wire_name, field.description) == ("a", "Ends at <|endoftext|> here")


def test_escaped_pipe_is_not_an_extra_cell() -> None:
    frags = run(doc(f"| `a` | *string* \\| *number* | {YES} | N/A |\n"))
    assert frags.diagnostics == ()


def test_duplicate_after_camel_to_snake_is_e203() -> None:
    text = doc(f"| `createdAt` | *number* | {YES} | N/A |\n| `created_at` | *number* | {YES} | N/A |\n")
    frags = run(text)
    (d,) = frags.diagnostics
    assert (d.severity, d.code, d.origin) == (ERROR, "E203", Origin("t.md", 10, 3))
    assert "createdAt" in d.message and "line 9" in d.message
    assert len(only(frags).fields) == 1


def test_emitted_codes_are_listed() -> None:
    bad = doc(
        f"| `a` | *nope* | maybe | N/A |\n| `a` | *string* | {YES} | N/A |\n| x |\n",
        example="let value: T = {a: b};",
    )
    frags = run(bad)
    assert {d.code for d in frags.diagnostics} == {"E105", "E201", "E203"}
    assert all(d.code in CODES for d in frags.diagnostics)


def test_parse_never_raises_on_garbage() -> None:
    text = "# X\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| | | | |\n"
    frags = run(text)
    assert [d.code for d in frags.diagnostics] == ["E105"]


# ------------------------------------------------------------------ detection


@pytest.mark.parametrize("name", OTHER_SEEDS)
def test_rejects_other_seeds(name: str) -> None:
    text = (SPEC / name).read_text()
    assert not sk.detect(text, parse_blocks(text, name))


def test_rejects_openai_reference_table() -> None:
    text = "# The x object\n\n| Parameter | Type | Required | Description |\n| --- | --- | --- | --- |\n| id | string | Required | x |\n"
    assert not sk.detect(text, parse_blocks(text, "x.md"))


@pytest.mark.parametrize("name", ["002_aca67275d16bfe36.txt", "004_378cb8924c8fba4c.txt", *MY_DOCS])
def test_claims_its_documents(name: str) -> None:
    text = (SPEC / name).read_text()
    assert sk.detect(text, parse_blocks(text, name))


# ------------------------------------------------------------------ seeds and spec documents


def test_seed_004() -> None:
    frags = read(SEED_004)
    assert frags.diagnostics == ()
    obj = only(frags)
    assert obj.name == "FineTuningJob" and obj.constant == "fine_tuning.job"
    assert [f.wire_name for f in obj.fields] == [
        "id",
        "created_at",
        "error",
        "fine_tuned_model",
        "finished_at",
        "hyperparameters",
        "model",
        "object",
        "organization_id",
        "result_files",
        "status",
        "trained_tokens",
        "training_file",
        "validation_file",
        "integrations",
        "seed",
        "estimated_finish",
    ]
    integrations = field(obj, "integrations")
    assert claims(integrations, TYPE, Strength.TABLE) == [ListOf(Ref("FineTuningJobIntegrations"))]
    assert claims(integrations, REQUIRED) == [False]
    error = field(obj, "error")
    assert claims(error, TYPE, Strength.TABLE) == [Ref("FineTuningJobError")]
    assert claims(error, REQUIRED) == [True]
    assert claims(error, NULLABLE) == []
    created = field(obj, "created_at")
    assert created.sdk_name == "createdAt"
    assert claims(created, TYPE, Strength.VAGUE) == [Scalar("float")]
    assert claims(created, TYPE, Strength.TABLE) == []
    status = field(obj, "status")
    assert claims(status, TYPE, Strength.TABLE) == [Ref("FineTuningJobStatus")]
    assert claims(status, TYPE, Strength.PROSE) == [Ref("FineTuningJobStatus")]
    (enum,) = frags.enums
    assert enum.values == ("validating_files", "queued", "running", "succeeded", "failed", "cancelled")
    assert claims(field(obj, "fine_tuned_model"), NULLABLE, Strength.PROSE) == [True]
    assert claims(field(obj, "object"), TYPE, Strength.PROSE) == [LiteralOf(("fine_tuning.job",))]
    (ex,) = obj.examples
    assert ex.kind == "typescript"
    assert ex.origin == Origin(SEED_004.name, 11, 28)
    assert ex.value["created_at"] == 652103
    assert ex.value["hyperparameters"] == {"n_epochs": 367562}
    assert ex.value["integrations"][0]["wandb"]["tags"] == ["custom-tag"]
    assert set(ex.value) <= {f.wire_name for f in obj.fields}


def test_seed_002() -> None:
    frags = read(SEED_002)
    assert frags.diagnostics == ()
    obj = only(frags)
    assert obj.name == "FineTune" and obj.constant == "fine-tune"
    assert len(obj.fields) == 13
    assert claims(field(obj, "events"), TYPE) == [ListOf(Ref("FineTuneEvent"))]
    assert claims(field(obj, "events"), REQUIRED) == [False]
    assert claims(field(obj, "training_files"), TYPE) == [ListOf(Ref("OpenAIFile"))]
    assert claims(field(obj, "hyperparams"), TYPE) == [Ref("FineTuneHyperparams")]
    assert claims(field(obj, "updated_at"), TYPE, Strength.VAGUE) == [Scalar("float")]
    assert obj.examples == ()


@pytest.mark.parametrize("name", MY_DOCS)
def test_spec_documents_parse_cleanly(name: str) -> None:
    assert read(SPEC / name).diagnostics == ()


def test_spec_enum_documents() -> None:
    expected = {
        "finetuningjobstatus.md": (
            "FineTuningJobStatus",
            ("validating_files", "queued", "running", "succeeded", "failed", "cancelled"),
        ),
        "finetuningjobobject.md": ("FineTuningJobObject", ("fine_tuning.job",)),
        "finetuningjobintegrationstype.md": ("FineTuningJobIntegrationsType", ("wandb",)),
        "finetunemethodtypevalues.md": ("FineTuneMethodType", ("supervised", "dpo", "reinforcement")),
    }
    for name, (enum_name, values) in expected.items():
        frags = read(SPEC / name)
        assert frags.objects == ()
        (enum,) = frags.enums
        assert (enum.name, enum.values) == (enum_name, values)
        assert enum.description


def test_spec_integrations_document() -> None:
    obj = only(read(SPEC / "finetuningjobintegrations.md"))
    assert obj.name == "FineTuningJobIntegrations"
    assert claims(field(obj, "type"), TYPE, Strength.TABLE) == [Ref("FineTuningJobIntegrationsType")]
    assert claims(field(obj, "type"), TYPE, Strength.PROSE) == [LiteralOf(("wandb",))]
    assert claims(field(obj, "wandb"), TYPE) == [Ref("FineTuningJobWandbIntegration")]
    assert all(claims(f, REQUIRED) == [True] for f in obj.fields)
    (ex,) = obj.examples
    assert ex.value["type"] == "wandb" and ex.value["wandb"]["project"] == "my-wandb-project"


def test_spec_legacy_documents() -> None:
    event = only(read(SPEC / "finetuneevent.md"))
    assert sorted(f.wire_name for f in event.fields) == ["created_at", "level", "message", "object"]
    assert all(claims(f, REQUIRED) == [True] for f in event.fields)
    assert event.constant is None

    file = only(read(SPEC / "openaifile.md"))
    assert file.name == "OpenAIFile" and file.constant == "file"
    required = {f.wire_name: claims(f, REQUIRED)[0] for f in file.fields}
    assert required == {
        "bytes": True,
        "created_at": True,
        "filename": True,
        "id": True,
        "object": True,
        "purpose": True,
        "status": False,
        "status_details": False,
    }
    assert claims(field(file, "status_details"), TYPE) == [MapOf(AnyType())]
    assert claims(field(file, "status"), TYPE) == [Scalar("str")]

    hyper = only(read(SPEC / "finetunehyperparams.md"))
    types = {f.wire_name: (claims(f, TYPE)[0], claims(f, REQUIRED)[0]) for f in hyper.fields}
    assert types == {
        "batch_size": (Scalar("float"), True),
        "classification_n_classes": (Scalar("float"), False),
        "classification_positive_class": (Scalar("str"), False),
        "compute_classification_metrics": (Scalar("bool"), False),
        "learning_rate_multiplier": (Scalar("float"), True),
        "n_epochs": (Scalar("float"), True),
        "prompt_loss_weight": (Scalar("float"), True),
    }


# ------------------------------------------------------------------ ts_literal helpers


def test_find_object_skips_strings_and_comments() -> None:
    code = 'let value: T = {\n  a: "}{",\n  /* } */ b: [1, {c: 2}],\n};\nconsole.log(value);'
    snippet = tsl.find_object(code)
    assert snippet is not None and (snippet.line, snippet.column) == (0, 15)
    assert tsl.parse_object(snippet) == {"a": "}{", "b": [1, {"c": 2}]}


def test_find_object_none_without_object() -> None:
    assert tsl.find_object('let value: T = "x";') is None
    assert tsl.find_object("const other = {a: 1};") is None


@pytest.mark.parametrize(
    "code, expected",
    [
        ('"a" | "b"', (("a", "b"), False)),
        ("'a' | 'b' | Unrecognized<string>", (("a", "b"), True)),
        ('""  |  "x"\n', (("", "x"), False)),
        ('"a" "b"', None),
        ('"a" |', None),
        ("a | b", None),
        ("", None),
    ],
)
def test_union_strings(code: str, expected: object) -> None:
    assert tsl.union_strings(code) == expected

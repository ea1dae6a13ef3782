"""openapi-generator (python client docs/*.md) dialect: document in, fragments out."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.dialects import openapi_generator as og
from generator.model.claims import NULLABLE, REQUIRED, TYPE, DocFragments, FieldFrag, ObjectFrag, Strength
from generator.model.diagnostics import CODES, Origin
from generator.model.ir import AnyType, ListOf, LiteralOf, MapOf, Ref, Scalar, TypeExpr
from generator.read.markdown import parse_blocks

SPEC = Path(__file__).resolve().parents[2] / "spec"
SEED = SPEC / "001_d285d7d0eb98a30d.txt"
OTHER_SEEDS = [
    "000_62d1526908dff564.txt",
    "002_aca67275d16bfe36.txt",
    "003_d9b8598430d1132a.txt",
    "004_378cb8924c8fba4c.txt",
]
MY_DOCS = [
    "FineTuningJobIntegrationsInner.md",
    "FineTuneMethod.md",
    "FineTuneMethodType.md",
    "SupervisedMethod.md",
    "DpoMethod.md",
    "ReinforcementMethod.md",
]

HEAD = "Name | Type | Description | Notes\n------------ | ------------- | ------------- | -------------\n"


def doc(rows: str, name: str = "Thing", desc: str = "A thing.") -> str:
    return f"# {name}\n\n{desc}\n\n## Properties\n\n{HEAD}{rows}\n## Example\n\n```python\nx = 1\n```\n"


def run(text: str, path: str = "t.md") -> DocFragments:
    blocks = parse_blocks(text, path)
    assert og.detect(text, blocks)
    return og.parse(path, text, blocks)


def only(frags: DocFragments) -> ObjectFrag:
    assert len(frags.objects) == 1
    return frags.objects[0]


def field(obj: ObjectFrag, name: str) -> FieldFrag:
    (f,) = [f for f in obj.fields if f.wire_name == name]
    return f


def claims(f: FieldFrag, attr: str, strength: Strength | None = None) -> list[object]:
    return [c.value for c in f.claims if c.attr == attr and (strength is None or c.strength == strength)]


def type_of(text: str) -> TypeExpr:
    f = only(run(doc(f"**x** | {text} | | \n"))).fields[0]
    (t,) = claims(f, TYPE, Strength.TABLE)
    assert isinstance(t, (Scalar, AnyType, ListOf, MapOf, Ref, LiteralOf))
    return t


# ------------------------------------------------------------------ types


@pytest.mark.parametrize(
    "cell, expected",
    [
        ("**str**", Scalar("str")),
        ("**int**", Scalar("int")),
        ("**float**", Scalar("float")),
        ("**bool**", Scalar("bool")),
        ("**object**", AnyType()),
        ("**datetime**", Scalar("str")),
        ("**date**", Scalar("str")),
        ("**List[str]**", ListOf(Scalar("str"))),
        ("**Dict[str, object]**", MapOf(AnyType())),
        ("**Dict[str, str]**", MapOf(Scalar("str"))),
        ("[**Foo**](Foo.md)", Ref("Foo")),
        ("[**List[Foo]**](Foo.md)", ListOf(Ref("Foo"))),
        ("[**Dict[str, List[Foo]]**](Foo.md)", MapOf(ListOf(Ref("Foo")))),
        ("**List[List[int]]**", ListOf(ListOf(Scalar("int")))),
        ("[**list[Foo]**](Foo.md)", ListOf(Ref("Foo"))),
        ("**dict(str, int)**", MapOf(Scalar("int"))),
    ],
)
def test_type_notation(cell: str, expected: TypeExpr) -> None:
    assert type_of(cell) == expected


def test_optional_type_is_nullable_at_table() -> None:
    f = only(run(doc("**x** | **Optional[int]** | | \n"))).fields[0]
    assert claims(f, TYPE) == [Scalar("int")]
    assert claims(f, NULLABLE, Strength.TABLE) == [True]


def test_plain_type_makes_no_nullable_claim() -> None:
    f = only(run(doc("**x** | **str** | Some text. | \n"))).fields[0]
    assert claims(f, NULLABLE) == []


@pytest.mark.parametrize(
    "cell", ["**string**", "**List[str**", "**Dict[int, str]**", "**List[]**", "**str str**"]
)
def test_unknown_type_is_e201_at_the_cell(cell: str) -> None:
    text = doc(f"**id** | **str** | | \n**x** | {cell} | | \n")
    frags = run(text)
    (d,) = frags.diagnostics
    assert d.code == "E201" and d.code in CODES
    assert d.origin == Origin("t.md", 10, 9)
    f = field(only(frags), "x")  # the field is kept, without a type claim
    assert claims(f, TYPE) == [] and claims(f, REQUIRED) == [True]


# ------------------------------------------------------------------ names, notes, descriptions


def test_name_cell_and_origins() -> None:
    text = doc("**created_at** | **int** | When. | \n")
    f = only(run(text)).fields[0]
    assert f.wire_name == "created_at" and f.sdk_name == ""
    assert f.origin == Origin("t.md", 9, 1)
    (t,) = [c for c in f.claims if c.attr == TYPE]
    assert t.origin == Origin("t.md", 9, 18) and t.dialect == "openapi-generator"


@pytest.mark.parametrize(
    "notes, required",
    [
        ("", True),
        ("[optional]", False),
        ("[readonly]", True),
        ("[optional] [readonly]", False),
        ("[default to 0]", True),
        ("[optional] [default to &#39;auto&#39;]", False),
    ],
)
def test_notes_give_required(notes: str, required: bool) -> None:
    f = only(run(doc(f"**x** | **int** | | {notes}\n"))).fields[0]
    assert claims(f, REQUIRED, Strength.TABLE) == [required]


def test_entities_are_decoded() -> None:
    desc = "Say \\&quot;hi\\&quot;, &#x60;code&#x60; &amp; &quot;more&quot;; see [docs](/d)."
    obj = only(run(doc(f"**x** | **str** | {desc} | \n", desc="It&#39;s &#x60;x&#x60;.")))
    assert obj.fields[0].description == 'Say "hi", `code` & "more"; see docs.'
    assert obj.description == "It's `x`."


def test_class_name_and_description() -> None:
    obj = only(run(doc("**x** | **str** | | \n", name="FineTuneMethod", desc="The method.")))
    assert obj.name == "FineTuneMethod" and obj.description == "The method."
    assert obj.origin == Origin("t.md", 1, 1) and obj.dialect == "openapi-generator"


def test_model_without_description() -> None:
    text = f"# Empty\n\n\n## Properties\n\n{HEAD}**x** | **str** | | \n"
    obj = only(run(text))
    assert obj.description == "" and [f.wire_name for f in obj.fields] == ["x"]


def test_example_block_is_ignored() -> None:
    obj = only(run(doc("**x** | **str** | | \n")))
    assert obj.examples == ()


# ------------------------------------------------------------------ prose


def test_prose_constant_and_object_constant() -> None:
    obj = only(run(doc("**object** | **str** | The type, which is always \\&quot;thing.kind\\&quot;. | \n")))
    f = obj.fields[0]
    assert claims(f, TYPE, Strength.PROSE) == [LiteralOf(("thing.kind",))]
    assert claims(f, TYPE, Strength.TABLE) == [Scalar("str")]
    assert obj.constant == "thing.kind"


def test_prose_constant_on_other_field_does_not_set_object_constant() -> None:
    obj = only(run(doc("**type** | **str** | Which is always \\&quot;wandb\\&quot;. | \n")))
    assert claims(obj.fields[0], TYPE, Strength.PROSE) == [LiteralOf(("wandb",))]
    assert obj.constant is None


def test_prose_enum() -> None:
    desc = "The state, which can be either &#x60;on&#x60;, &#x60;off&#x60;, or &#x60;auto_mode&#x60;."
    frags = run(doc(f"**run_state** | **str** | {desc} | \n", name="Box"))
    (enum,) = frags.enums
    assert enum.name == "BoxRunState" and enum.values == ("on", "off", "auto_mode")
    assert enum.origin == Origin("t.md", 9, 27)
    assert claims(only(frags).fields[0], TYPE, Strength.PROSE) == [Ref("BoxRunState")]


def test_prose_nullable() -> None:
    f = only(run(doc("**x** | **int** | The value will be null if not done. | \n"))).fields[0]
    assert claims(f, NULLABLE) == [True]
    (c,) = [c for c in f.claims if c.attr == NULLABLE]
    assert c.strength == Strength.PROSE


# enum pages: tests/dialects/cases/openapi-generator/enum_page*.md
ENUM_PAGE = (Path(__file__).parent / "cases" / "openapi-generator" / "enum_page_mixed_values.md").read_text()


# ------------------------------------------------------------------ errors


def test_row_with_missing_cell_is_e105_at_the_row() -> None:
    text = doc("**id** | **str** | | \n**x** | **str**\n**y** | **int** | | \n")
    frags = run(text)
    (d,) = frags.diagnostics
    assert d.code == "E105" and d.origin == Origin("t.md", 10, 1)
    assert [f.wire_name for f in only(frags).fields] == ["id", "y"]


def test_row_with_a_surplus_cell_keeps_notes_last_and_joins_the_rest_into_the_description() -> None:
    # openai CreateCompletionRequest.md: "&lt;|endoftext|&gt;" in a description, unescaped
    frags = run(doc("**x** | **str** | prevent the &lt;|endoftext|&gt; token | [optional] \n"))
    (d,) = frags.diagnostics
    assert d.code == "W111" and d.origin == Origin("t.md", 9, 1)
    (field,) = only(frags).fields
    assert field.description == "prevent the <|endoftext|> token"
    assert [c.value for c in field.claims if c.attr == "required"] == [False]


def test_row_without_trailing_notes_separator_is_e105() -> None:
    # "a | b | c" has three cells; the generator always writes the empty Notes cell as "c | ".
    (d,) = run(doc("**x** | **str** | a\n")).diagnostics
    assert d.code == "E105"


def test_duplicate_field_is_e203_at_the_second() -> None:
    frags = run(doc("**x** | **str** | | \n**y** | **int** | | \n**x** | **int** | | [optional]\n"))
    (d,) = frags.diagnostics
    assert d.code == "E203" and d.origin == Origin("t.md", 11, 1)
    assert [f.wire_name for f in only(frags).fields] == ["x", "y"]
    assert claims(field(only(frags), "x"), TYPE) == [Scalar("str")]


def test_empty_name_is_e105() -> None:
    frags = run(doc("**** | **str** | | \n"))
    assert [d.code for d in frags.diagnostics] == ["E105"]
    assert only(frags).fields == ()


# ------------------------------------------------------------------ detection


def test_detects_model_and_enum_pages() -> None:
    for text in (doc("**x** | **str** | | \n"), ENUM_PAGE):
        assert og.detect(text, parse_blocks(text, "t.md"))


@pytest.mark.parametrize("name", OTHER_SEEDS)
def test_rejects_other_seeds(name: str) -> None:
    text = (SPEC / name).read_text(encoding="utf-8")
    assert not og.detect(text, parse_blocks(text, name))


@pytest.mark.parametrize(
    "text",
    [
        "# Thing\n\n| Name | Type | Description | Notes |\n| --- | --- | --- | --- |\n| x | str | | |\n",
        "# Thing\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n",
        "# Thing\n\n## Values\n\n| Name | Value |\n| --- | --- |\n| `A` | a |\n",
        "# Api\n\n### Parameters\n\n" + HEAD + " **id** | **str**| ID | \n",
        "# Thing\n\n## Enum\n\n* `A`\n* `B`\n",
        "Name | Type | Description | Notes\n--- | --- | --- | ---\nx | str | | \n",
    ],
)
def test_rejects_look_alikes(text: str) -> None:
    assert not og.detect(text, parse_blocks(text, "t.md"))


# ------------------------------------------------------------------ the seed and the spec documents


def parse_file(path: Path) -> DocFragments:
    text = path.read_text(encoding="utf-8")
    return run(text, f"spec/{path.name}")


def test_seed_001() -> None:
    frags = parse_file(SEED)
    assert frags.diagnostics == () and frags.dialect == "openapi-generator"
    job = only(frags)
    assert job.name == "FineTuningJob" and job.constant == "fine_tuning.job"
    assert job.description.startswith("The `fine_tuning.job` object represents")
    assert len(job.fields) == 18

    error = field(job, "error")
    assert claims(error, TYPE) == [Ref("FineTuningJobError")] and claims(error, REQUIRED) == [True]
    integrations = field(job, "integrations")
    assert claims(integrations, TYPE) == [ListOf(Ref("FineTuningJobIntegrationsInner"))]
    assert claims(integrations, REQUIRED) == [False]
    assert claims(field(job, "result_files"), TYPE) == [ListOf(Scalar("str"))]
    assert claims(field(job, "method"), REQUIRED) == [False]

    obj = field(job, "object")
    assert claims(obj, TYPE, Strength.PROSE) == [LiteralOf(("fine_tuning.job",))]

    status = field(job, "status")
    assert claims(status, TYPE, Strength.PROSE) == [Ref("FineTuningJobStatus")]
    (enum,) = frags.enums
    assert enum.name == "FineTuningJobStatus"
    assert enum.values == ("validating_files", "queued", "running", "succeeded", "failed", "cancelled")

    nullable = {f.wire_name for f in job.fields if claims(f, NULLABLE, Strength.PROSE) == [True]}
    assert nullable == {"fine_tuned_model", "finished_at", "trained_tokens", "estimated_finish"}
    assert not any(c.attr == NULLABLE and c.strength == Strength.TABLE for f in job.fields for c in f.claims)
    assert all(c.dialect == "openapi-generator" for f in job.fields for c in f.claims)


@pytest.mark.parametrize("name", MY_DOCS)
def test_spec_documents_parse_cleanly(name: str) -> None:
    frags = parse_file(SPEC / name)
    assert frags.diagnostics == ()
    assert frags.objects or frags.enums


def test_spec_integration_item() -> None:
    obj = only(parse_file(SPEC / "FineTuningJobIntegrationsInner.md"))
    assert obj.name == "FineTuningJobIntegrationsInner"
    t = field(obj, "type")
    assert claims(t, TYPE, Strength.PROSE) == [LiteralOf(("wandb",))] and claims(t, REQUIRED) == [True]
    w = field(obj, "wandb")
    assert claims(w, TYPE) == [Ref("FineTuningJobWandbIntegration")] and claims(w, REQUIRED) == [True]


def test_spec_method_documents() -> None:
    method = only(parse_file(SPEC / "FineTuneMethod.md"))
    required = {f.wire_name: claims(f, REQUIRED) for f in method.fields}
    assert required == {"type": [True], "supervised": [False], "dpo": [False], "reinforcement": [False]}
    assert claims(field(method, "type"), TYPE) == [Ref("FineTuneMethodType")]
    (enum,) = parse_file(SPEC / "FineTuneMethodType.md").enums
    assert enum.name == "FineTuneMethodType" and enum.values == ("supervised", "dpo", "reinforcement")
    rl = only(parse_file(SPEC / "ReinforcementMethod.md"))
    assert claims(field(rl, "grader"), TYPE) == [MapOf(AnyType())]
    assert claims(field(rl, "grader"), REQUIRED) == [True]
    assert claims(field(rl, "hyperparameters"), TYPE) == [Ref("ReinforcementHyperparameters")]
    for name, hp in (("SupervisedMethod", "SupervisedHyperparameters"), ("DpoMethod", "DpoHyperparameters")):
        f = field(only(parse_file(SPEC / f"{name}.md")), "hyperparameters")
        assert claims(f, TYPE) == [Ref(hp)] and claims(f, REQUIRED) == [False]

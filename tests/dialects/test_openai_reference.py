"""The OpenAI reference dialect: title, paragraph, Parameter | Type | Required | Description table, JSON."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.dialects import openai_reference as d
from generator.model.claims import NULLABLE, REQUIRED, TYPE, DocFragments, FieldFrag, Strength
from generator.model.diagnostics import CODES, Origin
from generator.model.ir import AnyType, ListOf, LiteralOf, MapOf, ObjectType, Ref, Scalar, UnionOf
from generator.read.markdown import parse_blocks

SPEC = Path(__file__).resolve().parents[2] / "spec"
SEED = "000_62d1526908dff564.txt"
OTHER_SEEDS = [
    "001_d285d7d0eb98a30d.txt",
    "002_aca67275d16bfe36.txt",
    "003_d9b8598430d1132a.txt",
    "004_378cb8924c8fba4c.txt",
]
HEAD = "| Parameter | Type | Required | Description |\n| --- | --- | --- | --- |\n"


def run(text: str, path: str = "doc.md") -> DocFragments:
    return d.parse(path, text, parse_blocks(text, path))


def doc(*rows: str, title: str = "# The thing object", intro: str = "A thing.\n\n") -> str:
    return f"{title}\n{intro}{HEAD}" + "".join(r + "\n" for r in rows)


def claims(f: FieldFrag, attr: str) -> list[tuple[object, Strength]]:
    return [(c.value, c.strength) for c in f.claims if c.attr == attr]


def one_field(row: str) -> FieldFrag:
    res = run(doc(row))
    assert res.diagnostics == ()
    (obj,) = res.objects
    (f,) = obj.fields
    return f


# --- detection -------------------------------------------------------------------------------


def test_detects_its_seed() -> None:
    text = (SPEC / SEED).read_text()
    assert d.detect(text, parse_blocks(text, SEED))


@pytest.mark.parametrize("name", OTHER_SEEDS)
def test_rejects_other_seeds(name: str) -> None:
    text = (SPEC / name).read_text()
    assert not d.detect(text, parse_blocks(text, name))


def test_detects_header_regardless_of_case_and_spacing() -> None:
    text = "# X\n|  parameter | TYPE |Required| Description|\n|-|-|-|-|\n| a | string | Optional | x |\n"
    assert d.detect(text, parse_blocks(text, "x.md"))


# --- type notation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cell, expected, strength, nullable",
    [
        ("string", Scalar("str"), Strength.TABLE, False),
        ("integer", Scalar("int"), Strength.TABLE, False),
        ("number", Scalar("float"), Strength.TABLE, False),
        ("boolean", Scalar("bool"), Strength.TABLE, False),
        ("object", ObjectType(), Strength.VAGUE, False),
        ("object or null", ObjectType(), Strength.VAGUE, True),
        ("array", ListOf(AnyType()), Strength.VAGUE, False),
        ("array of string", ListOf(Scalar("str")), Strength.TABLE, False),
        ("array of integer", ListOf(Scalar("int")), Strength.TABLE, False),
        ("array of object", ListOf(ObjectType()), Strength.VAGUE, False),
        ("map", MapOf(Scalar("str")), Strength.TABLE, False),
        ("string or null", Scalar("str"), Strength.TABLE, True),
        ('"auto"', LiteralOf(("auto",)), Strength.TABLE, False),
        ('"auto" or integer', UnionOf((LiteralOf(("auto",)), Scalar("int"))), Strength.TABLE, False),
        ('"auto" or integer or null', UnionOf((LiteralOf(("auto",)), Scalar("int"))), Strength.TABLE, True),
        ('integer or "auto"', UnionOf((Scalar("int"), LiteralOf(("auto",)))), Strength.TABLE, False),
        ('"a" or "b"', LiteralOf(("a", "b")), Strength.TABLE, False),
    ],
)
def test_type_notation(cell: str, expected: object, strength: Strength, nullable: bool) -> None:
    f = one_field(f"| p | {cell} | Optional | Something. |")
    assert claims(f, TYPE) == [(expected, strength)]
    assert claims(f, NULLABLE) == [(nullable, Strength.TABLE)]


def test_claim_origins_are_their_cells() -> None:
    f = one_field("| p | string | Required | Something. |")
    assert f.origin == Origin("doc.md", 6, 3)
    by_attr = {c.attr: c.origin for c in f.claims}
    assert by_attr[TYPE] == Origin("doc.md", 6, 7)
    assert by_attr[REQUIRED] == Origin("doc.md", 6, 16)
    assert all(c.dialect == "openai-reference" for c in f.claims)


def test_unknown_type_is_e201_at_cell_with_suggestion() -> None:
    res = run(doc("| p | strng or null | Optional | x |"))
    (diag,) = res.diagnostics
    assert diag.code == "E201" and diag.code in CODES
    assert diag.origin == Origin("doc.md", 6, 7)
    assert "'strng'" in diag.message and "did you mean 'string'" in diag.message
    # the field survives, without a type claim
    (f,) = res.objects[0].fields
    assert claims(f, TYPE) == []


def test_unknown_type_far_from_anything_has_no_suggestion() -> None:
    (diag,) = run(doc("| p | zzqx | Optional | x |")).diagnostics
    assert diag.code == "E201" and "did you mean" not in diag.message


# --- required column -------------------------------------------------------------------------


def test_required_column() -> None:
    res = run(doc("| a | string | Required | x |", "| b | string | Optional | x |"))
    a, b = res.objects[0].fields
    assert claims(a, REQUIRED) == [(True, Strength.TABLE)]
    assert claims(b, REQUIRED) == [(False, Strength.TABLE)]


def test_bad_required_value_is_e105() -> None:
    res = run(doc("| a | string | Yes | x |"))
    (diag,) = res.diagnostics
    assert (diag.code, diag.origin) == ("E105", Origin("doc.md", 6, 16))
    assert claims(res.objects[0].fields[0], REQUIRED) == []


# --- prose -----------------------------------------------------------------------------------


def test_prose_constant_sets_object_constant() -> None:
    res = run(doc('| object | string | Required | The object type, which is always "thing". |'))
    obj = res.objects[0]
    assert obj.constant == "thing"
    assert (LiteralOf(("thing",)), Strength.PROSE) in claims(obj.fields[0], TYPE)


def test_prose_enum() -> None:
    res = run(
        doc("| status | string | Required | The state, which can be either `on`, `off`, or `broken`. |")
    )
    (enum,) = res.enums
    assert (enum.name, enum.values) == ("ThingStatus", ("on", "off", "broken"))
    assert enum.origin == Origin("doc.md", 6, 32)
    assert (Ref("ThingStatus"), Strength.PROSE) in claims(res.objects[0].fields[0], TYPE)


def test_prose_nullable() -> None:
    f = one_field("| p | integer or null | Optional | The count. The value will be null if unknown. |")
    assert claims(f, NULLABLE) == [(True, Strength.TABLE), (True, Strength.PROSE)]


# --- table shape -----------------------------------------------------------------------------


def test_row_with_missing_cell_is_e105() -> None:
    res = run(doc("| a | string | Required |", "| b | string | Required | x |"))
    (diag,) = res.diagnostics
    assert (diag.code, diag.origin) == ("E105", Origin("doc.md", 6, 1))
    assert [f.wire_name for f in res.objects[0].fields] == ["b"]


def test_row_with_extra_cell_is_e105() -> None:
    res = run(doc("| a | string | Required | x | y |"))
    (diag,) = res.diagnostics
    assert (diag.code, diag.origin.line if diag.origin else 0) == ("E105", 6)


def test_duplicate_parameter_is_e203() -> None:
    res = run(doc("| a | string | Required | x |", "| a | integer | Required | y |"))
    (diag,) = res.diagnostics
    assert (diag.code, diag.origin) == ("E203", Origin("doc.md", 7, 3))
    assert len(res.objects[0].fields) == 1


def test_description_whitespace_is_collapsed() -> None:
    f = one_field("| p | string | Optional | The    thing,   spread       out. |")
    assert f.description == "The thing, spread out."


# --- title, description, example -------------------------------------------------------------


def test_linked_title_and_multi_line_description() -> None:
    text = doc(
        "| a | string | Required | x |",
        title="# [The fine-tune event object](/docs/x)",
        intro="An event\n     of a job. \n\nMore words.\n\n",
    )
    obj = run(text).objects[0]
    assert obj.name == "FineTuneEvent"
    assert obj.description == "An event of a job. More words."
    assert obj.origin == Origin("doc.md", 1, 1)


def test_json_example_in_any_fence() -> None:
    text = doc("| a | string | Required | x |") + '\n**X**\n```python\n{\n  "a": "b"\n}\n```\n'
    (ex,) = run(text).objects[0].examples
    assert ex.value == {"a": "b"} and ex.kind == "json"
    assert ex.origin == Origin("doc.md", 10, 1)


def test_non_json_code_block_is_ignored() -> None:
    text = doc("| a | string | Required | x |") + "\n```bash\ncurl https://example.com\n```\n"
    res = run(text)
    assert res.objects[0].examples == () and res.diagnostics == ()


def test_broken_json_example_is_e105_inside_block() -> None:
    text = doc("| a | string | Required | x |") + '\n```json\n{\n  "a": "b",\n}\n```\n'
    res = run(text)
    (diag,) = res.diagnostics
    assert diag.code == "E105"
    assert diag.origin == Origin("doc.md", 11, 1)
    assert res.objects[0].examples == ()


def test_no_table_under_title_is_e105() -> None:
    res = run("# Thing\n\nJust words.\n")
    assert [x.code for x in res.diagnostics] == ["E105"]


# --- the seed and the written specs ----------------------------------------------------------


def test_seed_000() -> None:
    res = run((SPEC / SEED).read_text(), SEED)
    assert res.diagnostics == ()
    (obj,) = res.objects
    assert obj.name == "FineTuningJob" and obj.constant == "fine_tuning.job"
    assert obj.description.startswith("The fine_tuning.job object represents")
    fields = {f.wire_name: f for f in obj.fields}
    assert len(fields) == 17 and "method" not in fields
    assert all(claims(f, REQUIRED) == [(False, Strength.TABLE)] for f in fields.values())
    assert claims(fields["created_at"], TYPE) == [(Scalar("int"), Strength.TABLE)]
    assert claims(fields["error"], TYPE) == [(ObjectType(), Strength.VAGUE)]
    assert claims(fields["error"], NULLABLE) == [(True, Strength.TABLE)]
    assert claims(fields["result_files"], TYPE) == [(ListOf(AnyType()), Strength.VAGUE)]
    assert claims(fields["finished_at"], NULLABLE) == [(True, Strength.TABLE), (True, Strength.PROSE)]
    assert claims(fields["model"], NULLABLE) == [(False, Strength.TABLE)]
    assert fields["id"].description == "The object identifier, which can be referenced in the API endpoints."
    assert fields["status"].origin == Origin(SEED, 16, 3)
    (enum,) = res.enums
    assert enum.name == "FineTuningJobStatus" and enum.values[0] == "validating_files"
    (ex,) = obj.examples
    assert ex.value["id"] == "ftjob-abc123" and "error" not in ex.value


def _spec_docs() -> list[Path]:
    out = []
    for p in sorted(SPEC.glob("*.md")) + [SPEC / SEED]:
        text = p.read_text()
        if d.detect(text, parse_blocks(text, p.name)):
            out.append(p)
    return out


def test_every_openai_reference_doc_in_spec_parses_cleanly() -> None:
    docs = _spec_docs()
    assert len(docs) >= 11
    for p in docs:
        res = run(p.read_text(), p.name)
        assert res.diagnostics == (), p.name
        assert res.objects and all(o.fields for o in res.objects), p.name
        # every example holds only documented keys
        for o in res.objects:
            names = {f.wire_name for f in o.fields}
            for ex in o.examples:
                assert set(ex.value) <= names, p.name


@pytest.mark.parametrize(
    "file, name, required",
    [
        ("fine_tuning_job_error.md", "FineTuningJobError", {"code", "message", "param"}),
        ("fine_tuning_job_hyperparameters.md", "FineTuningJobHyperparameters", set()),
        ("fine_tuning_job_wandb_integration.md", "FineTuningJobWandbIntegration", {"project"}),
        ("fine_tuning_job_metadata.md", "FineTuningJob", set()),
        ("supervised_hyperparameters.md", "SupervisedHyperparameters", set()),
        ("dpo_hyperparameters.md", "DpoHyperparameters", set()),
        ("reinforcement_hyperparameters.md", "ReinforcementHyperparameters", set()),
        (
            "fine_tune_hyperparams.md",
            "FineTuneHyperparams",
            {"n_epochs", "batch_size", "prompt_loss_weight", "learning_rate_multiplier"},
        ),
        ("file_object.md", "File", {"id", "object", "bytes", "created_at", "filename", "purpose"}),
    ],
)
def test_written_specs(file: str, name: str, required: set[str]) -> None:
    res = run((SPEC / file).read_text(), file)
    (obj,) = res.objects
    assert obj.name == name
    got = {f.wire_name for f in obj.fields if claims(f, REQUIRED) == [(True, Strength.TABLE)]}
    assert got == required


def test_legacy_fine_tune_spec() -> None:
    res = run((SPEC / "fine_tune_legacy.md").read_text(), "fine_tune_legacy.md")
    (obj,) = res.objects
    assert (obj.name, obj.constant) == ("FineTune", "fine-tune")
    fields = {f.wire_name: f for f in obj.fields}
    assert [w for w, f in fields.items() if claims(f, REQUIRED) == [(False, Strength.TABLE)]] == ["events"]
    assert claims(fields["fine_tuned_model"], NULLABLE) == [(True, Strength.TABLE)]
    assert claims(fields["hyperparams"], TYPE) == [(ObjectType(), Strength.VAGUE)]
    assert [e.name for e in res.enums] == ["FineTuneStatus"]
    assert obj.examples[0].value["training_files"][0]["object"] == "file"


def test_metadata_spec_brings_a_string_map() -> None:
    res = run((SPEC / "fine_tuning_job_metadata.md").read_text(), "m.md")
    (f,) = res.objects[0].fields
    assert f.wire_name == "metadata"
    assert claims(f, TYPE) == [(MapOf(Scalar("str")), Strength.TABLE)]
    assert claims(f, NULLABLE) == [(True, Strength.TABLE)]

"""The scraped plain-text dialect: descriptions matched to the example's keys by meaning."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.dialects import plain_text as d
from generator.model.claims import NULLABLE, REQUIRED, TYPE, DocFragments, Strength
from generator.model.diagnostics import CODES, Origin
from generator.model.ir import LiteralOf, Ref
from generator.read.markdown import parse_blocks

SPEC = Path(__file__).resolve().parents[2] / "spec"
SEED = "003_d9b8598430d1132a.txt"
OTHER_SEEDS = [
    "000_62d1526908dff564.txt",
    "001_d285d7d0eb98a30d.txt",
    "002_aca67275d16bfe36.txt",
    "004_378cb8924c8fba4c.txt",
]


def run(text: str, path: str = "page.txt") -> DocFragments:
    return d.parse(path, text, parse_blocks(text, path))


def page(descs: list[str], example: str, title: str = "The widget object") -> str:
    body = "\n\n".join([title, "A widget that does things.source", *(x + "source" for x in descs)])
    n = example.count("\n") + 1
    numbers = "\n".join(str(i) for i in range(1, n + 1))
    return f"{body}\n\nOBJECT {title}\n{numbers}\n{example}\n"


EXAMPLE = '{\n  "id": "w-1",\n  "created_at": 5,\n  "colour": "red"\n}'


def descriptions(res: DocFragments) -> dict[str, str]:
    return {f.wire_name: f.description for f in res.objects[0].fields}


# --- detection -------------------------------------------------------------------------------


def test_detects_its_seed() -> None:
    text = (SPEC / SEED).read_text()
    assert d.detect(text, parse_blocks(text, SEED))


@pytest.mark.parametrize("name", OTHER_SEEDS)
def test_rejects_other_seeds(name: str) -> None:
    text = (SPEC / name).read_text()
    assert not d.detect(text, parse_blocks(text, name))


def test_needs_the_source_marker() -> None:
    text = page(["The identifier."], EXAMPLE).replace("source", "")
    assert not d.detect(text, parse_blocks(text, "p.txt"))


# --- matching --------------------------------------------------------------------------------


def test_descriptions_go_to_keys_by_meaning_not_position() -> None:
    text = page(
        ["The colour of the widget.", "The widget identifier.", "When the widget was created."], EXAMPLE
    )
    res = run(text)
    assert res.diagnostics == ()
    assert descriptions(res) == {
        "id": "The widget identifier.",
        "created_at": "When the widget was created.",
        "colour": "The colour of the widget.",
    }


def test_key_without_description_gets_none() -> None:
    res = run(page(["The widget identifier."], EXAMPLE))
    assert descriptions(res) == {"id": "The widget identifier.", "created_at": "", "colour": ""}
    assert res.objects[0].fields[1].claims == ()


def test_unmatched_description_is_w308_at_its_line() -> None:
    text = page(["The widget identifier.", "Information on why the widget broke down badly."], EXAMPLE)
    res = run(text)
    (diag,) = res.diagnostics
    assert diag.code == "W308" and diag.code in CODES and diag.severity == "warning"
    assert diag.origin == Origin("page.txt", 7, 1)
    assert "'Information on why the widget broke…'" in diag.message
    assert "Information" not in "".join(descriptions(res).values())


def test_global_assignment_beats_first_come() -> None:
    # "model" alone would take the first description that names a model; the phrase wins globally.
    example = '{\n  "model": "a",\n  "fine_tuned_model": "b"\n}'
    descs = ["The base model that is being fine-tuned.", "The name of the fine-tuned model being made."]
    got = descriptions(run(page(descs, example)))
    assert got == {"model": descs[0], "fine_tuned_model": descs[1]}


def test_stemming() -> None:
    assert d.stem("files") == d.stem("file")
    assert d.stem("created") == d.stem("create")
    assert d.stem("tuning") == d.stem("tuned")
    assert d.stem("finished") == d.stem("finish")


def test_best_assignment_handles_rectangles_and_zeros() -> None:
    assert d.best_assignment([[1.0, 3.0], [2.0, 5.0]]) == [0, 1]
    assert d.best_assignment([[0.0, 0.0, 5.0]]) == [2]
    assert d.best_assignment([[0.0], [0.0]]) == [None, None]
    assert d.best_assignment([[5.0, 4.0], [4.0, 0.0]]) == [1, 0]  # greedy would take 5 + 0
    assert d.best_assignment([[1.0], [2.0], [0.0]]) == [None, 0, None]
    assert d.best_assignment([]) == []


# --- prose and example -----------------------------------------------------------------------


def test_prose_claims_from_matched_description() -> None:
    example = '{\n  "object": "widget",\n  "state": "on",\n  "owner": null\n}'
    descs = [
        "The owner of the widget. The value will be null if nobody owns it.",
        'The object type, which is always "widget".',
        "The state, which can be either on, off, or broken.",
    ]
    res = run(page(descs, example))
    obj = res.objects[0]
    assert obj.constant == "widget"
    f = {x.wire_name: x for x in obj.fields}
    assert [(c.attr, c.value, c.strength) for c in f["object"].claims] == [
        (TYPE, LiteralOf(("widget",)), Strength.PROSE)
    ]
    assert [(c.attr, c.value) for c in f["state"].claims] == [(TYPE, Ref("WidgetState"))]
    assert [(c.attr, c.value, c.strength) for c in f["owner"].claims] == [(NULLABLE, True, Strength.PROSE)]
    assert res.enums[0].values == ("on", "off", "broken")
    assert not any(c.attr == REQUIRED for x in obj.fields for c in x.claims)


def test_object_title_description_and_example() -> None:
    res = run(page(["The widget identifier."], EXAMPLE))
    obj = res.objects[0]
    assert (obj.name, obj.description, obj.origin) == (
        "Widget",
        "A widget that does things.",
        Origin("page.txt", 1, 1),
    )
    (ex,) = obj.examples
    assert ex.kind == "json" and ex.value == {"id": "w-1", "created_at": 5, "colour": "red"}
    assert ex.origin == Origin("page.txt", 13, 1)
    assert [f.origin for f in obj.fields] == [
        Origin("page.txt", 14, 3),
        Origin("page.txt", 15, 3),
        Origin("page.txt", 16, 3),
    ]


def test_nested_keys_are_not_fields() -> None:
    example = '{\n  "id": "x",\n  "inner": {"deep": 1, "list": [{"x": 2}]},\n  "s": "a \\"q\\": b"\n}'
    res = run(page([], example))
    assert [f.wire_name for f in res.objects[0].fields] == ["id", "inner", "s"]


def test_broken_json_is_e105_at_its_line() -> None:
    res = run(page(["The widget identifier."], '{\n  "id": "w-1",\n}'))
    (diag,) = res.diagnostics
    assert diag.code == "E105"
    assert diag.origin == Origin("page.txt", 13, 1)


def test_missing_json_is_e105() -> None:
    text = "The widget object\n\nA widget.source\n\nOBJECT The widget object\n1\n"
    assert [x.code for x in run(text).diagnostics] == ["E105"]


def test_duplicate_key_is_e203() -> None:
    res = run(page([], '{\n  "id": "a",\n  "id": "b"\n}'))
    (diag,) = res.diagnostics
    assert (diag.code, diag.origin) == ("E203", Origin("page.txt", 12, 3))


# --- seeds and written specs -----------------------------------------------------------------


def test_seed_003() -> None:
    res = run((SPEC / SEED).read_text(), SEED)
    obj = res.objects[0]
    assert obj.name == "FineTuningJob" and obj.constant == "fine_tuning.job"
    assert (
        obj.description.startswith("The fine_tuning.job object represents")
        and "source" not in obj.description
    )
    (warn,) = res.diagnostics
    assert (warn.code, warn.origin) == ("W308", Origin(SEED, 9, 1))
    got = {k: v.split(".")[0] for k, v in descriptions(res).items()}
    assert "error" not in got and len(got) == 16
    expected_words = {
        "id": "identifier",
        "object": "object type",
        "created_at": "was created",
        "finished_at": "was finished",
        "fine_tuned_model": "fine-tuned model that is being created",
        "model": "base model",
        "organization_id": "organization",
        "result_files": "results file",
        "status": "status",
        "trained_tokens": "tokens",
        "training_file": "used for training",
        "validation_file": "used for validation",
        "hyperparameters": "hyperparameters",
        "integrations": "integrations",
        "seed": "seed",
        "estimated_finish": "estimated to finish",
    }
    for key, phrase in expected_words.items():
        assert phrase in got[key], key
    fields = {f.wire_name: f for f in obj.fields}
    assert fields["created_at"].origin == Origin(SEED, 68, 3)
    assert [(c.attr, c.value) for c in fields["trained_tokens"].claims] == [(NULLABLE, True)]
    assert [e.name for e in res.enums] == ["FineTuningJobStatus"]


def test_fine_tune_event_spec() -> None:
    name = "fine_tune_event.txt"
    text = (SPEC / name).read_text()
    assert d.detect(text, parse_blocks(text, name))
    res = run(text, name)
    assert res.diagnostics == ()
    obj = res.objects[0]
    assert obj.name == "FineTuneEvent" and obj.constant is None
    got = descriptions(res)
    assert list(got) == ["object", "created_at", "level", "message"]
    assert "object type" in got["object"] and "created" in got["created_at"]
    assert "severity level" in got["level"] and "message" in got["message"]

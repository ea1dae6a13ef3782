"""A concrete type that examples confirm is never replaced by a vaguer one from a higher-ranked source.

The case of issue 12: with the openapi-generator pages of the fine-tuning objects added to the
spec, ``n_epochs`` (the OpenAI reference: ``"auto" or integer``, the example: ``"auto"``) became
the empty object of openapi-generator's oneOf page ``...HyperparametersNEpochs``, which lists no
field, because openapi-generator ranks first for types.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.model.claims import DocFragments
from generator.model.ir import AnyType, LiteralOf, Model, Ref, Scalar, UnionOf, type_text
from generator.pipeline import load_spec
from tests.reconcile.fragments import codes, model, page, run, union_page

AUTO_OR_INT = UnionOf((LiteralOf(("auto",)), Scalar("int")))
N_EPOCHS = "CreateFineTuningJobRequestHyperparametersNEpochs"
OTHERS = ("BatchSize", "LearningRateMultiplier")
ROOT = Path(__file__).resolve().parent.parent.parent


def hyperparameters(example: bool = True) -> list[DocFragments]:
    reference = page(
        "spec/fine_tuning_job_hyperparameters.md",
        "FineTuningJobHyperparameters",
        [("n_epochs", AUTO_OR_INT, False)],
        dialect="openai-reference",
        examples=({"n_epochs": "auto"},) if example else (),
    )
    generator = page(
        "spec/FineTuningJobHyperparameters.md",
        "FineTuningJobHyperparameters",
        [("n_epochs", Ref(N_EPOCHS), False)],
    )
    return [reference, generator]


def n_epochs_type(docs: list[DocFragments]) -> str:
    spec, diags = run(docs)
    assert not [d for d in diags if d.severity == "error"], diags
    return type_text(model(spec, "FineTuningJobHyperparameters").fields[0].type)


def test_an_empty_oneof_page_does_not_replace_auto_or_int() -> None:
    empty_page = page(f"spec/{N_EPOCHS}.md", N_EPOCHS, [])  # the table has no rows
    assert n_epochs_type([*hyperparameters(), empty_page]) == "Literal['auto'] | int"
    assert n_epochs_type([*hyperparameters(example=False), empty_page]) == "Literal['auto'] | int"
    spec, diags = run([*hyperparameters(), empty_page])
    assert spec.get(N_EPOCHS) is None and codes(diags, "W314")  # no empty class is left behind
    (w,) = codes(diags, "W302")
    assert "keeping Literal['auto'] | int" in w.message and N_EPOCHS in w.message


def test_nor_does_a_union_page_that_lists_no_member() -> None:
    any_union = union_page(f"spec/{N_EPOCHS}.md", N_EPOCHS, (AnyType(),), dialect="openapi-generator")
    assert n_epochs_type([*hyperparameters(), any_union]) == "Literal['auto'] | int"
    assert n_epochs_type([*hyperparameters(example=False), any_union]) == "Literal['auto'] | int"


def test_a_higher_ranked_type_that_the_examples_contradict_gives_way_to_a_confirmed_one() -> None:
    reference = page(
        "spec/a.md",
        "Job",
        [("seed", Scalar("int"), True)],
        dialect="openai-reference",
        examples=({"seed": 42},),
    )
    generator = page("spec/Job.md", "Job", [("seed", Scalar("str"), True)])
    spec, diags = run([reference, generator])
    assert type_text(model(spec, "Job").fields[0].type) == "int"
    (w,) = codes(diags, "W302")
    assert "keeping int (the examples confirm it)" in w.message
    assert "spec/a.md:3" in w.message and "spec/Job.md:3" in w.message


def test_refinement_still_decides_when_the_examples_fit_both() -> None:
    reference = page(
        "spec/a.md",
        "Job",
        [("seed", Scalar("int"), True)],
        dialect="openai-reference",
        examples=({"seed": 42},),
    )
    generator = page("spec/Job.md", "Job", [("seed", Scalar("float"), True)])
    spec, _ = run([reference, generator])
    assert type_text(model(spec, "Job").fields[0].type) == "int"  # int refines float
    generator = page("spec/Job.md", "Job", [("seed", UnionOf((Scalar("int"), Scalar("str"))), True)])
    spec, _ = run([reference, generator])
    assert type_text(model(spec, "Job").fields[0].type) == "int"


def test_the_issue_case_end_to_end_spec_plus_the_vendored_openapi_generator_pages(tmp_path: Path) -> None:
    """spec/ with openapi-generator's FineTuningJobHyperparameters page and its three empty oneOf pages."""
    spec_dir = tmp_path / "spec"
    shutil.copytree(ROOT / "spec", spec_dir)
    pages = ROOT / "tests" / "corpora" / "samples" / "openai-openapi-generator-python" / "pages"
    for name in ("FineTuningJobHyperparameters", N_EPOCHS, *(N_EPOCHS.replace("NEpochs", x) for x in OTHERS)):
        shutil.copy(pages / f"{name}.md", spec_dir)
    spec, diags = load_spec(spec_dir)
    assert spec is not None, [str(d) for d in diags if d.severity == "error"]
    types = {f.wire_name: type_text(f.type) for f in model(spec, "FineTuningJobHyperparameters").fields}
    assert types == {
        "batch_size": "Literal['auto'] | int",
        "learning_rate_multiplier": "Literal['auto'] | float",
        "n_epochs": "Literal['auto'] | int",
    }
    # the empty oneOf page is no object: read as a union of any value (W110), and the field keeps its type
    assert not isinstance(spec.get(N_EPOCHS), Model)


def test_a_contradicted_type_is_not_replaced_by_a_vaguer_one() -> None:
    reference = page(
        "spec/a.md",
        "Job",
        [("object", LiteralOf(("job",)), True)],
        dialect="openai-reference",
        examples=({"object": "task"},),
    )
    generator = page("spec/Job.md", "Job", [("object", Scalar("str"), True)], dialect="speakeasy")
    spec, diags = run([reference, generator])
    assert type_text(model(spec, "Job").fields[0].type) == "Literal['job']"
    assert codes(diags, "W307")  # the example's misfit is reported instead

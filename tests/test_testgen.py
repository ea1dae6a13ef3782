"""The generated round-trip tests: decisions (examples, strategies, mutations) and the rendered module."""

from __future__ import annotations

import importlib
import itertools
import math
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from generator.emit import strategies, testgen
from generator.emit.options import RenderOptions
from generator.emit.registry import styles_named
from generator.model.diagnostics import Origin
from generator.model.ir import (
    AnyType,
    EnumDef,
    Example,
    Field,
    ListOf,
    LiteralOf,
    MapOf,
    Model,
    ObjectType,
    Ref,
    Scalar,
    Spec,
    UnionOf,
)
from generator.pipeline import load_spec
from generator.pysrc.format import format_python

ROOT = Path(__file__).resolve().parents[1]
KEEP = RenderOptions()
IGNORE = RenderOptions(unknown_keys="ignore")
FORBID = RenderOptions(unknown_keys="forbid")
CLOSED_ENUMS = RenderOptions(open_enums=False)

TESTED = styles_named(("dataclass", "attrs", "pydantic", "typeddict"))


def origin(line: int, path: str = "spec/job.md") -> Origin:
    return Origin(path, line, 1)


def fld(wire: str, t: Any, required: bool = True, nullable: bool = False, py: str = "") -> Field:
    return Field(wire, py or wire, t, required, nullable)


STATUS = EnumDef("JobStatus", ("queued", "running"))
LEVEL = EnumDef("Level", ("info", "warn"), open=False)
INNER = Model(
    "Inner", (fld("count", Scalar("int")), fld("note", Scalar("str"), required=False, nullable=True))
)
NODE = Model("Node", (fld("name", Scalar("str")), fld("children", ListOf(Ref("Node")), required=False)))
AUTO_INT = UnionOf((LiteralOf(("auto",)), Scalar("int")))
GOOD = {"id": "j1", "object": "job", "status": "queued", "inner": {"count": 1}}
JOB = Model(
    "Job",
    (
        fld("id", Scalar("str"), py="id_"),
        fld("object", LiteralOf(("job",)), py="object_"),
        fld("status", Ref("JobStatus")),
        fld("level", Ref("Level"), required=False),
        fld("n_epochs", AUTO_INT, required=False),
        fld("ratio", Scalar("float"), required=False, nullable=True),
        fld("inner", Ref("Inner")),
        fld("tags", ListOf(Scalar("str")), required=False),
        fld("meta", MapOf(Scalar("str")), required=False, nullable=True),
        fld("blob", AnyType(), required=False),
        fld("grader", ObjectType(), required=False),
        fld("unknown_key_1", Scalar("bool"), required=False),
        fld("flag", Scalar("bool"), required=False, py="unknown_key_3"),
    ),
    examples=(
        Example(GOOD, origin(10)),
        Example({**GOOD, "surprise": 1}, origin(20)),
        Example({k: v for k, v in GOOD.items() if k != "id"}, origin(30)),
        Example({**GOOD, "level": "debug"}, origin(40)),
        Example(GOOD, origin(10)),
    ),
)
SPEC = Spec((STATUS, LEVEL, INNER, NODE, JOB))


# ---------------------------------------------------------------------------------------------
# literals


@pytest.mark.parametrize(
    "value",
    [None, True, 0, -5, 1.5, 1e300, "x", "'''\"\"\"\\n\x00", [1, [2, {}]], {"a": {"b": None}, "'": "\\"}],
)
def test_py_literal_evaluates_back_to_the_value(value: Any) -> None:
    back = eval(testgen.py_literal(value))  # our own output: the point of the test
    assert back == value and type(back) is type(value)


def test_py_literal_non_finite_floats() -> None:
    assert math.isnan(eval(testgen.py_literal(float("nan"))))
    assert eval(testgen.py_literal(float("-inf"))) == float("-inf")


def test_py_literal_rejects_non_json() -> None:
    with pytest.raises(TypeError):
        testgen.py_literal({1, 2})


# ---------------------------------------------------------------------------------------------
# examples


def test_example_cases_split_fitting_and_skipped() -> None:
    fits, skipped = testgen.example_cases(SPEC, KEEP)
    # an unknown key fits when unknown keys are kept; a repeated id gets a suffix
    assert [(c.model, c.id) for c in fits] == [
        ("Job", "Job-job.md:10"),
        ("Job", "Job-job.md:20"),
        ("Job", "Job-job.md:10#2"),
    ]
    assert ("Job", "Job-job.md:30", "id: required key is missing") in [
        (s.model, s.id, s.reason) for s in skipped
    ]
    assert fits[0].value == GOOD and fits[0].source == testgen.py_literal(GOOD)


def test_closed_enum_values_are_checked() -> None:
    _, skipped = testgen.example_cases(SPEC, KEEP)
    assert [s.id for s in skipped if "level" in s.reason] == ["Job-job.md:40"]
    assert "level: expected one of ['info', 'warn']" in {s.reason for s in skipped}
    _, skipped = testgen.example_cases(SPEC, CLOSED_ENUMS)
    assert sorted(s.id for s in skipped) == ["Job-job.md:30", "Job-job.md:40"]


def test_open_enum_of_the_options_keeps_unknown_values() -> None:
    spec = Spec(
        (
            STATUS,
            Model("M", (fld("status", Ref("JobStatus")),), examples=(Example({"status": "new"}, origin(3)),)),
        )
    )
    assert testgen.example_cases(spec, KEEP)[1] == []
    skipped = testgen.example_cases(spec, CLOSED_ENUMS)[1]
    assert [s.reason for s in skipped] == ["status: expected one of ['queued', 'running']"]


@pytest.mark.parametrize(("options", "verb"), [(IGNORE, "dropped"), (FORBID, "forbidden")])
def test_unknown_keys_in_examples_without_keep(options: RenderOptions, verb: str) -> None:
    _, skipped = testgen.example_cases(SPEC, options)
    reasons = {s.id: s.reason for s in skipped}
    assert reasons["Job-job.md:20"] == f"surprise: key not in the model (unknown keys are {verb})"


def test_example_with_non_finite_number_is_skipped() -> None:
    spec = Spec(
        (Model("M", (fld("x", Scalar("float")),), examples=(Example({"x": float("nan")}, origin(1)),)),)
    )
    fits, skipped = testgen.example_cases(spec, KEEP)
    assert fits == [] and "non-finite" in skipped[0].reason


def test_example_id_uses_the_file_name_and_line() -> None:
    assert (
        testgen.example_id(JOB, "spec/sub/000_62d1526908dff564.txt", 20) == "Job-000_62d1526908dff564.txt:20"
    )


# ---------------------------------------------------------------------------------------------
# strategies

FUNCS = strategies.strategy_function_names(SPEC)


@pytest.mark.parametrize(
    ("t", "expected"),
    [
        (Scalar("str"), "TEXT"),
        (Scalar("int"), "INTS"),
        (Scalar("float"), "NUMBERS"),
        (Scalar("bool"), "st.booleans()"),
        (AnyType(), "JSON_NOT_NULL"),
        (ObjectType(), "JSON_OBJECTS"),
        (ListOf(Scalar("str")), "st.lists(TEXT, max_size=3)"),
        (MapOf(Scalar("int")), "st.dictionaries(KEYS, INTS, max_size=3)"),
        (LiteralOf(("fine_tuning.job",)), 'st.just("fine_tuning.job")'),
        (LiteralOf(("a", 1, True)), 'st.sampled_from(["a", 1, True])'),
        (AUTO_INT, 'st.one_of(st.just("auto"), INTS)'),
        (ListOf(AUTO_INT), 'st.lists(st.one_of(st.just("auto"), INTS), max_size=3)'),
        (UnionOf((AUTO_INT, Scalar("str"))), 'st.one_of(st.just("auto"), INTS, TEXT)'),  # spliced
        (Ref("JobStatus"), 'open_enum(["queued", "running"])'),
        (Ref("Level"), 'st.sampled_from(["info", "warn"])'),
        (Ref("Inner"), "st.deferred(inner_payloads)"),
    ],
)
def test_strategy_expr(t: Any, expected: str) -> None:
    assert strategies.strategy_expr(t, SPEC, KEEP, FUNCS) == expected


def test_closed_enums_by_option() -> None:
    assert (
        strategies.strategy_expr(Ref("JobStatus"), SPEC, CLOSED_ENUMS, FUNCS)
        == 'st.sampled_from(["queued", "running"])'
    )


def test_unresolved_ref_is_an_error() -> None:
    with pytest.raises(ValueError, match="Nope"):
        strategies.strategy_expr(Ref("Nope"), SPEC, KEEP, FUNCS)


def test_nullable_fields_sometimes_none() -> None:
    f = fld("x", AUTO_INT, nullable=True)
    assert (
        strategies.field_strategy_expr(f, SPEC, KEEP, FUNCS) == 'st.one_of(st.none(), st.just("auto"), INTS)'
    )
    assert strategies.field_strategy_expr(fld("x", Scalar("int")), SPEC, KEEP, FUNCS) == "INTS"


def test_strategy_function_names_are_unique() -> None:
    spec = Spec((Model("FooBar", ()), Model("Foo_Bar", ()), Model("foo_bar", ())))
    assert strategies.strategy_function_names(spec) == {
        "FooBar": "foo_bar_payloads",
        "Foo_Bar": "foo_bar_payloads_2",
        "foo_bar": "foo_bar_payloads_3",
    }


def test_extra_key_names_clash_with_no_wire_or_python_name() -> None:
    assert strategies.extra_key_names(JOB) == ["unknown_key_2", "unknown_key_4"]
    assert strategies.extra_key_names(INNER, 1) == ["unknown_key_1"]


def test_model_strategies_split_required_and_optional() -> None:
    job = next(s for s in strategies.model_strategies(SPEC, KEEP) if s.model == "Job")
    assert job.function == "job_payloads"
    assert [k.key for k in job.required] == ["id", "object", "status", "inner"]
    assert [k.key for k in job.optional][-2:] == ["unknown_key_2", "unknown_key_4"]
    assert {k.key: k.expr for k in job.optional}["unknown_key_2"] == "JSON_VALUES"
    for options in (IGNORE, FORBID):
        job = next(s for s in strategies.model_strategies(SPEC, options) if s.model == "Job")
        assert "unknown_key_2" not in [k.key for k in job.optional]


# ---------------------------------------------------------------------------------------------
# mutations


@pytest.mark.parametrize(
    ("t", "labels"),
    [
        (Scalar("int"), ["str", "bool", "float", "list"]),
        (Scalar("float"), ["str", "bool", "list"]),
        (Scalar("str"), ["int", "list"]),
        (Scalar("bool"), ["str", "int", "list"]),
        (AUTO_INT, ["str", "list", "bool", "float"]),
        (LiteralOf(("job",)), ["str", "list"]),
        (ListOf(Scalar("int")), ["str", "object", "item-str"]),
        (MapOf(Scalar("str")), ["list", "str", "value-int"]),
        (ObjectType(), ["list", "str"]),
        (AnyType(), []),
        (Ref("JobStatus"), ["int", "list"]),
        (Ref("Level"), ["unknown-value", "int", "list"]),
        (Ref("Inner"), ["str", "list"]),
    ],
)
def test_wrong_values(t: Any, labels: list[str]) -> None:
    found = testgen.wrong_values(fld("k", t), SPEC, KEEP)
    assert [label for label, _ in found] == labels


def test_wrong_values_for_auto_int_are_not_auto_nor_int() -> None:
    values = dict(testgen.wrong_values(fld("k", AUTO_INT), SPEC, KEEP))
    assert values["str"] == "auto-unknown" and values["bool"] is True and values["float"] == 1.5


def test_closed_enum_by_option_gets_an_unknown_value() -> None:
    values = dict(testgen.wrong_values(fld("k", Ref("JobStatus")), SPEC, CLOSED_ENUMS))
    assert values["unknown-value"] == "queued-unknown"


def test_mutations_of_a_model() -> None:
    found = {m.id: m for m in testgen.mutations(SPEC, KEEP) if m.model == "Job"}
    assert found["Job-id-missing"].op == "delete" and found["Job-id-missing"].path == ("id",)
    assert found["Job-id-null"].value is None and found["Job-id-null"].expect == "id"
    assert "Job-ratio-null" not in found  # nullable
    assert "Job-ratio-missing" not in found  # optional
    assert "Job-level-null" in found  # optional but not nullable
    assert "Job-blob-null" in found and not [
        i for i in found if i.startswith("Job-blob-") and i != "Job-blob-null"
    ]
    # one level down through the required non-nullable model field: the first mutation of each field
    nested = [m for m in found.values() if len(m.path) == 2]
    assert [(m.id, m.expect) for m in nested] == [
        ("Job-inner.count-missing", "inner.count"),
        ("Job-inner.note-int", "inner.note"),
    ]
    assert found["Job-inner.note-int"].path_source == '("inner", "note")'
    assert not [m for m in found.values() if m.id.endswith("unknown-key")]


def test_forbid_adds_an_unknown_key_mutation() -> None:
    found = {m.id: m for m in testgen.mutations(SPEC, FORBID) if m.model == "Inner"}
    m = found["Inner-unknown_key_1-unknown-key"]
    assert (m.path, m.op, m.value, m.expect) == (("unknown_key_1",), "set", 1, "unknown_key_1")


def test_mutation_ids_are_unique_and_grouped_in_spec_order() -> None:
    ids = [m.id for m in testgen.mutations(SPEC, KEEP)]
    assert len(ids) == len(set(ids))
    assert [name for name, _ in testgen.mutations_by_model(SPEC, KEEP)] == ["Inner", "Node", "Job"]


# ---------------------------------------------------------------------------------------------
# the rendered module, imported inside a package of stub style modules


def real_spec() -> Spec:
    spec, diags = load_spec(ROOT / "spec")
    if spec is None:
        pytest.skip("spec/ does not load yet: " + "; ".join(str(d) for d in diags[:3]))
    return spec


_counter = itertools.count()


@pytest.fixture
def import_rendered(tmp_path: Path) -> Iterator[Any]:
    """Render the test module for a spec into a package of empty style modules and import it."""
    loaded: list[str] = []

    def load(spec: Spec, options: RenderOptions = KEEP) -> ModuleType:
        pkg = f"modelgen_rendered_{next(_counter)}"
        root = tmp_path / pkg
        (root / "tests").mkdir(parents=True)
        (root / "__init__.py").write_text("")
        (root / "tests" / "__init__.py").write_text("")
        for style in ("dataclass", "attrs", "pydantic", "typeddict"):
            (root / f"{style}_models.py").write_text(
                "from typing import Any\n\nMODELS: dict[str, Any] = {}\n"
            )
        source = format_python(testgen.render_tests(spec, options, TESTED), "test_roundtrip.py")
        (root / "tests" / "test_roundtrip.py").write_text(source)
        loaded.append(pkg)
        return importlib.import_module(f"{pkg}.tests.test_roundtrip")

    sys.path.insert(0, str(tmp_path))
    try:
        yield load
    finally:
        sys.path.remove(str(tmp_path))
        for name in [n for n in sys.modules if n.split(".")[0] in loaded]:
            del sys.modules[name]


def test_rendered_source_compiles_and_is_deterministic() -> None:
    for spec in (SPEC, real_spec()):
        for options in (KEEP, IGNORE, FORBID, CLOSED_ENUMS):
            source = testgen.render_tests(spec, options, TESTED)
            compile(source, "test_roundtrip.py", "exec")
            assert source == testgen.render_tests(spec, options, TESTED)


def test_rendered_constants(import_rendered: Any) -> None:
    mod = import_rendered(SPEC)
    assert mod.MODEL_NAMES == ["Inner", "Node", "Job"]
    assert [p.id for p in mod.EXAMPLES] == ["Job-job.md:10", "Job-job.md:20", "Job-job.md:10#2"]
    assert mod.EXAMPLES[0].values == ("Job", GOOD)
    assert ("Job-job.md:30", "id: required key is missing") in mod.SKIPPED_EXAMPLES
    assert list(mod.MUTATIONS) == ["Inner", "Node", "Job"]
    assert ("Job-id-missing", ("id",), "delete", None, "id") in mod.MUTATIONS["Job"]
    assert set(mod.STRATEGIES) == {"Inner", "Node", "Job"}


def test_rendered_mutation_helper(import_rendered: Any) -> None:
    mod = import_rendered(SPEC)
    doc = {"a": {"b": 1, "c": 2}}
    assert mod.mutate(doc, ("a", "b"), "delete", None) == {"a": {"c": 2}}
    assert mod.mutate(doc, ("a", "c"), "set", [1]) == {"a": {"b": 1, "c": [1]}}
    assert doc == {"a": {"b": 1, "c": 2}}


def test_rendered_same_check_tells_ints_from_floats_and_bools(import_rendered: Any) -> None:
    mod = import_rendered(SPEC)
    mod.assert_same({"x": [1, 1.5]}, {"x": [1, 1.5]}, "same")
    for actual, expected in [({"x": 1.0}, {"x": 1}), ({"x": True}, {"x": 1}), ({"x": 1}, {"x": 2})]:
        with pytest.raises(AssertionError):
            mod.assert_same(actual, expected, "differs")


STRATEGY_SETTINGS = settings(
    max_examples=150, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
)


def check_strategies_fit(
    mod: ModuleType, spec: Spec, options: RenderOptions, examples: int = 150
) -> dict[str, set[str]]:
    """Every generated payload fits its model (no problem but unknown keys); returns what was seen."""
    seen: dict[str, set[str]] = {}
    for model in spec.models:
        found: set[str] = set()
        known = {f.wire_name for f in model.fields}

        @settings(STRATEGY_SETTINGS, max_examples=examples)
        @given(doc=mod.STRATEGIES[model.name]())
        def fits(doc: dict[str, Any]) -> None:
            assert testgen.fit_problems(doc, model, spec, options) == []  # noqa: B023
            for f in model.fields:  # noqa: B023
                if f.wire_name not in doc:
                    found.add(f"absent:{f.wire_name}")  # noqa: B023
                elif doc[f.wire_name] is None:
                    found.add(f"null:{f.wire_name}")  # noqa: B023
                else:
                    found.add(f"present:{f.wire_name}")  # noqa: B023
            extras = {f"extra:{k}" for k in doc if k not in known}  # noqa: B023
            found.update(extras or {"no-extra"})  # noqa: B023

        fits()
        seen[model.name] = found
    return seen


def test_hand_spec_strategies_fit_the_model(import_rendered: Any) -> None:
    seen = check_strategies_fit(import_rendered(SPEC), SPEC, KEEP)
    job = seen["Job"]
    for key in ("ratio", "meta"):
        assert {f"absent:{key}", f"null:{key}", f"present:{key}"} <= job
    for key in ("id", "status", "inner"):
        assert f"present:{key}" in job and f"absent:{key}" not in job and f"null:{key}" not in job
    assert {"extra:unknown_key_2", "extra:unknown_key_4", "no-extra"} <= job
    assert "present:children" in seen["Node"]  # recursion through st.deferred


@pytest.mark.parametrize("options", [IGNORE, FORBID])
def test_hand_spec_strategies_without_keep_add_no_unknown_keys(
    import_rendered: Any, options: RenderOptions
) -> None:
    seen = check_strategies_fit(import_rendered(SPEC, options), SPEC, options)
    assert not [s for s in seen["Job"] if s.startswith("extra:")]


def test_hand_spec_strategies_with_closed_enums_fit(import_rendered: Any) -> None:
    check_strategies_fit(import_rendered(SPEC, CLOSED_ENUMS), SPEC, CLOSED_ENUMS)


def test_open_enum_strategy_sometimes_unknown(import_rendered: Any) -> None:
    mod = import_rendered(SPEC)
    values: set[str] = set()

    @STRATEGY_SETTINGS
    @given(v=mod.open_enum(["queued", "running"]))
    def draw(v: str) -> None:
        values.add(v)

    draw()
    assert {"queued", "running"} <= values and values - {"queued", "running"}


def test_real_spec_strategies_fit_the_model(import_rendered: Any) -> None:
    spec = real_spec()
    seen = check_strategies_fit(import_rendered(spec), spec, KEEP, examples=60)
    job = seen.get("FineTuningJob", set())
    assert {"null:error", "present:error", "absent:method", "present:method"} <= job


def test_real_spec_mutations_break_payloads_at_the_named_key(import_rendered: Any) -> None:
    """Each mutation, applied to generated payloads, gives a problem whose path names its key."""
    spec = real_spec()
    mod = import_rendered(spec)
    models = {m.name: m for m in spec.models}
    for name, items in mod.MUTATIONS.items():
        assert_mutations_break(mod, spec, models[name], items)


def assert_mutations_break(mod: ModuleType, spec: Spec, model: Model, items: list[Any]) -> None:
    @settings(STRATEGY_SETTINGS, max_examples=10)
    @given(doc=mod.STRATEGIES[model.name]())
    def broken(doc: dict[str, Any]) -> None:
        for ident, path, op, value, expect in items:
            found = testgen.fit_problems(mod.mutate(doc, path, op, value), model, spec, KEEP)
            assert [p for p in found if p.startswith(expect)], (ident, found)

    broken()


# ---------------------------------------------------------------------------------------------
# end to end: the four styles and the tests, run with pytest and checked with mypy


@pytest.mark.parametrize(
    "options",
    [KEEP, RenderOptions(unknown_keys="forbid", open_enums=False)],
    ids=["keep-open", "forbid-closed"],
)
def test_generated_tests_pass_end_to_end(tmp_path: Path, options: RenderOptions) -> None:
    """The four styles and the round-trip tests, rendered into a package, pass pytest (and mypy)."""
    from generator.emit.tree import build_tree

    files = build_tree(real_spec(), options=options)
    gen = tmp_path / "gen"
    for rel, text in files.items():
        (gen / rel).parent.mkdir(parents=True, exist_ok=True)
        (gen / rel).write_text(text)
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "gen/tests"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    assert " passed" in run.stdout
    if options != KEEP:
        return
    typed = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "gen/tests/test_roundtrip.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert typed.returncode == 0, typed.stdout[-4000:]

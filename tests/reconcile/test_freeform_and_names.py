"""An empty table is a free-form object; unusable names get deterministic new names with a warning."""

from __future__ import annotations

from pathlib import Path

from generator.model.ir import AnyType, ListOf, MapOf, Ref, Scalar, UnionDef, UnionOf, type_text
from generator.pipeline import load_spec
from generator.read.spec_settings import SpecSettings
from tests.reconcile.fragments import codes, model, page, run, union_page


def test_a_model_with_no_fields_is_a_free_form_object_wherever_it_is_used() -> None:
    empty = page("docs/Metadata.md", "Metadata", [])
    user = page(
        "docs/User.md",
        "User",
        [
            ("meta", Ref("Metadata"), True),
            ("history", ListOf(Ref("Metadata")), False),
            ("x", Scalar("int"), True),
        ],
    )
    spec, diags = run([empty, user, union_page("docs/Any.md", "Payload", (Ref("Metadata"), Scalar("str")))])
    assert [m.name for m in spec.models] == ["User"]  # no empty class
    types = [type_text(f.type) for f in spec.models[0].fields]
    assert types == ["dict[str, Any]", "list[dict[str, Any]]", "int"]
    payload = spec.get("Payload")
    assert isinstance(payload, UnionDef) and payload.members == (MapOf(AnyType()), Scalar("str"))
    (w,) = codes(diags, "W314")
    assert "Metadata" in w.message and str(w.origin) == "docs/Metadata.md:1:1"


def test_an_empty_model_inside_an_inline_union_collapses_duplicates() -> None:
    docs = [
        page("docs/A.md", "A", []),
        page("docs/B.md", "B", []),
        page("docs/C.md", "C", [("v", UnionOf((Ref("A"), Ref("B"))), True)]),
    ]
    spec, _ = run(docs)
    assert model(spec, "C").fields[0].type == MapOf(AnyType())


def test_a_model_called_validation_error_is_renamed_with_a_warning_and_references_follow() -> None:
    docs = [
        page("docs/ValidationError.md", "ValidationError", [("loc", Scalar("str"), True)]),
        page("docs/HTTPError.md", "HTTPError", [("detail", ListOf(Ref("ValidationError")), True)]),
    ]
    spec, diags = run(docs)
    assert [m.name for m in spec.models] == ["ValidationErrorModel", "HTTPError"]
    assert type_text(model(spec, "HTTPError").fields[0].type) == "list[ValidationErrorModel]"
    (w,) = codes(diags, "W316")
    assert "'ValidationError'" in w.message and "ValidationErrorModel" in w.message
    assert not [d for d in diags if d.severity == "error"]


def test_the_new_name_can_be_set_in_names() -> None:
    docs = [page("docs/ValidationError.md", "ValidationError", [("loc", Scalar("str"), True)])]
    spec, diags = run(docs, SpecSettings(names={"ValidationError": "ApiValidationError"}))
    assert [m.name for m in spec.models] == ["ApiValidationError"]
    assert codes(diags, "W316") == []
    _, diags = run(docs, SpecSettings(names={"ValidationError": "Union"}))
    assert codes(diags, "E205")  # an override must itself be a usable name


def test_other_unusable_names_are_renamed_deterministically() -> None:
    docs = [
        page("docs/a.md", "status", [("status", Scalar("str"), True)]),  # a field's Python name
        page("docs/b.md", "with-dash", [("x", Scalar("int"), True)]),  # not an identifier
        page("docs/c.md", "Union", [("x", Scalar("int"), True)]),  # a typing name
    ]
    names = sorted(m.name for m in run(docs)[0].models)
    assert names == ["Status", "UnionModel", "WithDash"]
    assert names == sorted(m.name for m in run(list(reversed(docs)))[0].models)


def test_two_wire_keys_with_one_python_name_get_a_suffix_not_an_error() -> None:
    docs = [page("docs/w.md", "Widget", [("a-b", Scalar("str"), True), ("a_b", Scalar("int"), True)])]
    spec, diags = run(docs)
    assert [(f.wire_name, f.py_name) for f in spec.models[0].fields] == [("a-b", "a_b_2"), ("a_b", "a_b")]
    (w,) = codes(diags, "W317")
    assert "'a-b' is 'a_b_2'" in w.message


def test_names_in_the_spec_settings_reach_the_pipeline(tmp_path: Path) -> None:
    (tmp_path / "ValidationError.md").write_text(
        "# ValidationError\n\nA problem.\n\n## Properties\n\nName | Type | Description | Notes\n"
        "------------ | ------------- | ------------- | -------------\n"
        "**loc** | **str** | Where. | \n**a-b** | **str** | Dash. | \n**a_b** | **str** | Underscore. | \n"
    )
    (tmp_path / "modelgen.toml").write_text(
        '[names]\n# the runtime defines ValidationError\nValidationError = "ApiError"\n'
        '# a Python name for the dashed key\n"ApiError.a-b" = "a_dash_b"\n'
    )
    spec, diags = load_spec(tmp_path)
    assert spec is not None, diags
    assert [d.code for d in diags if d.code in ("W316", "W317")] == []  # the user named both
    assert [(f.wire_name, f.py_name) for f in model(spec, "ApiError").fields] == [
        ("loc", "loc"),
        ("a-b", "a_dash_b"),
        ("a_b", "a_b"),
    ]

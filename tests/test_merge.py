"""Merge: identity, precedence, and a diagnostic for every disagreement, naming both origins."""

from __future__ import annotations

from pathlib import Path

from generator.model.diagnostics import Diagnostic
from generator.model.ir import Spec, type_text
from generator.pipeline import load_spec

SPEC = Path(__file__).resolve().parent.parent / "spec"


def ref_doc(title: str, rows: list[tuple[str, str, str, str]]) -> str:
    """An OpenAI-reference page."""
    lines = [
        f"# {title}",
        "",
        "An object.",
        "",
        "| Parameter | Type | Required | Description |",
        "| --- | --- | --- | --- |",
    ]
    lines += [f"| {n} | {t} | {r} | {d} |" for n, t, r, d in rows]
    return "\n".join(lines) + "\n"


def oag_doc(name: str, rows: list[tuple[str, str, str, str]]) -> str:
    """An openapi-generator model page."""
    lines = [
        f"# {name}",
        "",
        "An object.",
        "",
        "## Properties",
        "",
        "Name | Type | Description | Notes",
        "------------ | ------------- | ------------- | -------------",
    ]
    lines += [f"**{n}** | {t} | {d} | {notes}" for n, t, d, notes in rows]
    return "\n".join(lines) + "\n"


def sk_doc(name: str, rows: list[tuple[str, str, str, str]]) -> str:
    """A Speakeasy model page."""
    lines = [
        f"# {name}",
        "",
        "An object.",
        "",
        "## Fields",
        "",
        "| Field | Type | Required | Description |",
        "| --- | --- | --- | --- |",
    ]
    lines += [f"| `{n}` | {t} | {r} | {d} |" for n, t, r, d in rows]
    return "\n".join(lines) + "\n"


def load(tmp_path: Path, files: dict[str, str], settings: str = "") -> tuple[Spec | None, list[Diagnostic]]:
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    if settings:
        (tmp_path / "modelgen.toml").write_text(settings)
    return load_spec(tmp_path)


def field(spec: Spec | None, model: str, wire: str) -> tuple[str, bool, bool]:
    assert spec is not None
    m = spec.get(model)
    f = next(f for f in m.fields if f.wire_name == wire)  # type: ignore[union-attr]
    return type_text(f.type), f.required, f.nullable


def codes(diags: list[Diagnostic], code: str) -> list[Diagnostic]:
    return [d for d in diags if d.code == code]


def test_type_conflict_decided_by_precedence_and_reported_with_both_origins(tmp_path: Path) -> None:
    files = {
        "a.md": ref_doc("The widget object", [("size", "string", "Required", "Size.")]),
        "Widget.md": oag_doc("Widget", [("size", "**int**", "Size.", "")]),
    }
    spec, diags = load(tmp_path, files)
    assert field(spec, "Widget", "size")[0] == "int"  # openapi-generator ranks first for types
    (w,) = codes(diags, "W302")
    assert "a.md:7" in w.message and "Widget.md:9" in w.message
    # the same documents with the precedence turned around
    spec, diags = load(
        tmp_path,
        files,
        '[precedence]\n# test: reference first\ntype = ["openai-reference", "openapi-generator"]\n',
    )
    assert field(spec, "Widget", "size")[0] == "str"


def test_required_conflict(tmp_path: Path) -> None:
    spec, diags = load(
        tmp_path,
        {
            "a.md": ref_doc("The widget object", [("id", "string", "Optional", "Id.")]),
            "widget.md": sk_doc("Widget", [("id", "*string*", ":heavy_check_mark:", "Id.")]),
        },
    )
    assert field(spec, "Widget", "id") == ("str", True, False)
    (w,) = codes(diags, "W301")
    assert "a.md" in str(w.origin) and "widget.md" in w.message


def test_required_and_nullable_are_independent(tmp_path: Path) -> None:
    spec, _ = load(
        tmp_path,
        {
            "a.md": ref_doc(
                "The widget object",
                [
                    ("a", "string or null", "Required", "A."),
                    ("b", "string", "Optional", "B."),
                    ("c", "integer or null", "Optional", "C."),
                    ("d", "boolean", "Required", "D."),
                ],
            )
        },
    )
    assert field(spec, "Widget", "a") == ("str", True, True)
    assert field(spec, "Widget", "b") == ("str", False, False)
    assert field(spec, "Widget", "c") == ("int", False, True)
    assert field(spec, "Widget", "d") == ("bool", True, False)


def test_prose_refines_but_does_not_contradict_a_table(tmp_path: Path) -> None:
    spec, diags = load(
        tmp_path,
        {
            "a.md": ref_doc(
                "The widget object",
                [
                    ("object", "string", "Required", 'The object type, which is always "widget".'),
                    (
                        "state",
                        "string",
                        "Required",
                        "The state, which can be either `on`, `off`, or `broken`.",
                    ),
                ],
            )
        },
    )
    assert field(spec, "Widget", "object")[0] == "Literal['widget']"
    assert field(spec, "Widget", "state")[0] == "WidgetState"
    assert spec is not None and spec.get("WidgetState").values == ("on", "off", "broken")  # type: ignore[union-attr]
    assert codes(diags, "W302") == []


def test_a_shared_object_constant_alone_does_not_merge_and_an_alias_does(tmp_path: Path) -> None:
    const = 'The object type, which is always "gadget.thing".'
    files = {
        "a.md": ref_doc(
            "The gadget object",
            [("object", "string", "Required", const), ("x", "integer", "Required", "X.")],
        ),
        "Thing.md": oag_doc(
            "Thing", [("object", "**str**", const, ""), ("y", "**str**", "Y.", "[optional]")]
        ),
        "c.md": ref_doc(
            "The other object", [("object", "string", "Required", 'Always, which is always "other".')]
        ),
    }
    spec, diags = load(tmp_path, files)
    assert spec is not None
    assert sorted(m.name for m in spec.models) == ["Gadget", "Other", "Thing"]
    (shared,) = codes(diags, "W310")
    assert "Gadget, Thing share the object constant 'gadget.thing'" in shared.message
    assert codes(diags, "W306") == []

    spec, diags = load(tmp_path, {}, '[aliases]\n# the reference titles it "gadget"\nGadget = "Thing"\n')
    assert spec is not None
    assert sorted(m.name for m in spec.models) == ["Other", "Thing"]
    merged = spec.get("Thing")
    assert {f.wire_name for f in merged.fields} == {"object", "x", "y"}  # type: ignore[union-attr]
    assert codes(diags, "W306") and codes(diags, "W310") == []


def test_declared_alias(tmp_path: Path) -> None:
    spec, diags = load(
        tmp_path,
        {
            "a.md": ref_doc("The box object", [("w", "integer", "Required", "W.")]),
            "Crate.md": oag_doc("Crate", [("w", "**int**", "W.", ""), ("h", "**int**", "H.", "")]),
        },
        '[aliases]\n# the reference calls it a box\nBox = "Crate"\n',
    )
    assert spec is not None and [m.name for m in spec.models] == ["Crate"]
    assert any("'Box' is merged into Crate by a declared alias" in d.message for d in diags)


def test_reference_to_undefined_type(tmp_path: Path) -> None:
    spec, diags = load(
        tmp_path,
        {
            "Widget.md": oag_doc("Widget", [("part", "[**Gizmo**](Gizmo.md)", "P.", "")]),
            "Gadget.md": oag_doc("Gizmos", [("x", "**int**", "X.", "")]),
        },
    )
    assert spec is None
    (e,) = codes(diags, "E202")
    assert "'Gizmo'" in e.message and "did you mean 'Gizmos'" in e.message
    assert str(e.origin).startswith(f"{(tmp_path / 'Widget.md').as_posix()}:9")


def test_unknown_setting(tmp_path: Path) -> None:
    spec, diags = load(
        tmp_path,
        {"a.md": ref_doc("The box object", [("w", "integer", "Required", "W.")])},
        "[precedance]\n# typo\nx = 1\n",
    )
    assert spec is None
    assert any(d.code == "E104" and "precedance" in d.message for d in diags)


def test_every_settings_entry_says_why() -> None:
    lines = (SPEC / "modelgen.toml").read_text().splitlines()
    for i, line in enumerate(lines):
        if "=" in line and not line.lstrip().startswith("#"):
            assert lines[i - 1].lstrip().startswith("#"), f"modelgen.toml:{i + 1} has no comment saying why"


def test_long_reference_chains_do_not_hit_the_recursion_limit() -> None:
    from generator.model.ir import Field, Model, Ref
    from generator.reconcile.order import dependency_order as _order

    n = 5000
    models = [
        Model(f"M{i:05d}", (Field("next", "next", Ref(f"M{i + 1:05d}"), False, True),) if i + 1 < n else ())
        for i in range(n)
    ]
    ordered = [m.name for m in _order(list(models))]
    assert ordered == [f"M{i:05d}" for i in reversed(range(n))]  # dependencies first
    cyclic = [
        Model("A", (Field("b", "b", Ref("B"), True, False),)),
        Model("B", (Field("a", "a", Ref("A"), True, False),)),
    ]
    assert [m.name for m in _order(cyclic)] == ["B", "A"]

"""conformance.problems: records (path, kind, message), so callers decide by kind, not by wording."""

from __future__ import annotations

from generator.model.ir import Field, LiteralOf, Model, Ref, Scalar, Spec, UnionDef
from generator.reconcile.conformance import (
    MISSING_KEY,
    NOT_AN_OBJECT,
    NOT_NULLABLE,
    UNKNOWN_KEY,
    WRONG_TYPE,
    Problem,
    problems,
)

MESSAGE = Model("Message", (Field("type", "type", LiteralOf(("message",)), True, False),))
CALL = Model("Call", (Field("type", "type", LiteralOf(("call",)), True, False),))
CHAT = Model(
    "Chat",
    (
        Field("last", "last", Ref("Entry"), True, False),
        Field("count", "count", Scalar("int"), False, False),
    ),
)
SPEC = Spec((MESSAGE, CALL, UnionDef("Entry", (Ref("Message"), Ref("Call")), "type"), CHAT))


def test_each_problem_is_a_record_with_its_path_and_kind() -> None:
    found = problems({"count": None, "extra": 1}, CHAT, SPEC)
    assert found == [
        Problem("last", MISSING_KEY, "required key is missing"),
        Problem("count", NOT_NULLABLE, "null, but the field is not nullable"),
        Problem("extra", UNKNOWN_KEY, "key not in the model (kept as an unknown key)"),
    ]
    assert [str(p) for p in found][0] == "last: required key is missing"
    assert str(problems([], CHAT, SPEC)[0]) == "<root>: expected an object, got list"
    assert problems([], CHAT, SPEC)[0].kind == NOT_AN_OBJECT


def test_a_value_of_a_named_union_fits_when_one_member_fits() -> None:
    assert problems({"last": {"type": "call"}}, CHAT, SPEC) == []
    (p,) = problems({"last": {"type": "other"}}, CHAT, SPEC)
    assert p.path == "last.type" and p.kind == WRONG_TYPE

"""Union pages become UnionDef items: merged by name, referenced, ordered, and tagged where they can be."""

from __future__ import annotations

from generator.model.claims import DocFragments
from generator.model.ir import AnyType, LiteralOf, Ref, Scalar, UnionDef, UnionOf, type_text
from tests.reconcile.fragments import codes, model, page, run, union_page


def member(name: str, **constants: str) -> DocFragments:
    fields = [(k, LiteralOf((v,)), True) for k, v in constants.items()]
    return page(
        f"docs/{name.lower()}.md", name, [*fields, ("text", Scalar("str"), True)], dialect="speakeasy"
    )


def entry_union(members: tuple[str, ...]) -> DocFragments:
    return union_page("docs/entry.md", "Entry", tuple(Ref(m) for m in members))


def union(docs: list[DocFragments]) -> UnionDef:
    spec, diags = run(docs)
    assert not [d for d in diags if d.severity == "error"], diags
    u = spec.get("Entry")
    assert isinstance(u, UnionDef)
    return u


def test_a_union_page_is_a_union_item_after_its_members_and_references_to_it_resolve() -> None:
    chat = page(
        "docs/chat.md", "Chat", [("entries", UnionOf((Ref("Entry"), Scalar("str"))), True)], "speakeasy"
    )
    docs = [
        member("Message", type="message"),
        member("Call", type="call"),
        entry_union(("Message", "Call")),
        chat,
    ]
    spec, diags = run(docs)
    assert codes(diags, "E202") == []
    assert [i.name for i in spec.items] == ["Call", "Message", "Entry", "Chat"]
    u = spec.get("Entry")
    assert isinstance(u, UnionDef) and u.members == (Ref("Message"), Ref("Call"))
    assert type_text(model(spec, "Chat").fields[0].type) == "Entry | str"


def test_the_discriminator_is_the_key_whose_constants_tell_every_member_apart() -> None:
    docs = [member("Message", type="message"), member("Call", type="call"), entry_union(("Message", "Call"))]
    assert union(docs).discriminator == "type"


def test_type_is_preferred_to_object_and_object_to_other_keys() -> None:
    docs = [
        member("Message", role="a", object="message", type="message"),
        member("Call", role="b", object="call", type="call"),
        entry_union(("Message", "Call")),
    ]
    assert union(docs).discriminator == "type"
    docs = [
        member("Message", role="a", object="message", type="entry"),
        member("Call", role="b", object="call", type="entry"),
        entry_union(("Message", "Call")),
    ]
    assert union(docs).discriminator == "object"
    docs = [
        member("Message", role="a", kind="x"),
        member("Call", role="b", kind="x"),
        entry_union(("Message", "Call")),
    ]
    assert union(docs).discriminator == "role"


def test_no_discriminator_when_values_repeat_a_member_is_no_model_or_the_tag_is_optional() -> None:
    same = [member("Message", type="entry"), member("Call", type="entry"), entry_union(("Message", "Call"))]
    assert union(same).discriminator is None
    scalar = [
        member("Message", type="message"),
        union_page("docs/entry.md", "Entry", (Ref("Message"), Scalar("str"))),
    ]
    assert union(scalar).discriminator is None
    optional = page("docs/call.md", "Call", [("type", LiteralOf(("call",)), False)], dialect="speakeasy")
    docs = [member("Message", type="message"), optional, entry_union(("Message", "Call"))]
    assert union(docs).discriminator is None


def test_a_union_page_that_lists_no_member_stays_a_union_of_any() -> None:
    u = union([union_page("docs/entry.md", "Entry", (AnyType(),), dialect="openapi-generator"), member("X")])
    assert u.members == (AnyType(),) and u.discriminator is None


def test_union_pages_of_one_name_merge_and_a_difference_is_a_warning() -> None:
    a = union_page("docs/entry.md", "Entry", (Ref("Message"), Ref("Call")))
    b = union_page("docs/other/Entry.md", "Entry", (Ref("Call"), Scalar("str")), dialect="openapi-generator")
    spec, diags = run([a, b, member("Message", type="m"), member("Call", type="c")])
    u = spec.get("Entry")
    assert isinstance(u, UnionDef)
    assert u.members == (
        Ref("Call"),
        Scalar("str"),
        Ref("Message"),
    )  # openapi-generator ranks first for types
    (w,) = codes(diags, "W313")
    assert "docs/entry.md:1" in w.message and "docs/other/Entry.md:1" in w.message


def test_an_any_member_of_one_page_gives_way_to_the_members_another_lists() -> None:
    a = union_page("docs/Entry.md", "Entry", (AnyType(),), dialect="openapi-generator")
    b = union_page("docs/entry.md", "Entry", (Ref("Message"), Scalar("str")))
    assert union([a, b, member("Message", type="m")]).members == (Ref("Message"), Scalar("str"))


def test_a_union_page_wins_over_an_object_page_of_the_same_name() -> None:
    rows = page("docs/Entry.md", "Entry", [("type", Scalar("str"), True), ("text", Scalar("str"), True)])
    docs = [
        rows,
        member("Message", type="message"),
        member("Call", type="call"),
        entry_union(("Message", "Call")),
    ]
    spec, diags = run(docs)
    assert isinstance(spec.get("Entry"), UnionDef)
    assert codes(diags, "W315")


def test_a_reference_to_an_undefined_member_is_e202() -> None:
    _, diags = run([entry_union(("Message", "Gone")), member("Message", type="m")])
    (e,) = codes(diags, "E202")
    assert "union Entry" in e.message and "'Gone'" in e.message


def test_inline_unions_of_model_references_stay_inline() -> None:
    docs = [member("Message", type="m"), member("Call", type="c")]
    docs.append(page("docs/chat.md", "Chat", [("last", UnionOf((Ref("Message"), Ref("Call"))), True)]))
    spec, _ = run(docs)
    assert spec.unions == ()
    assert model(spec, "Chat").fields[0].type == UnionOf((Ref("Message"), Ref("Call")))

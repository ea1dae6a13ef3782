"""Which pages are one object: a name or a declared alias, never a shared constant alone."""

from __future__ import annotations

from pathlib import Path

from generator.dialects import parse_document
from generator.model.ir import LiteralOf, Ref, Scalar, type_text
from generator.read.documents import read_document
from generator.read.spec_settings import SpecSettings
from generator.reconcile.merge import merge
from tests.reconcile.fragments import codes, model, page, run

SAMPLES = Path(__file__).resolve().parent.parent / "corpora" / "samples"
ENTRY = LiteralOf(("entry",))
LIST = LiteralOf(("list",))


def test_distinct_objects_sharing_an_object_constant_stay_two_models() -> None:
    embeddings = page(
        "docs/CreateEmbeddingResponse.md",
        "CreateEmbeddingResponse",
        [("object", LIST, True), ("data", Scalar("str"), True), ("model", Scalar("str"), True)],
        constant="list",
    )
    invites = page(
        "docs/InviteListResponse.md",
        "InviteListResponse",
        [("object", LIST, True), ("first_id", Scalar("str"), False), ("has_more", Scalar("bool"), False)],
        constant="list",
    )
    spec, diags = run([embeddings, invites])
    assert [m.name for m in spec.models] == ["CreateEmbeddingResponse", "InviteListResponse"]
    assert [f.wire_name for f in spec.models[0].fields] == ["object", "data", "model"]
    assert [f.wire_name for f in spec.models[1].fields] == ["object", "first_id", "has_more"]
    assert codes(diags, "W306") == []


def test_a_declared_alias_still_merges_pages_of_different_names() -> None:
    a = page("docs/a.md", "File", [("id", Scalar("str"), True)], dialect="openai-reference", constant="file")
    b = page("docs/b.md", "OpenAIFile", [("id", Scalar("str"), True), ("bytes", Scalar("int"), True)])
    spec, diags = run([a, b], SpecSettings(aliases={"File": "OpenAIFile"}))
    assert [m.name for m in spec.models] == ["OpenAIFile"]
    assert "'File' is merged into OpenAIFile by a declared alias" in codes(diags, "W306")[0].message


def test_the_vendored_speakeasy_entries_sharing_object_entry_stay_apart() -> None:
    """Six Mistral conversation entry pages say ``object: Literal["entry"]``; each is its own model."""
    names = ["agenthandoffentry", "functioncallentry", "functionresultentry", "messageinputentry"]
    docs = []
    for n in names:
        doc, _ = read_document(SAMPLES / "mistral-speakeasy-python" / "pages" / f"{n}.md")
        assert doc is not None
        frags = parse_document(doc)
        assert [o.constant for o in frags.objects] == ["entry"]
        docs.append(frags)
    merged = merge(docs, SpecSettings())
    assert sorted(m.name for m in merged.models) == [
        "AgentHandoffEntry",
        "FunctionCallEntry",
        "FunctionResultEntry",
        "MessageInputEntry",
    ]
    handoff = next(m for m in merged.models if m.name == "AgentHandoffEntry")
    assert "previous_agent_id" in {f.wire_name for f in handoff.fields}
    assert "arguments" not in {f.wire_name for f in handoff.fields}  # FunctionCallEntry's field


def test_same_named_pages_in_two_folders_that_disagree_become_two_models_named_by_folder() -> None:
    v1 = page("api/v1/Message.md", "Message", [("text", Scalar("str"), True)])
    v2 = page(
        "api/v2/Message.md", "Message", [("content", Ref("Message"), True), ("role", Scalar("str"), True)]
    )
    chat = page("api/v2/Chat.md", "Chat", [("last", Ref("Message"), True)])
    spec, diags = run([v1, v2, chat])
    assert sorted(m.name for m in spec.models) == ["Chat", "V1Message", "V2Message"]
    assert type_text(model(spec, "Chat").fields[0].type) == "V2Message"
    warnings = codes(diags, "W311")
    assert len(warnings) == 2
    assert all("api/v1/Message.md" in w.message and "api/v2/Message.md" in w.message for w in warnings)
    assert not [d for d in diags if d.severity == "error"]


def test_folder_names_come_from_below_the_spec_folder_whatever_it_or_the_cwd_is_called() -> None:
    """A page at the top of the spec folder keeps its name; the folder names in the others' names
    are those below the spec folder, so renaming it (or running from elsewhere) renames nothing."""
    for top in ("spec", "/tmp/tmpab12/docs", "/home/me/project/api-docs"):
        root = page(f"{top}/Message.md", "Message", [("text", Scalar("str"), True)])
        nested = page(
            f"{top}/beta/chat/Message.md",
            "Message",
            [("parts", Scalar("int"), True), ("role", Scalar("str"), True)],
        )
        chat = page(f"{top}/beta/chat/Chat.md", "Chat", [("last", Ref("Message"), True)])
        spec, diags = run([root, nested, chat])
        assert sorted(m.name for m in spec.models) == ["Chat", "ChatMessage", "Message"], top
        assert type_text(model(spec, "Chat").fields[0].type) == "ChatMessage"
        assert len(codes(diags, "W311")) == 2


def test_same_named_pages_in_two_folders_that_agree_are_one_model() -> None:
    a = page("a/Point.md", "Point", [("x", Scalar("int"), True), ("y", Scalar("int"), True)])
    b = page("b/Point.md", "Point", [("x", Scalar("float"), True), ("y", Scalar("int"), False)], "speakeasy")
    spec, diags = run([a, b])
    assert [m.name for m in spec.models] == ["Point"]
    assert codes(diags, "W311") == []


def test_same_named_pages_of_one_folder_with_different_constants_are_an_error_naming_both() -> None:
    a = page("docs/widget.md", "Widget", [("object", LiteralOf(("widget",)), True)], constant="widget")
    b = page("docs/widget2.md", "Widget", [("object", LiteralOf(("gizmo",)), True)], constant="gizmo")
    _, diags = run([a, b])
    (e,) = codes(diags, "E204")
    assert "docs/widget.md" in e.message and "docs/widget2.md" in e.message


def test_folders_that_cannot_be_told_apart_by_name_are_an_error_naming_both_files() -> None:
    a = page("docs/a-b/Message.md", "Message", [("text", Scalar("str"), True)])
    b = page("docs/a_b/Message.md", "Message", [("content", Scalar("int"), True)])
    _, diags = run([a, b])
    (e,) = codes(diags, "E206")
    assert "docs/a-b/Message.md" in e.message and "docs/a_b/Message.md" in e.message


def test_a_folder_name_that_another_page_already_has_takes_one_folder_more() -> None:
    a = page("docs/x/v1/Message.md", "Message", [("text", Scalar("str"), True)])
    b = page("docs/y/v2/Message.md", "Message", [("content", Scalar("int"), True)])
    other = page("docs/V1Message.md", "V1Message", [("id", Scalar("str"), True)])
    spec, diags = run([other, a, b])
    assert sorted(m.name for m in spec.models) == ["V1Message", "XV1Message", "YV2Message"]


def test_a_reference_from_a_third_folder_to_a_split_name_is_a_warning() -> None:
    v1 = page("api/v1/Message.md", "Message", [("text", Scalar("str"), True)])
    v2 = page("api/v2/Message.md", "Message", [("content", Scalar("int"), True)])
    chat = page("api/Chat.md", "Chat", [("last", Ref("Message"), True)])
    spec, diags = run([v1, v2, chat])
    assert type_text(model(spec, "Chat").fields[0].type) == "V1Message"
    (w,) = {d for d in codes(diags, "W312")}
    assert "V1Message, V2Message" in w.message and w.origin is not None and w.origin.path == "api/Chat.md"

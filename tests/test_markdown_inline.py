"""Text with no inline syntax skips markdown-it's inline parser: it must read exactly as parsed."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.read.markdown import _INLINE_SYNTAX, _inline, _parse_inline

# what API descriptions hold, every character markdown-it treats specially among them
TEXT = st.text(
    alphabet=st.sampled_from(list("aZ09 \t.,;:'\"()-+=#$%@^{}|/?\u00e9\u2014\\`*_[]!<>&~\n\r\0"))
    | st.characters(),
    max_size=40,
)
# and the syntax itself: entities, code spans, emphasis, escapes, links, images, autolinks, breaks
FRAGMENTS = st.lists(
    st.sampled_from(
        [
            "word",
            " ",
            "&amp;",
            "&#42;",
            "&",
            "`",
            "`code`",
            "*",
            "_",
            "**",
            "\\",
            "\\*",
            "[",
            "]",
            "(u)",
            "!",
            "<",
            ">",
            "<http://x.y>",
            "~~",
            "\n",
            "\r",
            "\0",
            "  \n",
            "é",
        ]
    ),
    max_size=12,
).map("".join)


@settings(max_examples=2000, deadline=None)
@given(TEXT | FRAGMENTS)
@example(" leading and trailing ")
@example("  ")
@example("a  b")
@example("Thing00012's `id` (see [Files](files.md))")
@example("1. not a list")
@example("# not a heading")
@example("--- not a rule")
@example("http://example.com/a_b")
@example("<http://x.y>")
@example("![i](u)")
@example("``a``")
@example("a &amp; b")
@example("a\\*b")
@example("*em*")
@example("_em_")
@example("[t](u)")
@example("a\nb")
@example("a\rb")
@example("a\x00b")
@example("~~s~~")
def test_plain_text_reads_as_parsed(text: str) -> None:
    assert _inline(text) == _parse_inline(text)


def test_the_fast_path_is_taken_for_plain_text() -> None:
    assert _INLINE_SYNTAX.search("The name of the fine-tuned model: see the guide (v2), 100%.") is None
    assert _INLINE_SYNTAX.search("a *b*") is not None

"""A scraped reference page as plain text: read line by line, not as Markdown.

Layout: a title line; the object's description; one paragraph per field, each ending in the
scraped word ``source``; ``OBJECT <title>``; a column of line numbers; the JSON example. The page
never names the field a paragraph describes: the example's top-level keys are the fields, and each
description is given to the key it speaks of, by word overlap solved as one global assignment.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from typing import Optional

from generator.dialects.limits import MAX_EXAMPLE_DEPTH, too_deep
from generator.dialects.prose import collapse, prose_claims
from generator.model import names
from generator.model.claims import DocFragments, EnumFrag, FieldFrag, ObjectFrag
from generator.model.diagnostics import Diagnostic, Origin, error, warning
from generator.model.ir import Example
from generator.read.markdown import Block, Table

NAME = "plain-text"

_SOURCE = re.compile(r"\s*source\s*$")
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset({"a", "an", "at", "by", "for", "in", "is", "of", "on", "or", "the", "to"})
_SUFFIXES = ("ation", "ing", "ed", "ion", "e")


def detect(text: str, blocks: list[Block]) -> bool:
    if any(isinstance(b, Table) for b in blocks):
        return False
    lines = text.split("\n")
    marks = [i for i, ln in enumerate(lines) if ln.startswith("OBJECT ")]
    if not marks:
        return False
    has_json = any(ln.lstrip().startswith("{") for ln in lines[marks[0] + 1 :])
    return has_json and any(_SOURCE.search(ln) for ln in lines[: marks[0]])


def stem(word: str) -> str:
    """Light stemming: ``files``/``file`` → ``fil``, ``created`` → ``creat``, ``tuning`` → ``tun``."""
    w = word.lower()
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        w = w[:-1]
    for suf in _SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            return w[: -len(suf)]
    return w


def words(text: str) -> list[str]:
    return [stem(w) for w in _WORD.findall(text.lower())]


def _key_tokens(key: str) -> list[str]:
    return [stem(t) for t in _WORD.findall(names.camel_to_snake(key).lower()) if t not in _STOP]


def _hit(token: str, desc: list[str]) -> float:
    """1 for an exact stem in the description, 0.5 when a word starts with it (``id`` ↔ identifier)."""
    if token in desc:
        return 1.0
    if len(token) >= 2 and any(w.startswith(token) for w in desc):
        return 0.5
    return 0.0


def _has_phrase(tokens: list[str], desc: list[str]) -> bool:
    n = len(tokens)
    return n >= 2 and any(desc[i : i + n] == tokens for i in range(len(desc) - n + 1))


def score_matrix(keys: list[str], descs: list[str]) -> list[list[float]]:
    """score[k][d]: key words found in the description, weighted by rarity (a word every description
    has, like "fine-tuning job", weighs about 0); a key spelled out as a phrase ("fine-tuned model")
    adds 1. A pair sharing no distinctive word (one found in at most half the descriptions, or two)
    and no phrase scores 0: no match."""
    dwords = [words(d) for d in descs]
    n = len(descs)
    ktoks = [_key_tokens(k) for k in keys]
    df = {t: sum(1 for dw in dwords if _hit(t, dw) > 0) for toks in ktoks for t in toks}
    out: list[list[float]] = []
    for toks in ktoks:
        row: list[float] = []
        for dw in dwords:
            s = 0.0
            distinctive = False
            for t in toks:
                h = _hit(t, dw)
                if h:
                    s += h * math.log((n + 1) / (df[t] + 0.5))
                    distinctive = distinctive or df[t] <= max(2, n // 2)
            phrase = _has_phrase(toks, dw)
            row.append(s + (1.0 if phrase else 0.0) if (distinctive or phrase) else 0.0)
        out.append(row)
    return out


def best_assignment(score: list[list[float]]) -> list[Optional[int]]:
    """For each row, the column it gets (or None) maximising the total score (Hungarian method)."""
    rows = len(score)
    cols = len(score[0]) if rows else 0
    size = max(rows, cols)
    if size == 0:
        return []
    top = max((v for r in score for v in r), default=0.0)
    cost = [[top - (score[i][j] if i < rows and j < cols else 0.0) for j in range(size)] for i in range(size)]
    inf = float("inf")
    u = [0.0] * (size + 1)
    v = [0.0] * (size + 1)
    match = [0] * (size + 1)  # match[column] = row, 1-based, 0 = free
    way = [0] * (size + 1)
    for i in range(1, size + 1):
        match[0] = i
        j0 = 0
        minv = [inf] * (size + 1)
        used = [False] * (size + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = match[j0], inf, 0
            for j in range(1, size + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(size + 1):
                if used[j]:
                    u[match[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if match[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            match[j0] = match[j1]
            j0 = j1
    result: list[Optional[int]] = [None] * rows
    for j in range(1, size + 1):
        i = match[j] - 1
        if i < rows and j - 1 < cols and score[i][j - 1] > 0:
            result[i] = j - 1
    return result


@dataclass(frozen=True)
class _Para:
    text: str
    line: int  # 1-based


def _paragraphs(lines: list[str]) -> list[_Para]:
    out: list[_Para] = []
    buf: list[str] = []
    start = 0
    for i, ln in enumerate([*lines, ""]):
        if ln.strip():
            if not buf:
                start = i + 1
            buf.append(ln.strip())
        elif buf:
            out.append(_Para(" ".join(buf), start))
            buf = []
    return out


def top_level_keys(doc: str) -> list[tuple[str, int]]:
    """(key, offset of its opening quote) for each key of the outer JSON object, in order.

    ``doc`` must be valid JSON (it has been parsed already)."""
    keys: list[tuple[str, int]] = []
    depth = 0
    i = 0
    while i < len(doc):
        ch = doc[i]
        if ch in "{[":
            depth += 1
        elif ch in "}]":
            depth -= 1
            if depth == 0:
                break
        elif ch == '"':
            j = i + 1
            while doc[j] != '"':
                j += 2 if doc[j] == "\\" else 1
            rest = doc[j + 1 :].lstrip()
            if depth == 1 and rest.startswith(":"):
                keys.append((json.loads(doc[i : j + 1]), i))
            i = j
        i += 1
    return keys


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def parse(path: str, text: str, blocks: list[Block]) -> DocFragments:
    lines = text.split("\n")
    diags: list[Diagnostic] = []
    mark = next((i for i, ln in enumerate(lines) if ln.startswith("OBJECT ")), len(lines))
    paras = _paragraphs(lines[:mark])
    title = paras[0].text if paras else lines[mark][len("OBJECT ") :] if mark < len(lines) else ""
    title_line = paras[0].line if paras else mark + 1
    name = names.title_to_class_name(title)
    descs = [_Para(_SOURCE.sub("", p.text), p.line) for p in paras[1:]]
    obj_desc, field_descs = (descs[0].text, descs[1:]) if descs else ("", [])

    start = next((i for i in range(mark + 1, len(lines)) if lines[i].lstrip().startswith("{")), None)
    if start is None:
        diags.append(
            error("E105", "no JSON example after the OBJECT line", Origin(path, min(mark + 1, len(lines)), 1))
        )
        obj = ObjectFrag(name, Origin(path, title_line, 1), NAME, description=collapse(obj_desc))
        return DocFragments(path, NAME, (obj,), (), tuple(diags))
    base = sum(len(ln) + 1 for ln in lines[:start])
    body = text[base:]
    try:
        value, end = json.JSONDecoder().raw_decode(body)
    except json.JSONDecodeError as exc:
        diags.append(
            error(
                "E105", f"example is not valid JSON: {exc.msg}", Origin(path, start + exc.lineno, exc.colno)
            )
        )
        obj = ObjectFrag(name, Origin(path, title_line, 1), NAME, description=collapse(obj_desc))
        return DocFragments(path, NAME, (obj,), (), tuple(diags))
    except RecursionError:  # the decoder itself gives up on very deep input
        value, end = None, 0
    if value is None or too_deep(value):
        msg = f"example nests more than {MAX_EXAMPLE_DEPTH} levels deep"
        diags.append(error("E105", msg, Origin(path, start + 1, 1)))
        obj = ObjectFrag(name, Origin(path, title_line, 1), NAME, description=collapse(obj_desc))
        return DocFragments(path, NAME, (obj,), (), tuple(diags))
    if not isinstance(value, dict):
        diags.append(error("E105", "example is not a JSON object", Origin(path, start + 1, 1)))
        value, end = {}, 0
    keys: list[tuple[str, Origin]] = []
    seen: set[str] = set()
    for key, at in top_level_keys(body[:end]):
        ln, col = _line_col(text, base + at)
        if key in seen:
            diags.append(error("E203", f"duplicate key '{key}' in the example", Origin(path, ln, col)))
            continue
        seen.add(key)
        keys.append((key, Origin(path, ln, col)))

    scores = score_matrix([k for k, _ in keys], [d.text for d in field_descs])
    chosen = best_assignment(scores)
    used = {c for c in chosen if c is not None}
    for j, d in enumerate(field_descs):
        if j not in used:
            first = " ".join(d.text.split()[:6])
            msg = f"description matches no key of the example: '{first}…'"
            diags.append(warning("W308", msg, Origin(path, d.line, 1)))

    fields: list[FieldFrag] = []
    enums: list[EnumFrag] = []
    constant: Optional[str] = None
    for (key, origin), c in zip(keys, chosen, strict=True):
        if c is None:
            fields.append(FieldFrag(key, origin))
            continue
        d = field_descs[c]
        desc = collapse(d.text)
        claims, enum, const = prose_claims(name, key, desc, Origin(path, d.line, 1), NAME)
        if enum is not None:
            enums.append(enum)
        if key == "object" and const is not None:
            constant = const
        fields.append(FieldFrag(key, origin, tuple(claims), desc))
    example = Example(value, Origin(path, start + 1, 1), kind="json")
    obj = ObjectFrag(
        name, Origin(path, title_line, 1), NAME, tuple(fields), collapse(obj_desc), constant, (example,)
    )
    return DocFragments(path, NAME, (obj,), tuple(enums), tuple(diags))

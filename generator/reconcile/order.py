"""Items in dependency order: what an item refers to comes before it, names as the tie-break."""

from __future__ import annotations

from generator.model.ir import EnumDef, Item, Model, UnionDef, refs_of


def _deps(item: Item, known: set[str]) -> list[str]:
    if isinstance(item, Model):
        refs = {r for f in item.fields for r in refs_of(f.type)}
    elif isinstance(item, UnionDef):
        refs = {r for m in item.members for r in refs_of(m)}
    else:
        refs = set()
    return sorted(r for r in refs if r in known and r != item.name)


def dependency_order(items: list[Item]) -> list[Item]:
    """Dependencies first, names as the tie-break; cycles are broken deterministically."""
    by_name = {i.name: i for i in items}
    deps = {i.name: _deps(i, set(by_name)) for i in items}
    done: set[str] = set()
    out: list[Item] = []
    # enums have no dependencies: they come first; then models and unions. An explicit stack, not
    # recursion: a chain of thousands of references must not hit the recursion limit.
    for root in sorted(by_name, key=lambda n: (not isinstance(by_name[n], EnumDef), n)):
        if root in done:
            continue
        on_path = {root}
        stack: list[tuple[str, int]] = [(root, 0)]
        while stack:
            name, i = stack[-1]
            pending = [d for d in deps[name][i:] if d not in done and d not in on_path]
            if pending:
                nxt = pending[0]
                stack[-1] = (name, deps[name].index(nxt) + 1)
                on_path.add(nxt)
                stack.append((nxt, 0))
                continue
            stack.pop()
            on_path.discard(name)
            done.add(name)
            out.append(by_name[name])
    return out

"""Dependency order and cycles: stable, and iterative (any size, any depth)."""

from __future__ import annotations

from ironflow_gen.ordering import dependency_first, on_cycles, reaching, strongly_connected


def test_components_come_after_what_they_reach_and_keep_schema_order() -> None:
    graph = {"c": ["a"], "a": ["b", "d"], "b": ["c"], "d": [], "e": ["e"], "f": ["x"]}
    assert strongly_connected(graph, graph.__getitem__) == [["d"], ["c", "a", "b"], ["e"], ["f"]]


def test_on_cycles_names_self_references_and_members_of_larger_components() -> None:
    graph = {"a": {"b"}, "b": {"a"}, "c": {"c"}, "d": {"a"}}
    assert on_cycles(graph) == {"a", "b", "c"}


def test_reaching_names_the_nodes_with_a_path_to_a_target() -> None:
    graph = {"a": {"b"}, "b": {"a"}, "c": {"d"}, "d": {"a"}, "e": set(), "f": {"e"}}
    assert reaching(graph, {"a"}) == {"a", "b", "c", "d"}
    assert reaching(graph, set()) == set()


def test_a_cycle_through_twenty_thousand_nodes_needs_no_recursion() -> None:
    n = 20_000
    graph = {i: [(i + 1) % n] for i in range(n)}
    assert [len(c) for c in strongly_connected(graph, graph.__getitem__)] == [n]
    chain = {i: [i + 1] if i + 1 < n else [] for i in range(n)}
    assert dependency_first(list(chain), lambda i: i, chain.__getitem__) == list(range(n))[::-1]
    assert reaching(chain, {n - 1}) == set(range(n))


def test_dependency_first_is_stable_and_breaks_a_cycle_where_first_met() -> None:
    deps = {"a": ["c"], "b": [], "c": ["a"], "d": ["b"]}
    assert dependency_first(list(deps), lambda k: k, deps.__getitem__) == ["c", "a", "b", "d"]

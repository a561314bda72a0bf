"""A plan's relevance order over the Whoosh index: tier first, then score, then id.

Every match is scored in full (``required`` plus each named boost) and given its tier
(``search.plan.Plan.tiers``), so that the order is the same whatever page is asked for:
page k+1 starts where page k ended, and an export lists what the pages list.
"""

from __future__ import annotations

import numpy as np

TIER_GAP = 1e7  # above any score: tier * TIER_GAP + score orders as (tier, score) do


def ranked(evaluator, id_rank, plan, scores, final, limit) -> tuple[list, list, list, list]:
    """(document numbers, scores, tiers, parts) of the best ``limit`` matches in ``final``
    (all of them when None); ``parts`` is filled only when the plan asks to explain.

    Every match gets its tier; the boosts are scored on the matches of the tiers that the
    first ``limit`` reach (all of a tier or none of it), since a lower tier never comes
    before them: the same order as scoring every match, for any page."""
    docnums = np.flatnonzero(final)
    tiers = _tiers(evaluator, plan.tiers, docnums, final)
    reached = _reached(tiers, limit)
    within = final
    if not reached.all():
        within = np.zeros_like(final)
        within[docnums[reached]] = True
    parts = {"terms": scores[docnums]}
    for name, node in plan.boosts:  # the reader runs a plan in ``Evaluator.memoized``
        part = evaluator.run(node, within).scores[docnums]
        parts[name] = parts[name] + part if name in parts else part
    total = np.sum(list(parts.values()), axis=0)
    order = _best(tiers, total, id_rank[docnums], limit)
    explained = []
    if plan.explain:
        explained = [
            {name: round(float(values[i]), 4) for name, values in parts.items()}
            for i in order.tolist()
        ]
    return (
        docnums[order].tolist(),
        [round(s, 4) for s in total[order].tolist()],
        tiers[order].tolist(),
        explained,
    )


def _best(tiers: np.ndarray, total: np.ndarray, ranks: np.ndarray, limit: int | None):
    """Indexes of the first ``limit`` by tier, then score (both descending), then id
    rank: those that can be among them found by partition (tier and score as one key,
    which orders as they do), then sorted.

    >>> _best(np.array([0, 2, 2, 1]), np.array([9.0, 1.0, 3.0, 5.0]), np.arange(4), 3)
    array([2, 1, 3])
    """
    if limit is None or limit >= len(total):
        return np.lexsort((ranks, -total, -tiers))[:limit]
    key = tiers * TIER_GAP + total
    kth = np.partition(key, len(key) - limit)[len(key) - limit]
    near = np.flatnonzero(key >= kth)
    return near[np.lexsort((ranks[near], -total[near], -tiers[near]))][:limit]


def _reached(tiers: np.ndarray, limit: int | None) -> np.ndarray:
    """Which matches are in a tier that the first ``limit`` of the order reach.

    >>> _reached(np.array([3, 0, 3, 1, 0]), 2).tolist()
    [True, False, True, False, False]
    >>> _reached(np.array([3, 0, 3, 1, 0]), 3).tolist()
    [True, False, True, True, False]
    """
    if limit is None:
        return np.ones(len(tiers), dtype=bool)
    levels, counts = np.unique(tiers, return_counts=True)  # ascending
    reached, lowest = 0, levels[-1] if len(levels) else 0
    for level, count in zip(levels[::-1].tolist(), counts[::-1].tolist(), strict=True):
        lowest = level
        reached += count
        if reached >= limit:
            break
    return tiers >= lowest


def _tiers(evaluator, nodes, docnums: np.ndarray, final: np.ndarray) -> np.ndarray:
    """Each match's tier: ``len(nodes) - i`` for the first ``nodes[i]`` it matches, else 0.
    Each node is evaluated on the matches no better tier took (a new mask each time: the
    evaluator remembers what it computed over a mask, and narrows it to smaller ones)."""
    tiers = np.zeros(len(docnums), dtype=np.int64)
    undecided = final
    for i, node in enumerate(nodes):
        if not undecided.any():
            break
        matched = evaluator.run(node, undecided).mask & undecided
        tiers[matched[docnums]] = len(nodes) - i
        undecided = undecided & ~matched
    return tiers

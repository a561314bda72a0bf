"""A plan's relevance order over the Whoosh index: tier first, then score, then id.

Every match is scored in full (``required`` plus each named boost) and given its tier
(``search.plan.Plan.tiers``), so that the order is the same whatever page is asked for:
page k+1 starts where page k ended, and an export lists what the pages list.
"""

from __future__ import annotations

import numpy as np


def ranked(evaluator, id_rank, plan, scores, final, limit) -> tuple[list, list, list, list]:
    """(document numbers, scores, tiers, parts) of the best ``limit`` matches in ``final``
    (all of them when None); ``parts`` is filled only when the plan asks to explain."""
    docnums = np.flatnonzero(final)
    parts = {"terms": scores[docnums]}
    for name, node in plan.boosts:  # the reader runs a plan in ``Evaluator.memoized``
        part = evaluator.run(node, final).scores[docnums]
        parts[name] = parts[name] + part if name in parts else part
    tiers = _tiers(evaluator, plan.tiers, docnums, final)
    total = np.sum(list(parts.values()), axis=0)
    order = np.lexsort((id_rank[docnums], -total, -tiers))[:limit]
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


def _tiers(evaluator, nodes, docnums: np.ndarray, final: np.ndarray) -> np.ndarray:
    """Each match's tier: ``len(nodes) - i`` for the first ``nodes[i]`` it matches, else 0.
    Every node is evaluated over all the matches (``final``), so that the terms and
    phrases the tiers and boosts share are computed once (``Evaluator.memoized``)."""
    tiers = np.zeros(len(docnums), dtype=np.int64)
    undecided = final.copy()
    for i, node in enumerate(nodes):
        if not undecided.any():
            break
        matched = evaluator.run(node, final).mask & undecided
        tiers[matched[docnums]] = len(nodes) - i
        undecided &= ~matched
    return tiers

"""Time of the summary's metrics on a large co-mention network.

Makes a random network of N entities and M weighted links (default 10,000 and
200,000, seed 42) and times each metric the summary computes on it, as
``make bench`` does. Run: ``python benchmarks/bench_summary.py [N M]``.
"""

from __future__ import annotations

import random
import sys
import time

import networkx as nx

from nonprolif_kg.summarize import EXACT_BETWEENNESS, SAMPLE_K, SEED


def main(nodes: int, edges: int) -> None:
    g = nx.gnm_random_graph(nodes, edges, seed=SEED)
    rng = random.Random(SEED)
    for a, b in g.edges:
        g.edges[a, b]["weight"] = rng.randint(1, 5)
    steps = {
        "degree": lambda: dict(g.degree(weight="weight")),
        "PageRank": lambda: nx.pagerank(g, weight="weight"),
        f"betweenness (k={SAMPLE_K})": lambda: nx.betweenness_centrality(g, k=SAMPLE_K, seed=SEED),
        "components": lambda: list(nx.connected_components(g)),
        "Louvain": lambda: nx.community.louvain_communities(g, weight="weight", seed=SEED),
    }
    print(
        f"| metric ({nodes:,} nodes, {edges:,} edges; exact betweenness up to "
        f"{EXACT_BETWEENNESS:,} nodes) | seconds |"
    )
    print("| --- | ---: |")
    for name, step in steps.items():
        start = time.perf_counter()
        step()
        print(f"| {name} | {time.perf_counter() - start:.2f} |", flush=True)


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:]]
    main(*(args or [10_000, 200_000]))

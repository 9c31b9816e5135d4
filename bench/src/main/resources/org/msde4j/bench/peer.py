"""Runs the MSDE authors' published medical pipeline for msde-bench peer (nothing of theirs is copied here).

Usage: python3 peer.py AUTHORS_CODE_DIR DATA_DIR

AUTHORS_CODE_DIR holds their repository (msde/msde.py); DATA_DIR holds train.npy and test.npy written
by msde-bench. After a warm-up that compiles their numba code, it reads one command per line from
standard input, "exact" or "shipped", runs MSDE(...).fit(train) then predict_score(test) (the
transductive run on the stacked rows, as their scripts/run_msde.py drives it) and prints
"RESULT fit_seconds predict_seconds peak_rss_bytes".

"shipped" runs their code as published (approximate NN-Descent kNN). "exact" replaces both of its
neighbour searches by an exact brute-force one, as the reference fixtures were made: scikit-learn's
brute-force search for k + 20 candidates, their distances recomputed in float64 and ranked by
(distance, row index), each row its own first neighbour.
"""
import importlib
import os
import resource
import sys
import time

import numpy as np
from sklearn.neighbors import NearestNeighbors

EXTRA = 20


def exact_knn(x, k):
    """The k nearest rows of every row (itself first), by float64 distance, ties to the lower index."""
    x = np.asarray(x, dtype=np.float64)
    n = len(x)
    m = min(n, k + EXTRA)
    candidates = NearestNeighbors(n_neighbors=m, algorithm="brute").fit(x).kneighbors(x, return_distance=False)
    indices = np.empty((n, k), dtype=np.int64)
    distances = np.empty((n, k), dtype=np.float64)
    for i in range(n):
        c = candidates[i]
        d = np.sqrt(((x[c] - x[i]) ** 2).sum(axis=1))
        d[c == i] = -1.0
        order = np.lexsort((c, d))[:k]
        indices[i] = c[order]
        distances[i] = np.maximum(d[order], 0.0)
    return indices, distances


class ExactIndex:
    """Stands in for pynndescent.NNDescent with an exact neighbour graph."""

    def __init__(self, data, n_neighbors=30, **_):
        self.neighbor_graph = exact_knn(data, n_neighbors)


def exact_nearest_neighbors(x, n_neighbors, *args, **kwargs):
    """Stands in for umap's nearest_neighbors: exact indices, float32 distances, no search forest."""
    indices, distances = exact_knn(x, n_neighbors)
    return indices, distances.astype(np.float32), None


def main():
    code, data = sys.argv[1], sys.argv[2]
    sys.path.insert(0, code)
    msde = importlib.import_module("msde.msde")
    shipped = (msde.NNDescent, msde.nearest_neighbors)
    train = np.load(os.path.join(data, "train.npy")).astype(np.float64)
    test = np.load(os.path.join(data, "test.npy")).astype(np.float64)

    def run(mode, x, t):
        msde.NNDescent, msde.nearest_neighbors = shipped if mode == "shipped" else (ExactIndex, exact_nearest_neighbors)
        model = msde.MSDE(seed=42)
        t0 = time.perf_counter()
        model.fit(x)
        t1 = time.perf_counter()
        model.predict_score(t)
        t2 = time.perf_counter()
        return t1 - t0, t2 - t1

    for mode in ("shipped", "exact"):
        run(mode, train[:300], test[:100])
    print("READY", flush=True)
    for line in sys.stdin:
        mode = line.strip()
        if mode not in ("exact", "shipped"):
            continue
        fit, predict = run(mode, train, test)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        print(f"RESULT {fit} {predict} {peak}", flush=True)


if __name__ == "__main__":
    main()

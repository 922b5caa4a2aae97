"""model.engine.cohorts.unique_rows: the distinct rows of a batch table, as np.unique(axis=0) finds
them, in order of first occurrence, with each row's first index and inverse."""
from __future__ import annotations

import numpy as np
import pytest

from model.engine.cohorts import unique_rows


@pytest.mark.parametrize("seed, shape, values", [(0, (500, 3), 4), (1, (7, 41), 2), (2, (1, 5), 3),
                                                 (3, (200, 1), 1)])
def test_same_rows_as_numpy(seed, shape, values):
    table = np.random.default_rng(seed).integers(0, values, shape).astype(float) * 0.25
    first, inverse = unique_rows(table)
    expected = np.unique(table, axis=0)
    assert len(first) == len(expected)
    assert sorted(map(tuple, table[first])) == sorted(map(tuple, expected))
    np.testing.assert_array_equal(table[first][inverse], table)         # every row's distinct row
    assert list(first) == sorted(first)                                 # order of first occurrence
    assert all(inverse[f] == k and (inverse[:f] != k).all() for k, f in enumerate(first))


def test_a_view_with_strides_is_read_as_values():
    base = np.arange(12.0).reshape(3, 4)
    table = np.concatenate([base, base[::-1]], axis=0)[:, ::2]          # not contiguous
    first, inverse = unique_rows(table)
    assert list(first) == [0, 1, 2] and list(inverse) == [0, 1, 2, 2, 1, 0]

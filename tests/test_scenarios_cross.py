"""Cross-lever checks on a merged scenario."""
import pytest

from model.errors import InputError
from model.scenarios.library import scenario_from_levers


def test_retirement_shares_cannot_exceed_the_cohort():
    with pytest.raises(InputError) as err:
        scenario_from_levers("too_many", {"retirement.early_share": 0.6, "retirement.late_share": 0.5})
    assert "三个退休比例之和超过 1" in str(err.value)
    assert "the three retirement shares add up to more than 1" in str(err.value)
    # 0.6 + 0.3 + the default short share 0.10 is exactly the whole cohort: allowed
    scenario_from_levers("whole_cohort", {"retirement.early_share": 0.6, "retirement.late_share": 0.3})

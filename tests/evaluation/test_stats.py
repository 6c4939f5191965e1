import math

import pytest

from evaluation.stats import paired_change, reliable_change_threshold, t_cdf, t_quantile


@pytest.mark.parametrize(
    ("df", "expected"),
    [(1, 12.7062), (2, 4.3027), (5, 2.5706), (10, 2.2281), (30, 2.0423), (100, 1.9840)],
)
def test_t_quantile_matches_published_tables(df, expected):
    assert t_quantile(0.975, df) == pytest.approx(expected, abs=1e-4)


def test_t_quantile_is_symmetric_and_inverts_the_cdf():
    assert t_quantile(0.025, 7) == pytest.approx(-t_quantile(0.975, 7))
    assert t_cdf(t_quantile(0.9, 12), 12) == pytest.approx(0.9, abs=1e-10)
    assert t_cdf(0.0, 3) == 0.5


def test_t_quantile_refuses_nonsense():
    with pytest.raises(ValueError, match="between 0 and 1"):
        t_quantile(1.0, 5)


def test_paired_change_ci_and_d_z_worked_by_hand():
    # Changes 10, 20, 30: mean 20, SD 10, n 3; t(0.975, 2) = 4.3027;
    # half-width 4.3027 * 10 / sqrt(3) = 24.841; d_z = 20 / 10 = 2.
    change = paired_change(3, 20.0, 10.0)

    assert change.ci_low == pytest.approx(20 - 24.8414, abs=1e-3)
    assert change.ci_high == pytest.approx(20 + 24.8414, abs=1e-3)
    assert change.d_z == 2.0


def test_paired_change_needs_two_fellows_for_an_interval():
    change = paired_change(1, 12.0, None)

    assert (change.ci_low, change.ci_high, change.d_z) == (None, None, None)


def test_reliable_change_threshold_worked_by_hand():
    # SD 10, r 0.8: SEM = 10 * sqrt(0.2) = 4.472; S_diff = sqrt(2) * 4.472 = 6.325;
    # 1.96 * 6.325 = 12.396.
    assert reliable_change_threshold(10.0) == pytest.approx(
        1.96 * math.sqrt(2) * 10 * math.sqrt(0.2)
    )
    assert reliable_change_threshold(10.0) == pytest.approx(12.396, abs=1e-3)
    assert reliable_change_threshold(0.0) is None

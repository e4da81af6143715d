"""Peer regions (KMeans by silhouette, nearest neighbours) and the aftercare frame."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import StandardScaler

from analysis.aftercare import AFTERCARE_COLUMNS, aftercare_frame, aftercare_tidy
from analysis.peers import PROFILE, find_peers, profile_frame
from etl.synthetic import synthetic_store


def test_peer_groups_choose_k_by_silhouette():
    store = synthetic_store(n_regions=12)
    peers = find_peers(store, "arbeidsmarktregio", "2023")
    assert peers.k in range(2, 9) and set(peers.silhouette) <= set(range(2, 9))
    assert peers.k == max(peers.silhouette, key=lambda k: (round(peers.silhouette[k], 12), -k))
    x = StandardScaler().fit_transform(profile_frame(store, "arbeidsmarktregio", "2023")[list(PROFILE)])
    labels = KMeans(peers.k, random_state=0, n_init=10).fit(x).labels_
    assert silhouette_score(x, labels) == pytest.approx(peers.silhouette[peers.k], abs=1e-12)
    groups = peers.groups["peer_group"]
    assert set(groups) == set(range(1, peers.k + 1))
    # group 1 has the highest mean standardised profile
    means = pd.Series(x.mean(axis=1)).groupby(groups.to_numpy()).mean()
    assert means.idxmax() == 1


def test_neighbours_exclude_self_sorted_by_distance():
    peers = find_peers(synthetic_store(), "arbeidsmarktregio", "2023")
    for code in peers.groups["region_code"]:
        near = peers.neighbours_of(code)
        assert len(near) == 5 and code not in [p["region_code"] for p in near]
        distances = [p["distance"] for p in near]
        assert distances == sorted(distances) and all(d >= 0 for d in distances)


def test_peers_are_deterministic_and_skip_incomplete_regions():
    store = synthetic_store(missing=[("AM03", "youth_benefit_share", "2023")])
    a, b = find_peers(store, "arbeidsmarktregio", "2023"), find_peers(store, "arbeidsmarktregio", "2023")
    pd.testing.assert_frame_equal(a.groups, b.groups)
    assert a.neighbours == b.neighbours
    assert a.group_of("AM03") is None and a.neighbours_of("AM03") == []
    assert all("AM03" not in [p["region_code"] for p in v] for v in a.neighbours.values())


def test_peers_default_to_latest_period_and_gemeente_level():
    store = synthetic_store()
    assert find_peers(store).period == "2024"
    gm = find_peers(store, "gemeente", "2023")
    assert gm.groups["peer_group"].notna().all() and len(gm.groups) == 24


def test_aftercare_frame():
    store = synthetic_store()
    frame = aftercare_frame(store, "arbeidsmarktregio", "2023")
    assert list(frame.columns) == AFTERCARE_COLUMNS and len(frame) == 8
    assert (frame["school_year"] == "2022/2023").all()
    assert frame["neet_count"].is_monotonic_decreasing
    np.testing.assert_allclose(frame["share_of_national_neet"].sum(), 100.0)
    obs = store.observations
    esl = obs[(obs["indicator"] == "early_school_leavers") & (obs["period"] == "2022/2023")].set_index("region_code")
    row = frame.set_index("region_code").loc["AM01"]
    assert row["early_school_leavers"] == esl.loc["AM01", "value"]
    assert aftercare_frame(store, "arbeidsmarktregio")["period"].iloc[0] == "2024"
    tidy = aftercare_tidy(store, "gemeente", "2023")
    assert set(tidy.columns) == {"region_code", "region_name", "period", "school_year", "measure", "value"}
    assert len(tidy) == 24 * 7


def test_stored_peer_tables_give_back_the_same_peers():
    """What the ETL build stores (analysis.peer_table) reads back as the peers find_peers computed."""
    from analysis.peer_table import peer_tables, peers_from_tables
    from analysis.peers import all_peers

    store = synthetic_store()
    groups, neighbours = all_peers(store)
    for level in ("arbeidsmarktregio", "gemeente"):
        computed = find_peers(store, level, "2023")
        read = peers_from_tables(groups, neighbours, level, "2023")
        assert read.k == computed.k and read.level == level and read.period == "2023"
        assert read.groups.reset_index(drop=True).equals(computed.groups.reset_index(drop=True))
        assert read.neighbours == computed.neighbours
    again = peer_tables([find_peers(store, "arbeidsmarktregio", "2023")])
    assert len(again[0]) == len(store.regions[store.regions["region_level"] == "arbeidsmarktregio"])
    empty = peers_from_tables(groups, neighbours, "gemeente", "1999")
    assert empty.groups.empty and empty.neighbours == {} and empty.k is None

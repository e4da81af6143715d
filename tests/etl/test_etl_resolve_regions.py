"""Resolving the catalogue against a table's code lists, and which region codes the store keeps."""

from __future__ import annotations

import pandas as pd
import pytest
from etlsupport import RAW

from etl.build import load_division
from etl.catalog import TOTAL, editions, source
from etl.extract import ExtractError, v3_catalog
from etl.snapshot import current_snapshot
from etl.transform.reference import division_regions, parse_regions
from etl.transform.regions import (
    NOT_ASSIGNABLE,
    OTHER_LEVEL,
    RETIRED,
    UNKNOWN,
    drop_reason,
    parse_region_code,
    split_by_division,
)
from etl.transform.resolve import RawShapeError, resolve_periods, resolve_spec
from etl.transform.tables import prefer_newest_edition


def records(*rows: tuple[str, str]) -> dict[str, dict]:
    return {code: {"Identifier": code, "Title": title} for code, title in rows}


RMC_CODES = [f"MC{n:02d}" for n in (*range(1, 14), *range(15, 42))]        # MC14 Arnhem/Nijmegen was split
UITKERING = records(("T001420", "Totaal met of zonder uitkering"), ("A025281", "Met uitkering"),
                    ("A025282", "Zonder uitkering"))


# --- totals and titles -------------------------------------------------------------------------------------
@pytest.mark.parametrize(("rows", "code"), [
    (UITKERING, "T001420"),
    (records(("T001038", "Totaal mannen en vrouwen"), ("3000", "Mannen"), ("4000", "Vrouwen")), "T001038"),
    (records(("A1", "Onderwijsvolgend"), ("T009", "Totaal wel/niet onderwijsvolgend")), "T009"),
    (records(("T001144", "  totaal ")), "T001144"),                       # CBS exports pad titles; case ignored
])
def test_the_total_is_the_t_key_titled_totaal(rows: dict, code: str) -> None:
    assert resolve_spec(TOTAL, rows, "Uitkering", "86087NED") == code


@pytest.mark.parametrize(("rows", "needles"), [
    (records(("10000", "Totaal"), ("41600", "Jonger dan 27 jaar")), ["found 0 times", "candidates: 10000 'Totaal'"]),
    (records(("T1", "Totaal"), ("T2", "Totaal met of zonder uitkering")), ["found 2 times", "T1 'Totaal'", "T2 "]),
    (records(("A1", "Met uitkering")), ["found 0 times", "candidates: none"]),
])
def test_no_or_several_totals_fail_listing_candidates(rows: dict, needles: list[str]) -> None:
    with pytest.raises(RawShapeError) as info:
        resolve_spec(TOTAL, rows, "Uitkering", "86087NED")
    assert str(info.value).startswith("86087NED: Uitkering total (key T..., title Totaal...) ")
    for needle in needles:
        assert needle in str(info.value)


def test_titles_accept_documented_variants_only() -> None:
    spec = "title:Met uitkering|Met een uitkering"
    assert resolve_spec(spec, UITKERING, "Uitkering", "86087NED") == "A025281"
    assert resolve_spec(spec, records(("A9", "MET EEN  uitkering")), "Uitkering", "t") == "A9"
    with pytest.raises(RawShapeError) as info:
        resolve_spec(spec, records(("A9", "Uitkering ontvangend"), ("T1", "Totaal")), "Uitkering", "86087NED")
    assert "found 0 times; the table has: A9 'Uitkering ontvangend'; T1 'Totaal'" in str(info.value)


def test_period_floor_is_resolved_from_the_code_list() -> None:
    years = records(*[(f"{y}JJ00", str(y)) for y in range(2005, 2024)])
    assert resolve_periods(years, 2017, "86087NED") == tuple(f"{y}JJ00" for y in range(2017, 2024))
    school = records(("2015SJ16", ""), ("2016SJ17", ""), ("2017SJ18", ""))
    assert resolve_periods(school, 2016, "84780NED") == ("2016SJ17", "2017SJ18")
    with pytest.raises(RawShapeError, match="no period from 2030 on"):
        resolve_periods(years, 2030, "86087NED")
    assert resolve_periods(years, None, "86087NED") == ()


def test_the_catalogue_keeps_editions_together() -> None:
    assert [s.table_id for s in editions("86087NED")] == ["86087NED", "86223NED"]
    old, new = source("86087NED"), source("86223NED")
    assert new.newer_edition_of == "86087NED"
    assert [s.dimensions for s in old.slices] == [s.dimensions for s in new.slices]     # the same dimension ids
    # every year of both editions (2005 on); the build prefers the newer edition per year
    assert {s.periods_from for s in (*old.slices, *new.slices)} == {None}
    assert all(s.optional for s in new.slices) and not any(s.optional for s in old.slices)
    assert [s.name for s in old.slices if s.demo] == ["neet", "benefit"]


def test_prefer_newest_edition_per_period() -> None:
    def frame(table: str, periods: list[str]) -> pd.DataFrame:
        return pd.DataFrame({"region": "NL01", "period": periods, "source_table": table, "Value": 1.0})
    frames = {"total": pd.concat([frame("86087NED", ["2022", "2023"]), frame("86223NED", ["2023", "2024"])]),
              "neet": pd.concat([frame("86087NED", ["2022", "2023"]), frame("86223NED", ["2024"])])}
    kept = prefer_newest_edition(frames, ("86087NED", "86223NED"))
    assert kept["total"].set_index("period")["source_table"].to_dict() == {"2022": "86087NED", "2023": "86223NED",
                                                                          "2024": "86223NED"}
    # 2023 comes from the newest edition for every slice, so a share never mixes editions (neet has none for it)
    assert kept["neet"].set_index("period")["source_table"].to_dict() == {"2022": "86087NED", "2024": "86223NED"}


def test_v3_catalog_from_base_url() -> None:
    assert v3_catalog(None) == (None, True)
    assert v3_catalog("http://127.0.0.1:8123/odata/v1/CBS") == ("127.0.0.1:8123", False)
    assert v3_catalog("https://example.org/odata/v1/CBS") == ("example.org", True)
    with pytest.raises(ExtractError):
        v3_catalog("127.0.0.1:8123")


# --- the division and what is dropped -----------------------------------------------------------------------
def test_the_cbs_division_has_the_current_regions_and_knows_the_retired_ones() -> None:
    division, snap = load_division(RAW)
    assert division.year == 2026 and snap.manifest["division_year"] == 2026 and not snap.is_demo
    gm = division.gemeenten
    assert len(gm) == 342 and gm["arbeidsmarktregio_code"].nunique() == 35 and gm["province_code"].nunique() == 12
    assert gm["corop_code"].nunique() == 40
    assert {"AM04", "AM16", "AM31"} <= set(division.retired) and "AM99" not in division.retired
    assert division.retired["GM0003"] == "Appingedam"                    # merged into Eemsdelta in 2021
    assert division.retired["MC14"] == "Arnhem/Nijmegen"                 # split into MC40 and MC41
    assert not set(division.retired) & division.codes
    assert gm["rmc_code"].nunique() == 40 and sorted(gm["rmc_code"].unique()) == RMC_CODES
    assert max(division.rmc_years) == 2025


def test_the_geography_carries_former_gemeenten_onto_todays() -> None:
    """Where former gemeenten went (gemeente_successors.csv): a merger has one successor, a split several; every
    successor is a gemeente of today; a former gemeente's lifetime ends in its last year."""
    division, _ = load_division(RAW)
    geo = division.geography()
    today = set(geo.gemeenten)
    assert len(today) == 342 and not set(geo.successors) & today
    assert all(set(parts) <= today and parts for parts in geo.successors.values())
    assert geo.successors["GM0457"] == ("GM0363",)                        # Weesp -> Amsterdam (2022)
    assert geo.successors["GM0003"] == geo.successors["GM0010"] == ("GM1979",)   # Appingedam, Delfzijl -> Eemsdelta
    assert len(geo.successors["GM0053"]) == 2                             # Winsum: split
    assert geo.existed("GM0003", 2020) and not geo.existed("GM0003", 2021)
    assert geo.existed("GM1979", 2021) and not geo.existed("GM1979", 2020)
    assert geo.existed("GM0363", 2005)
    assert geo.targets("arbeidsmarktregio")["GM0053"] == ("AM01",)         # both parts in Groningen (AM)
    assert geo.targets("rmc")["GM0053"] == ("MC02", "MC03")                 # but in two RMC regions
    assert geo.parent_of("land")["GM0363"] == "NL01" and geo.parent_of("rmc")["GM0363"] == "MC21"
    assert geo.name("GM0457") == "Weesp" and geo.name("GM0363") == "Amsterdam"


def test_cbs_division_and_boundary_derived_division_agree_for_all_342() -> None:
    """The README's claim, checked: the CBS division (86247NED) and the boundary-derived table give each gemeente
    the same arbeidsmarktregio (names may differ only where the derived table has an older title).  The RMC regions
    are CBS's alone (no boundaries of their own: dissolved from the gemeenten)."""
    division, _ = load_division(RAW)
    cbs = division_regions(division).set_index("region_code")
    derived = parse_regions(current_snapshot(RAW, "gebieden-2025", "afgeleid")).set_index("region_code")
    gm = cbs[cbs["region_level"] == "gemeente"]
    assert len(gm) == 342
    assert (derived.loc[gm.index, "parent_code"] == gm["parent_code"]).all()
    assert sorted(derived.index) == sorted(cbs.index[cbs["region_level"] != "rmc"])
    rmc = cbs[cbs["region_level"] == "rmc"]
    assert sorted(rmc.index) == RMC_CODES and (rmc["parent_code"] == "NL01").all()
    assert set(gm["rmc_code"]) == set(rmc.index)                     # every RMC region has gemeenten


@pytest.mark.parametrize(("code", "reason"), [
    ("LD01", OTHER_LEVEL), ("PV20", OTHER_LEVEL), ("CR40", OTHER_LEVEL),
    ("AM99", NOT_ASSIGNABLE), ("PV99", NOT_ASSIGNABLE), ("GM9999", NOT_ASSIGNABLE),
    ("AM04", RETIRED), ("GM0003", RETIRED),
    ("GM9998", UNKNOWN), ("AM39", UNKNOWN), ("GM0199", UNKNOWN),
])
def test_why_a_region_code_is_dropped(code: str, reason: str) -> None:
    assert drop_reason(parse_region_code(code), {"AM04": "IJsselvechtstreek", "GM0003": "Appingedam"}) == reason


def test_split_by_division_counts_every_dropped_row() -> None:
    frame = pd.DataFrame({"region": ["NL01", "AM01", "AM04", "AM04", "PV20", "GM9998", "GM0014"]})
    kept, dropped = split_by_division(frame, {"NL01", "AM01", "GM0014"}, {"AM04": "IJsselvechtstreek"})
    assert kept["region"].tolist() == ["NL01", "AM01", "GM0014"]
    assert dropped.codes == {"AM04": (RETIRED, 2), "PV20": (OTHER_LEVEL, 1), "GM9998": (UNKNOWN, 1)}
    assert dropped.rows == 4 and dropped.unknown == ["GM9998"]
    assert dropped.as_manifest()["codes"]["AM04"] == {"reason": RETIRED, "rows": 2}
    assert "dropped 3 region code(s), 4 rows" in dropped.describe()

"""The declared sources and indicators: one entry per CBS table, declared once.

Everything the ETL and the dashboard know about a CBS table (its id, title, the
slices we fetch, its measures and dimension codes) and about an indicator
(titles, definitions, unit, direction) lives here.  Codes that could not be
verified against a genuine CBS response are listed in ``docs/sources.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.nl"
ATTRIBUTION = "Bron: CBS (Centraal Bureau voor de Statistiek), StatLine, CC BY 4.0"
EUROSTAT_LICENCE = "Eurostat: hergebruik toegestaan met bronvermelding / reuse authorised with acknowledgement"
EUROSTAT_LICENCE_URL = "https://ec.europa.eu/eurostat/about-us/policies/copyright"
GEO_ATTRIBUTION = "Grenzen: CBS/PDOK, CBS Gebiedsindelingen (gegeneraliseerd), via cartomap/nl"
DEMO_ATTRIBUTION = "Demo — geen CBS-cijfers / demo — not CBS figures; vorm naar CBS-tabel {table_id}"
V4_BASE = "https://datasets.cbs.nl/odata/v1/CBS"
STATLINE_URL = "https://opendata.cbs.nl/#/CBS/nl/dataset/{table_id}/table"
EUROSTAT_URL = "https://ec.europa.eu/eurostat/api/dissemination/sdmx/2.1/data"

# Category specs in a slice or measure list (resolved against the table's own code lists by
# etl.transform.resolve):
#   "T001038"          a code as CBS writes it (verified codes only)
#   TOTAL              the dimension's total: key starting with "T" and title starting with "Totaal"
#   "title:A|B"        the one category titled A or B (case and spacing ignored): documented variants
TOTAL = "total"


def attribution(table_id: str, is_demo: bool) -> str:
    """The credit line of one source: "Bron: CBS" only for genuine CBS figures, "Bron: Eurostat" for Eurostat's."""
    if is_demo:
        return DEMO_ATTRIBUTION.format(table_id=table_id)
    if publisher(table_id) == "Eurostat":
        return f"Bron: Eurostat, dataset {table_id} (op basis van CBS-gegevens) / Source: Eurostat; {EUROSTAT_LICENCE}"
    return f"Bron: CBS, tabel {table_id}, {LICENCE}"


def publisher(table_id: str) -> str:
    """Who publishes ``table_id`` ("CBS" or "Eurostat"); "CBS" for a table the catalogue does not know."""
    for s in SOURCES:
        if s.table_id.lower() == table_id.lower():
            return s.publisher
    return "CBS"


@dataclass(frozen=True)
class DownloadColumn:
    """One column of a table's CSV download: its key (v4 dimension id, v3 measure key or SDMX column) and how
    StatLine titles it (measures: ``title (unit)``)."""

    key: str
    title: str
    unit: str = ""
    decimals: int = 0


@dataclass(frozen=True)
class DownloadLayout:
    """How a CSV download of a table is read (:mod:`etl.download`) and its titles resolved (:mod:`etl.importer`)."""

    dimensions: tuple[DownloadColumn, ...]       # every dimension, the region and period ones included
    measures: tuple[DownloadColumn, ...]
    region_dim: str = "RegioS"
    codes: dict[str, dict[str, str]] = field(default_factory=dict)   # dimension -> title -> code, where known
    groupings: tuple[str, ...] = ()              # region titles that group gemeenten by a trait: not regions
    attributes: tuple[str, ...] = ()             # other columns, kept in the snapshot's lines only


@dataclass(frozen=True)
class Rounding:
    """How CBS rounds a table's counts at one level: to ``unit`` persons, or (``summed_from``) a level the
    ETL computes by summing counts of ``summed_from`` regions, each rounded to ``unit``."""

    unit: int
    summed_from: str | None = None


@dataclass(frozen=True)
class Slice:
    """One filtered fetch of a table; its raw files live in ``data/raw/<table_id>/<name>/``."""

    name: str
    dimensions: dict[str, tuple[str, ...]]       # dimension -> specs (see TOTAL above; empty: all codes)
    region_prefixes: tuple[str, ...] = ()        # region codes starting with these ("NL01": exactly)
    demo: bool = False                           # the shipped snapshot of this slice is demo
    periods_from: int | None = None              # only periods starting in this year or later
    measures: dict[str, str] | None = None       # measure spec -> role, when not the table's (Source.measures)
    optional: bool = False                       # nothing shipped: a refresh fetches it; the build skips it until then

    def odata_filter(self, codes: dict[str, tuple[str, ...]], region_dim: str = "RegioS",
                     periods: tuple[str, ...] = ()) -> str:
        """The v4 ``$filter`` for this slice, given its dimension specs (and period floor) resolved to codes."""
        parts = []
        for dim, values in codes.items():
            if values:
                parts.append("(" + " or ".join(f"{dim} eq '{c}'" for c in values) + ")")
        if self.region_prefixes:
            parts.append("(" + " or ".join(
                f"{region_dim} eq '{p}'" if len(p) > 2 else f"startswith({region_dim},'{p}')"
                for p in self.region_prefixes) + ")")
        if periods:
            parts.append("(" + " or ".join(f"Perioden eq '{p}'" for p in periods) + ")")
        return " and ".join(parts)


@dataclass(frozen=True)
class Source:
    table_id: str
    title: str
    kind: str                                    # cbs_v4 | cbs_v3 | cbs_csv | eurostat | division | geometry
    slices: tuple[Slice, ...]
    measures: dict[str, str]                     # measure spec -> role
    feeds: tuple[str, ...]
    note: str = ""
    region_dim: str = "RegioS"
    reference_month: int | None = None           # yearly figures describe this month (period_start)
    rounding: dict[str, Rounding] = field(default_factory=dict)   # level -> how CBS rounds its counts
    point_estimate: tuple[str, str] | None = None  # (dimension, code) of the value when a margin dim is fetched
    newer_edition_of: str | None = None          # the build prefers this table's periods over the older one's
    division_year: int | None = None             # for kind "division"
    used_for: str = ""                           # what the store takes from it (manifest)
    publisher: str = "CBS"
    download: DownloadLayout | None = None       # how a CSV download of it is imported (etl import-csv)
    gemeente_division: int | str | None = None   # gemeente rows on: today's division (None), their own period's
                                                 # ("period", 84780NED) or one year's (82859NED: 2014)
    stands_in_for: str | None = None             # a table whose figures replace this one's wherever it has them

    @property
    def url(self) -> str:
        if self.kind == "cbs_v3":
            return f"https://opendata.cbs.nl/ODataFeed/odata/{self.table_id}"
        if self.kind == "eurostat":
            return f"{EUROSTAT_URL}/{self.table_id}"
        return f"{V4_BASE}/{self.table_id}"

    @property
    def statline_url(self) -> str:
        if self.kind == "eurostat":
            return f"https://ec.europa.eu/eurostat/databrowser/view/{self.table_id}/default/table"
        return STATLINE_URL.format(table_id=self.table_id)

    def slice(self, name: str) -> Slice:
        for sl in self.slices:
            if sl.name == name:
                return sl
        raise KeyError(f"{self.table_id} has no slice {name!r}; its slices: {', '.join(s.name for s in self.slices)}")

    def slice_measures(self, slice_: Slice) -> dict[str, str]:
        return slice_.measures if slice_.measures is not None else self.measures

    @property
    def fetchable(self) -> bool:
        return self.kind in ("cbs_v4", "cbs_v3")


@dataclass(frozen=True)
class Indicator:
    id: str
    title_nl: str
    title_en: str
    definition_nl: str
    definition_en: str
    unit: str                                    # percent | per_1000 | persons | x1000
    source_tables: tuple[str, ...]
    higher_is_more_need: bool | None
    levels: tuple[str, ...]
    computation_nl: str
    computation_en: str


# --- 86087NED / 86223NED ------------------------------------------------------------------------
# The v4 category codes of these tables could not be verified offline (docs/sources.md), so the
# slices name categories by rule (TOTAL) or by their documented CBS titles; extract and transform
# resolve them against the table's own code lists and fail listing the candidates when they do not.
NOT_IN_EDUCATION = "title:Niet onderwijsvolgend|Niet-onderwijsvolgend"
NOT_WORKING = "title:Arb.pos.: niet-werkzame bevolking|Arb.pos.: niet werkzame bevolking|Niet-werkzame bevolking"
WITH_BENEFIT = "title:Met uitkering|Met een uitkering"
UWV_REGISTERED = "title:Geregistreerd werkzoekende bij UWV|Geregistreerd werkzoekend bij UWV"
YOUTH_MEASURE = "title:Jongeren (15 tot 27 jaar)|Jongeren 15 tot 27 jaar"

YOUTH_DIMS = ("Onderwijsvolgend", "Arbeidskenmerken", "Uitkering", "GeregistreerdWerkzoekendeBijUWV")
YOUTH_COMBOS: dict[str, tuple[str, str, str, str]] = {
    "total": (TOTAL, TOTAL, TOTAL, TOTAL),
    "neet": (NOT_IN_EDUCATION, NOT_WORKING, TOTAL, TOTAL),
    "benefit": (TOTAL, TOTAL, WITH_BENEFIT, TOTAL),
    "jobseeker": (TOTAL, TOTAL, TOTAL, UWV_REGISTERED),
}
YOUTH_ROUNDING = {"land": Rounding(100), "arbeidsmarktregio": Rounding(100), "rmc": Rounding(100),
                  "gemeente": Rounding(100)}
YOUTH_FEEDS = ("youth_population", "neet_share", "neet_count", "youth_jobseeker_rate", "youth_jobseekers",
               "youth_benefit_share")
# The categories of CBS's youth table as StatLine titles them (the download names categories by title).
YOUTH_DOWNLOAD = DownloadLayout(
    dimensions=(DownloadColumn("Onderwijsvolgend", "Onderwijsvolgend"),
                DownloadColumn("Arbeidskenmerken", "Arbeidskenmerken"),
                DownloadColumn("Uitkering", "Uitkering"),
                DownloadColumn("GeregistreerdWerkzoekendeBijUWV", "Geregistreerd werkzoekende bij UWV"),
                DownloadColumn("RegioS", "Regio's"), DownloadColumn("Perioden", "Perioden")),
    measures=(DownloadColumn("Jongeren15Tot27Jaar_1", "Jongeren (15 tot 27 jaar)", "aantal"),),
)


def _youth_slices(demo: tuple[str, ...] = (), optional: bool = False) -> tuple[Slice, ...]:
    """All regions (CBS's own Nederland, landsdeel, provincie, COROP, arbeidsmarktregio and gemeente rows) and all
    years; the build keeps the regions of the current division and counts the others."""
    return tuple(Slice(combo, dict(zip(YOUTH_DIMS, tuple((c,) for c in specs), strict=True)), demo=combo in demo,
                       optional=optional)
                 for combo, specs in YOUTH_COMBOS.items())


# Gemeenten that group others by size, in 84780NED's region list: not regions.
VSV_GROUPINGS = ("Gemeenten < 100 000 inwoners", "Gemeenten >= 100 000 inwoners (ecl. G4)", "Vier grote gemeenten (4)")
CBS_GESLACHT = {"Totaal mannen en vrouwen": "T001038", "Mannen": "3000", "Vrouwen": "4000"}   # CBS's codes (L)

SOURCES: tuple[Source, ...] = (
    Source(
        table_id="80590ned",
        title="Arbeidsdeelname en werkloosheid per maand",
        kind="cbs_v4",
        slices=(
            Slice("totaal-15-75", {"Geslacht": ("T001038",), "Leeftijd": ("52052",)}),
            Slice("totaal-15-25", {"Geslacht": ("T001038",), "Leeftijd": ("53050",)}, optional=True,
                  measures={"M004210": "rate", "D001875": "unemployed_x1000", "D002308": "labour_force_x1000"}),
        ),
        measures={"M001906_2": "rate", "3000800_2": "unemployed_x1000", "3000790_2": "labour_force_x1000"},
        feeds=("unemployment_rate", "youth_unemployment_rate"),
        note="Genuine v4 recording (15-75). The 15-25 slice (seasonally adjusted, as Eurostat's) was not recorded: "
             "until a refresh fetches it, youth unemployment is Eurostat's copy (une_rt_m).",
        rounding={"land": Rounding(1000)},
        used_for="unemployment_rate (15-75, not seasonally adjusted); youth_unemployment_rate (15-25, seasonally "
                 "adjusted) once fetched",
    ),
    Source(
        table_id="une_rt_m",
        title="Unemployment by sex and age - monthly data (Eurostat)",
        kind="eurostat",
        slices=(Slice("nl-jonger-dan-25", {"age": ("Y_LT25",), "s_adj": ("SA",), "sex": ("T",),
                                           "unit": ("PC_ACT",)}, region_prefixes=("NL01",)),),
        measures={"OBS_VALUE": "rate"},
        feeds=("youth_unemployment_rate",),
        note="Eurostat's copy of CBS's labour force survey: the Netherlands, under 25, seasonally adjusted, monthly. "
             "Stands in for 80590ned's 15-25 slice until a refresh brings CBS's own.",
        region_dim="geo",
        rounding={"land": Rounding(1)},
        publisher="Eurostat",
        stands_in_for="80590ned",
        used_for="youth_unemployment_rate (under 25, seasonally adjusted) until CBS's own is fetched",
        download=DownloadLayout(
            dimensions=(DownloadColumn("freq", "freq"), DownloadColumn("s_adj", "s_adj"), DownloadColumn("age", "age"),
                        DownloadColumn("unit", "unit"), DownloadColumn("sex", "sex"), DownloadColumn("geo", "geo"),
                        DownloadColumn("Perioden", "TIME_PERIOD")),
            measures=(DownloadColumn("OBS_VALUE", "OBS_VALUE", "%", 1),),
            region_dim="geo",
            codes={"freq": {"Monthly": "M"},
                   "s_adj": {"Seasonally adjusted data, not calendar adjusted data": "SA",
                             "Unadjusted data (i.e. neither seasonally adjusted nor calendar adjusted data)": "NSA",
                             "Trend cycle data": "TC"},
                   "age": {"Less than 25 years": "Y_LT25", "From 25 to 74 years": "Y25-74", "Total": "TOTAL"},
                   "unit": {"Percentage of population in the labour force": "PC_ACT", "Thousand persons": "THS_PER"},
                   "sex": {"Total": "T", "Males": "M", "Females": "F"},
                   "geo": {"Netherlands": "NL01"}},
            attributes=("DATAFLOW", "LAST UPDATE", "OBS_FLAG", "CONF_STATUS"),
        ),
    ),
    Source(
        table_id="86087NED",
        title="Arbeidsmarktsituatie jongeren (15 tot 27 jaar); regio (indeling 2024)",
        kind="cbs_v4",
        slices=_youth_slices(demo=("neet", "benefit")),
        measures={YOUTH_MEASURE: "persons"},
        feeds=YOUTH_FEEDS,
        note="Register-based, reference month October; 2005-2023, every year on the gemeenten of 2024. Young people "
             "and registered jobseekers are CBS's downloads; NEET and benefits are demo on CBS's real youth totals.",
        reference_month=10,
        rounding=YOUTH_ROUNDING,
        used_for="youth indicators, October 2005-2023",
        download=YOUTH_DOWNLOAD,
    ),
    Source(
        table_id="86223NED",
        title="Arbeidsmarktsituatie jongeren (15 tot 27 jaar); regio (indeling 2025)",
        kind="cbs_v4",
        slices=_youth_slices(optional=True),
        measures={YOUTH_MEASURE: "persons"},
        feeds=YOUTH_FEEDS,
        note="The newer edition of 86087NED (same dimensions); nothing of it is shipped. A refresh fetches it and the "
             "build prefers it wherever both give a year.",
        reference_month=10,
        rounding=YOUTH_ROUNDING,
        newer_edition_of="86087NED",
        used_for="youth indicators, once fetched (October 2024 and later, and every year it gives)",
        download=YOUTH_DOWNLOAD,
    ),
    Source(
        table_id="84780NED",
        title="Voortijdig schoolverlaters; geslacht, woonregio",
        kind="cbs_v4",
        slices=(Slice("totaal", {"Geslacht": ("T001038",)}, region_prefixes=("NL01", "PV", "GM", "MC")),),
        measures={"title:Voortijdig schoolverlaters": "leavers", "title:Leerlingen": "participants"},
        region_dim="Regiokenmerken",
        feeds=("early_school_leaver_rate", "early_school_leavers"),
        note="School years 2012/'13-2022/'23 by region of residence; each school year's gemeenten are those of its "
             "first calendar year, carried onto today's division by adding merged gemeenten. Arbeidsmarktregio's are "
             "sums of gemeenten; RMC regions are CBS's own where they match the sum of today's gemeenten.",
        rounding={"land": Rounding(10), "arbeidsmarktregio": Rounding(10), "rmc": Rounding(10),
                  "gemeente": Rounding(10)},
        used_for="early school leavers, school years",
        gemeente_division="period",
        download=DownloadLayout(
            dimensions=(DownloadColumn("Geslacht", "Geslacht"), DownloadColumn("Regiokenmerken", "Regiokenmerken"),
                        DownloadColumn("Perioden", "Perioden")),
            measures=(DownloadColumn("Leerlingen_1", "Leerlingen", "aantal"),
                      DownloadColumn("VoortijdigSchoolverlaters_2", "Voortijdig schoolverlaters", "aantal"),
                      DownloadColumn("NietVoortijdigSchoolverlaters_3", "Niet-voortijdig schoolverlaters", "aantal"),
                      DownloadColumn("VoortijdigSchoolverlatersPercentage_4",
                                     "Voortijdig schoolverlaters (percentage)", "%", 0)),
            region_dim="Regiokenmerken",
            codes={"Geslacht": CBS_GESLACHT},
            groupings=VSV_GROUPINGS,
        ),
    ),
    Source(
        table_id="85554NED",
        title="Personen met WW-uitkering, seizoengecorrigeerd; persoonskenmerken en regio",
        kind="cbs_v4",
        slices=(
            Slice("totaal", {"Geslacht": ("T001038",), "Leeftijd": ("10000",), "Marges": ("MW00000",)},
                  region_prefixes=("NL01", "AM")),
            Slice("jonger-dan-27", {"Geslacht": ("T001038",), "Leeftijd": ("41600",),
                                    "Marges": ("MW00000", "MOG0095", "MBG0095")},
                  region_prefixes=("NL01", "AM"), demo=True),
        ),
        measures={"D001908": "persons"},
        feeds=("ww_benefits", "youth_ww_benefits"),
        note="Genuine v4 code lists. All ages: CBS's download (Nederland and arbeidsmarktregio's, monthly); under 27: "
             "demo. The 95% margins of the demo are kept in raw.",
        rounding={"land": Rounding(10), "arbeidsmarktregio": Rounding(10)},
        point_estimate=("Marges", "MW00000"),
        used_for="ww_benefits (all ages) and youth_ww_benefits (under 27; value: Marges MW00000)",
        download=DownloadLayout(
            dimensions=(DownloadColumn("Geslacht", "Geslacht"), DownloadColumn("Leeftijd", "Leeftijd"),
                        DownloadColumn("Marges", "Marges"), DownloadColumn("RegioS", "Regio's"),
                        DownloadColumn("Perioden", "Perioden")),
            measures=(DownloadColumn("PersonenMetEenWerkloosheidsuitkering_1", "Personen met een werkloosheidsuitkering",
                                     "aantal"),),
        ),
    ),
    Source(
        table_id="82859NED",
        title="Jongeren (15 tot 27 jaar); arbeidsmarktpositie, uitkering, regio (2005-2013)",
        kind="cbs_csv",
        slices=(
            Slice("totaal", {"Onderwijsvolgend": (TOTAL,), "UitkeringSocialeZekerheid": (TOTAL,)},
                  region_prefixes=("NL01", "GM")),
            Slice("met-uitkering", {"Onderwijsvolgend": (TOTAL,),
                                    "UitkeringSocialeZekerheid": ("title:Met uitkering sociale zekerheid",)},
                  region_prefixes=("NL01", "GM")),
        ),
        measures={"title:Totaal jongeren": "persons"},
        feeds=("youth_benefit_share_2005_2013",),
        note="A discontinued table (2005-2013) with its own definitions: never spliced onto 86087NED. Every year on "
             "the gemeenten of 2014, carried onto today's.",
        reference_month=10,
        rounding={"land": Rounding(100), "arbeidsmarktregio": Rounding(100), "rmc": Rounding(100),
                  "gemeente": Rounding(100)},
        used_for="youth_benefit_share_2005_2013",
        gemeente_division=2014,
        download=DownloadLayout(
            dimensions=(DownloadColumn("Onderwijsvolgend", "Onderwijsvolgend"),
                        DownloadColumn("UitkeringSocialeZekerheid", "Uitkering sociale zekerheid"),
                        DownloadColumn("RegioS", "Regio's"), DownloadColumn("Perioden", "Perioden")),
            measures=(DownloadColumn("TotaalJongeren_1", "Totaal jongeren", "aantal"),
                      DownloadColumn("TotaalWerkzaam_2", "Totaal werkzaam", "aantal"),
                      DownloadColumn("Werknemer_3", "Werknemer", "aantal"),
                      DownloadColumn("Zelfstandige_4", "Zelfstandige", "aantal"),
                      DownloadColumn("WerknemerEnZelfstandige_5", "Werknemer en zelfstandige", "aantal"),
                      DownloadColumn("NietWerkzameJongeren_6", "Niet-werkzame jongeren", "aantal")),
            groupings=("Niet in te delen",),       # young people whose gemeente is unknown: no region
        ),
    ),
    Source(
        table_id="85984NED",
        title="Kerncijfers wijken en buurten 2024",
        kind="cbs_v3",
        slices=(Slice("gemeenten", {}),),
        measures={"AantalInwoners_5": "persons"},
        feeds=("population",),
        note="Reduced copy of the v3 data set (gemeenten only, codes only), genuine.",
        rounding={"land": Rounding(1), "arbeidsmarktregio": Rounding(1), "rmc": Rounding(1), "gemeente": Rounding(1)},
        used_for="population (1 January 2024)",
    ),
    Source(
        table_id="86247NED",
        title="Gebieden in Nederland 2026",
        kind="division",
        slices=(Slice("gemeenten", {}),),
        measures={},
        feeds=(),
        note="CBS's own division: gemeente -> arbeidsmarktregio, COROP, provincie (1 January 2026); the RMC regions "
             "of Gebieden in Nederland 2022-2025, the gemeenten of 2010-2026 and where former gemeenten went.",
        division_year=2026,
        used_for="regions: names and parents (arbeidsmarktregio and RMC region of each gemeente); former gemeenten "
                 "and their successors (carrying counts onto today's division); province and COROP membership",
    ),
    Source(
        table_id="gebieden-2025",
        title="Grenzen gemeenten en arbeidsmarktregio's 2025 (CBS/PDOK via cartomap/nl)",
        kind="geometry",
        slices=(Slice("afgeleid", {}),),
        measures={},
        feeds=(),
        note="Boundaries for the maps (RMC regions dissolved from the gemeenten by the division). The boundary-derived "
             "gemeente -> region table in the snapshot is only used to cross-check the CBS division.",
        used_for="map geometry only (geo/*.geojson)",
    ),
)

ALL_LEVELS = ("land", "arbeidsmarktregio", "rmc", "gemeente")
REGION_LEVELS = ("arbeidsmarktregio", "rmc", "gemeente")     # the levels below Nederland
YOUTH_TABLES = ("86087NED", "86223NED")
_SUMMED_NL = ("Voor arbeidsmarktregio's en RMC-regio's: som van de gemeenten (afgerond op 100), waar elke gemeente een "
              "aantal heeft.")
_SUMMED_EN = "For labour-market and RMC regions: the sum of their municipalities (rounded to 100), where each has a count."

INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "youth_unemployment_rate", "Jeugdwerkloosheid (jonger dan 25)", "Youth unemployment (under 25)",
        "Werkloze jongeren van 15 tot 25 jaar als percentage van de beroepsbevolking van die leeftijd, "
        "seizoengecorrigeerd, per maand (Enquête Beroepsbevolking).",
        "Unemployed people aged 15 to 25 as a percentage of the labour force of that age, seasonally adjusted, "
        "monthly (Labour Force Survey).",
        "percent", ("80590ned", "une_rt_m"), True, ("land",),
        "Zoals gepubliceerd: CBS 80590ned (maatstaf M004210, Leeftijd 53050) of, zolang die niet is opgehaald, "
        "Eurostats kopie daarvan (une_rt_m, age Y_LT25, s_adj SA).",
        "As published: CBS 80590ned (measure M004210, Leeftijd 53050) or, until that is fetched, Eurostat's copy "
        "of it (une_rt_m, age Y_LT25, s_adj SA).",
    ),
    Indicator(
        "unemployment_rate", "Werkloosheid (15-75 jaar)", "Unemployment (15-75)",
        "Werkloze personen van 15 tot 75 jaar als percentage van de beroepsbevolking (niet seizoengecorrigeerd).",
        "Unemployed people aged 15 to 75 as a percentage of the labour force (not seasonally adjusted).",
        "percent", ("80590ned",), None, ("land",),
        "Zoals CBS publiceert (maatstaf M001906_2, Leeftijd 52052).",
        "As published by CBS (measure M001906_2, Leeftijd 52052).",
    ),
    Indicator(
        "neet_share", "Jongeren zonder werk en opleiding", "Young people not in employment or education",
        "Jongeren van 15 tot 27 jaar die geen onderwijs volgen en niet werken, als percentage van alle jongeren "
        "van 15 tot 27 jaar (registers, peilmoment oktober).",
        "Young people aged 15 to 27 who are neither in education nor working, as a percentage of all young "
        "people aged 15 to 27 (registers, reference month October).",
        "percent", YOUTH_TABLES, True, ALL_LEVELS,
        "100 x (niet onderwijsvolgend en niet werkzaam) / totaal; voor regio's uit opgetelde aantallen.",
        "100 x (not in education and not working) / total; for regions from summed counts.",
    ),
    Indicator(
        "neet_count", "Aantal jongeren zonder werk en opleiding", "Young people not in employment or education (count)",
        "Aantal jongeren van 15 tot 27 jaar dat geen onderwijs volgt en niet werkt: de groep voor nazorg.",
        "Number of young people aged 15 to 27 neither in education nor working: the group for aftercare.",
        "persons", YOUTH_TABLES, None, ALL_LEVELS,
        "Aantal zoals in de tabel; regio's als som van gemeenten als CBS ze niet geeft.",
        "Count as in the table; regions as a sum of municipalities where CBS gives none.",
    ),
    Indicator(
        "youth_jobseeker_rate", "Jongeren ingeschreven bij UWV", "Young people registered with UWV",
        "Jongeren van 15 tot 27 jaar die als werkzoekende bij UWV staan ingeschreven, per 1.000 jongeren van 15 tot 27 "
        "jaar (peilmoment oktober).",
        "Young people aged 15 to 27 registered as jobseekers with UWV, per 1,000 young people aged 15 to 27 "
        "(reference month October).",
        "per_1000", YOUTH_TABLES, True, ALL_LEVELS,
        "1000 x geregistreerd werkzoekend / totaal, beide zoals CBS ze publiceert. " + _SUMMED_NL,
        "1000 x registered jobseekers / total, both as CBS publishes them. " + _SUMMED_EN,
    ),
    Indicator(
        "youth_jobseekers", "Aantal jongeren ingeschreven bij UWV", "Young people registered with UWV (count)",
        "Aantal jongeren van 15 tot 27 jaar dat als werkzoekende bij UWV staat ingeschreven (peilmoment oktober).",
        "Number of young people aged 15 to 27 registered as jobseekers with UWV (reference month October).",
        "persons", YOUTH_TABLES, None, ALL_LEVELS,
        "Aantal zoals CBS het publiceert (afgerond op 100; onder 50 wordt 0). " + _SUMMED_NL,
        "Count as CBS publishes it (rounded to 100; under 50 becomes 0). " + _SUMMED_EN,
    ),
    Indicator(
        "youth_benefit_share", "Jongeren met een uitkering", "Young people on benefits",
        "Jongeren van 15 tot 27 jaar met een uitkering (bijstand, WW, arbeidsongeschiktheid en overige), "
        "als percentage van alle jongeren van 15 tot 27 jaar.",
        "Young people aged 15 to 27 receiving a benefit (social assistance, unemployment, disability or other), "
        "as a percentage of all young people aged 15 to 27.",
        "percent", YOUTH_TABLES, True, ALL_LEVELS,
        "100 x met uitkering / totaal; voor regio's uit opgetelde aantallen.",
        "100 x with a benefit / total; for regions from summed counts.",
    ),
    Indicator(
        "youth_population", "Jongeren 15-27 jaar", "Young people aged 15-27",
        "Aantal inwoners van 15 tot 27 jaar (peilmoment oktober).",
        "Number of residents aged 15 to 27 (reference month October).",
        "persons", YOUTH_TABLES, None, ALL_LEVELS,
        "Aantal zoals CBS het publiceert (afgerond op 100); RMC-regio's als som van hun gemeenten.",
        "Count as CBS publishes it (rounded to 100); RMC regions as the sum of their municipalities.",
    ),
    Indicator(
        "early_school_leaver_rate", "Voortijdig schoolverlaters (vsv)", "Early school leavers",
        "Jongeren tot 23 jaar die het onderwijs verlaten zonder startkwalificatie (havo-, vwo- of mbo-2-diploma), "
        "als percentage van alle deelnemers aan het onderwijs in die leeftijd, naar woonregio.",
        "Young people under 23 who leave education without a basic qualification (havo, vwo or mbo level 2), "
        "as a percentage of all participants in education of that age, by region of residence.",
        "percent", ("84780NED",), True, ALL_LEVELS,
        "100 x vsv'ers / deelnemers, uit de aantallen (CBS rondt zijn eigen percentage af op hele procenten). "
        "Gemeenten op de indeling van nu (samengevoegde gemeenten opgeteld); arbeidsmarktregio's als som van "
        "gemeenten; RMC-regio's zoals CBS ze publiceert.",
        "100 x early leavers / participants, from the counts (CBS rounds its own percentage to whole percents). "
        "Municipalities on today's division (merged ones added up); labour-market regions as the sum of "
        "municipalities; RMC regions as CBS publishes them.",
    ),
    Indicator(
        "early_school_leavers", "Aantal voortijdig schoolverlaters", "Early school leavers (count)",
        "Aantal nieuwe voortijdig schoolverlaters in het schooljaar, naar woonregio.",
        "Number of new early school leavers in the school year, by region of residence.",
        "persons", ("84780NED",), None, ALL_LEVELS,
        "Aantal; gemeenten op de indeling van nu; arbeidsmarktregio's als som van gemeenten; RMC-regio's zoals CBS "
        "ze publiceert.",
        "Count; municipalities on today's division; labour-market regions as a sum of municipalities; RMC regions as "
        "CBS publishes them.",
    ),
    Indicator(
        "ww_benefits", "WW-uitkeringen (alle leeftijden)", "Unemployment benefits (WW, all ages)",
        "Personen met een WW-uitkering op de laatste dag van de maand, alle leeftijden, seizoengecorrigeerd. Een "
        "context-cijfer: geen jongerencijfer.",
        "People receiving unemployment insurance benefit (WW) on the last day of the month, all ages, seasonally "
        "adjusted. Context, not a youth figure.",
        "persons", ("85554NED",), None, ("land", "arbeidsmarktregio"),
        "Aantal zoals CBS het publiceert (maatstaf D001908, Leeftijd 10000, afgerond op 10). Arbeidsmarktregio's "
        "vanaf januari 2017: daarvoor gebruikte CBS een andere indeling (AM04, AM16, AM31). Elke reeks is apart "
        "gecorrigeerd, dus de regio's tellen niet precies op tot Nederland.",
        "Count as CBS publishes it (measure D001908, Leeftijd 10000, rounded to 10). Labour-market regions from "
        "January 2017: before that CBS used another division (AM04, AM16, AM31). Each series is adjusted on its "
        "own, so the regions do not add up exactly to the Netherlands.",
    ),
    Indicator(
        "youth_ww_benefits", "Jongeren met WW-uitkering", "Young people on unemployment benefit (WW)",
        "Personen jonger dan 27 jaar met een WW-uitkering, seizoengecorrigeerd, per maand.",
        "People under 27 receiving unemployment insurance benefit (WW), seasonally adjusted, per month.",
        "persons", ("85554NED",), None, ("land", "arbeidsmarktregio"),
        "Aantal zoals in de tabel (maatstaf D001908, Leeftijd 41600).",
        "Count as in the table (measure D001908, Leeftijd 41600).",
    ),
    Indicator(
        "youth_benefit_share_2005_2013", "Jongeren met een uitkering (oude reeks, t/m 2013)",
        "Young people on benefits (old series, to 2013)",
        "Jongeren van 15 tot 27 jaar met een uitkering sociale zekerheid als percentage van alle jongeren van 15 tot "
        "27 jaar, uit de stopgezette tabel 82859NED (eigen definities; niet vergelijkbaar met de reeks vanaf 2005 "
        "van 86087NED en daar nooit aan vastgeplakt).",
        "Young people aged 15 to 27 receiving a social-security benefit as a percentage of all young people aged 15 "
        "to 27, from the discontinued table 82859NED (its own definitions; not comparable with 86087NED's series "
        "and never joined to it).",
        "percent", ("82859NED",), None, ALL_LEVELS,
        "100 x met uitkering / totaal. Gemeenten op de indeling van nu (samengevoegde gemeenten opgeteld); "
        "regio's als som van gemeenten.",
        "100 x with a benefit / total. Municipalities on today's division (merged ones added up); regions as the "
        "sum of municipalities.",
    ),
    Indicator(
        "population", "Inwoners", "Population",
        "Aantal inwoners op 1 januari.",
        "Number of residents on 1 January.",
        "persons", ("85984NED",), None, ALL_LEVELS,
        "Aantal per gemeente; regio's en Nederland als som van gemeenten.",
        "Count per municipality; regions and the Netherlands as a sum of municipalities.",
    ),
)

UNIT_LABELS = {
    "percent": {"nl": "%", "en": "%"},
    "per_1000": {"nl": "per 1.000", "en": "per 1,000"},
    "persons": {"nl": "personen", "en": "persons"},
}


def source(table_id: str) -> Source:
    for s in SOURCES:
        if s.table_id.lower() == table_id.lower():
            return s
    known = ", ".join(s.table_id for s in SOURCES)
    raise KeyError(f"unknown table {table_id!r}; known tables: {known}")


def indicator(indicator_id: str) -> Indicator:
    for i in INDICATORS:
        if i.id == indicator_id:
            return i
    raise KeyError(f"unknown indicator {indicator_id!r}")


def indicator_ids() -> tuple[str, ...]:
    return tuple(i.id for i in INDICATORS)


def editions(table_id: str) -> tuple[Source, ...]:
    """``table_id`` and every newer edition of it, oldest first (86087NED -> 86087NED, 86223NED)."""
    family = [source(table_id)]
    while True:
        newer = [s for s in SOURCES if s.newer_edition_of == family[-1].table_id]
        if not newer:
            return tuple(family)
        family.append(newer[0])


def division_source() -> Source:
    """The source of the region division (gemeente -> arbeidsmarktregio)."""
    return next(s for s in SOURCES if s.kind == "division")

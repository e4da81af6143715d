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
GEO_ATTRIBUTION = "Grenzen: CBS/PDOK, CBS Gebiedsindelingen (gegeneraliseerd), via cartomap/nl"
DEMO_ATTRIBUTION = "Demo — geen CBS-cijfers / demo — not CBS figures; vorm naar CBS-tabel {table_id}"
V4_BASE = "https://datasets.cbs.nl/odata/v1/CBS"
STATLINE_URL = "https://opendata.cbs.nl/#/CBS/nl/dataset/{table_id}/table"

# Category specs in a slice or measure list (resolved against the table's own code lists by
# etl.transform.resolve):
#   "T001038"          a code as CBS writes it (verified codes only)
#   TOTAL              the dimension's total: key starting with "T" and title starting with "Totaal"
#   "title:A|B"        the one category titled A or B (case and spacing ignored): documented variants
TOTAL = "total"


def attribution(table_id: str, is_demo: bool) -> str:
    """The credit line of one source: "Bron: CBS" only for genuine CBS figures."""
    if is_demo:
        return DEMO_ATTRIBUTION.format(table_id=table_id)
    return f"Bron: CBS, tabel {table_id}, {LICENCE}"


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
    kind: str                                    # cbs_v4 | cbs_v3 | division | geometry
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

    @property
    def url(self) -> str:
        if self.kind == "cbs_v3":
            return f"https://opendata.cbs.nl/ODataFeed/odata/{self.table_id}"
        return f"{V4_BASE}/{self.table_id}"

    @property
    def statline_url(self) -> str:
        return STATLINE_URL.format(table_id=self.table_id)

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
YOUTH_ROUNDING = {"land": Rounding(100), "arbeidsmarktregio": Rounding(100), "gemeente": Rounding(10)}
YOUTH_FEEDS = ("youth_population", "neet_share", "neet_count", "youth_jobseeker_rate", "youth_benefit_share")


def _youth_slices(periods_from: int) -> tuple[Slice, ...]:
    """All regions (CBS's own Nederland, landsdeel, provincie, COROP, arbeidsmarktregio and gemeente rows);
    the build keeps those of the current division and counts the others."""
    return tuple(Slice(combo, dict(zip(YOUTH_DIMS, tuple((c,) for c in specs), strict=True)), demo=True,
                       periods_from=periods_from)
                 for combo, specs in YOUTH_COMBOS.items())


SOURCES: tuple[Source, ...] = (
    Source(
        table_id="80590ned",
        title="Arbeidsdeelname en werkloosheid per maand",
        kind="cbs_v4",
        slices=(
            Slice("totaal-15-75", {"Geslacht": ("T001038",), "Leeftijd": ("52052",)}),
            Slice("totaal-15-25", {"Geslacht": ("T001038",), "Leeftijd": ("53050",)}, demo=True),
        ),
        measures={"M001906_2": "rate", "3000800_2": "unemployed_x1000", "3000790_2": "labour_force_x1000"},
        feeds=("unemployment_rate", "youth_unemployment_rate"),
        note="Genuine v4 recording (15-75); the 15-25 slice was not recorded and is demo.",
        rounding={"land": Rounding(1000)},
        used_for="unemployment_rate (15-75), youth_unemployment_rate (15-25)",
    ),
    Source(
        table_id="86087NED",
        title="Arbeidsmarktsituatie jongeren (15 tot 27 jaar); regio (indeling 2024)",
        kind="cbs_v4",
        slices=_youth_slices(2017),
        measures={YOUTH_MEASURE: "persons"},
        feeds=YOUTH_FEEDS,
        note="Register-based, reference month October; 2005-2023. The newest year comes from 86223NED.",
        reference_month=10,
        rounding=YOUTH_ROUNDING,
        used_for="youth indicators, October 2017-2023",
    ),
    Source(
        table_id="86223NED",
        title="Arbeidsmarktsituatie jongeren (15 tot 27 jaar); regio (indeling 2025)",
        kind="cbs_v4",
        slices=_youth_slices(2024),
        measures={YOUTH_MEASURE: "persons"},
        feeds=YOUTH_FEEDS,
        note="The newer edition of 86087NED (same dimensions); the build prefers it wherever both give a year.",
        reference_month=10,
        rounding=YOUTH_ROUNDING,
        newer_edition_of="86087NED",
        used_for="youth indicators, October 2024 and later",
    ),
    Source(
        table_id="84780NED",
        title="Voortijdig schoolverlaters; geslacht, woonregio",
        kind="cbs_v4",
        slices=(Slice("totaal", {"Geslacht": ("T001038",)}, region_prefixes=("NL01", "GM"), demo=True),),
        measures={"title:Voortijdig schoolverlaters": "leavers", "title:Leerlingen": "participants"},
        region_dim="Regiokenmerken",
        feeds=("early_school_leaver_rate", "early_school_leavers"),
        note="School years; arbeidsmarktregio rates are computed from summed gemeente counts.",
        rounding={"land": Rounding(10), "arbeidsmarktregio": Rounding(10, "gemeente"), "gemeente": Rounding(10)},
        used_for="early school leavers, school years",
    ),
    Source(
        table_id="85554NED",
        title="Personen met WW-uitkering, seizoengecorrigeerd; persoonskenmerken en regio",
        kind="cbs_v4",
        slices=(Slice("jonger-dan-27", {"Geslacht": ("T001038",), "Leeftijd": ("41600",),
                                        "Marges": ("MW00000", "MOG0095", "MBG0095")},
                      region_prefixes=("NL01", "AM"), demo=True),),
        measures={"D001908": "persons"},
        feeds=("youth_ww_benefits",),
        note="Genuine v4 code lists; observations are demo. The 95% margins are fetched and kept in raw.",
        rounding={"land": Rounding(10), "arbeidsmarktregio": Rounding(10)},
        point_estimate=("Marges", "MW00000"),
        used_for="youth_ww_benefits (value: Marges MW00000)",
    ),
    Source(
        table_id="85984NED",
        title="Kerncijfers wijken en buurten 2024",
        kind="cbs_v3",
        slices=(Slice("gemeenten", {}),),
        measures={"AantalInwoners_5": "persons"},
        feeds=("population",),
        note="Reduced copy of the v3 data set (gemeenten only, codes only), genuine.",
        rounding={"land": Rounding(1, "gemeente"), "arbeidsmarktregio": Rounding(1, "gemeente"),
                  "gemeente": Rounding(1)},
        used_for="population (1 January 2024)",
    ),
    Source(
        table_id="86247NED",
        title="Gebieden in Nederland 2026",
        kind="division",
        slices=(Slice("gemeenten", {}),),
        measures={},
        feeds=(),
        note="CBS's own division: gemeente -> arbeidsmarktregio, COROP, provincie (1 January 2026).",
        division_year=2026,
        used_for="regions: names and parents (arbeidsmarktregio of each gemeente); province and COROP "
                 "membership for the demo",
    ),
    Source(
        table_id="gebieden-2025",
        title="Grenzen gemeenten en arbeidsmarktregio's 2025 (CBS/PDOK via cartomap/nl)",
        kind="geometry",
        slices=(Slice("afgeleid", {}),),
        measures={},
        feeds=(),
        note="Boundaries for the maps. The boundary-derived gemeente -> region table in the snapshot is only "
             "used to cross-check the CBS division.",
        used_for="map geometry only (geo/*.geojson)",
    ),
)

ALL_LEVELS = ("land", "arbeidsmarktregio", "gemeente")
YOUTH_TABLES = ("86087NED", "86223NED")

INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "youth_unemployment_rate", "Jeugdwerkloosheid (15-25 jaar)", "Youth unemployment (15-25)",
        "Werkloze jongeren van 15 tot 25 jaar als percentage van de beroepsbevolking van 15 tot 25 jaar "
        "(niet seizoengecorrigeerd, Enquête Beroepsbevolking).",
        "Unemployed people aged 15 to 25 as a percentage of the labour force of that age "
        "(not seasonally adjusted, Labour Force Survey).",
        "percent", ("80590ned",), True, ("land",),
        "Zoals CBS publiceert (maatstaf M001906_2, Leeftijd 53050).",
        "As published by CBS (measure M001906_2, Leeftijd 53050).",
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
        "Aantal zoals in de tabel; arbeidsmarktregio's als som van gemeenten als CBS ze niet geeft.",
        "Count as in the table; labour-market regions as a sum of municipalities where CBS gives none.",
    ),
    Indicator(
        "youth_jobseeker_rate", "Jongeren ingeschreven bij UWV", "Young people registered with UWV",
        "Jongeren van 15 tot 27 jaar die als werkzoekende bij UWV staan ingeschreven, per 1.000 jongeren van 15 tot 27 jaar.",
        "Young people aged 15 to 27 registered as jobseekers with UWV, per 1,000 young people aged 15 to 27.",
        "per_1000", YOUTH_TABLES, True, ALL_LEVELS,
        "1000 x geregistreerd werkzoekend / totaal; voor regio's uit opgetelde aantallen.",
        "1000 x registered jobseekers / total; for regions from summed counts.",
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
        "Aantal zoals in de tabel; arbeidsmarktregio's als som van gemeenten als CBS ze niet geeft.",
        "Count as in the table; labour-market regions as a sum of municipalities where CBS gives none.",
    ),
    Indicator(
        "early_school_leaver_rate", "Voortijdig schoolverlaters (vsv)", "Early school leavers",
        "Jongeren tot 23 jaar die het onderwijs verlaten zonder startkwalificatie (havo-, vwo- of mbo-2-diploma), "
        "als percentage van alle deelnemers aan het onderwijs in die leeftijd, naar woonregio.",
        "Young people under 23 who leave education without a basic qualification (havo, vwo or mbo level 2), "
        "as a percentage of all participants in education of that age, by region of residence.",
        "percent", ("84780NED",), True, ALL_LEVELS,
        "100 x vsv'ers / deelnemers; arbeidsmarktregio's uit opgetelde gemeenteaantallen.",
        "100 x early leavers / participants; labour-market regions from summed municipal counts.",
    ),
    Indicator(
        "early_school_leavers", "Aantal voortijdig schoolverlaters", "Early school leavers (count)",
        "Aantal nieuwe voortijdig schoolverlaters in het schooljaar, naar woonregio.",
        "Number of new early school leavers in the school year, by region of residence.",
        "persons", ("84780NED",), None, ALL_LEVELS,
        "Aantal; arbeidsmarktregio's als som van gemeenten.",
        "Count; labour-market regions as a sum of municipalities.",
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
        "population", "Inwoners", "Population",
        "Aantal inwoners op 1 januari.",
        "Number of residents on 1 January.",
        "persons", ("85984NED",), None, ALL_LEVELS,
        "Aantal per gemeente; arbeidsmarktregio's en Nederland als som van gemeenten.",
        "Count per municipality; labour-market regions and the Netherlands as a sum of municipalities.",
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

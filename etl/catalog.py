"""The declared sources and indicators: one entry per CBS table, declared once.

Everything the ETL and the dashboard know about a CBS table (its id, title, the
slices we fetch, its measures and dimension codes) and about an indicator
(titles, definitions, unit, direction) lives here.  Codes that could not be
verified against a genuine CBS response are listed in ``docs/sources.md``.
"""

from __future__ import annotations

from dataclasses import dataclass

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.nl"
ATTRIBUTION = "Bron: CBS (Centraal Bureau voor de Statistiek), StatLine, CC BY 4.0"
V4_BASE = "https://datasets.cbs.nl/odata/v1/CBS"
STATLINE_URL = "https://opendata.cbs.nl/#/CBS/nl/dataset/{table_id}/table"


@dataclass(frozen=True)
class Slice:
    """One filtered fetch of a table; its raw files live in ``data/raw/<table_id>/<name>/``."""

    name: str
    dimensions: dict[str, tuple[str, ...]]       # dimension -> codes or "title:<CBS title>" (empty: all)
    region_prefixes: tuple[str, ...] = ()        # region codes starting with these ("NL01": exactly)
    demo: bool = False                           # the shipped snapshot of this slice is demo

    def odata_filter(self, codes: dict[str, tuple[str, ...]], region_dim: str = "RegioS") -> str:
        """The v4 ``$filter`` for this slice, given its dimension specs resolved to codes."""
        parts = []
        for dim, values in codes.items():
            if values:
                parts.append("(" + " or ".join(f"{dim} eq '{c}'" for c in values) + ")")
        if self.region_prefixes:
            parts.append("(" + " or ".join(
                f"{region_dim} eq '{p}'" if len(p) > 2 else f"startswith({region_dim},'{p}')"
                for p in self.region_prefixes) + ")")
        return " and ".join(parts)


@dataclass(frozen=True)
class Source:
    table_id: str
    title: str
    kind: str                                    # cbs_v4 | reference
    slices: tuple[Slice, ...]
    measures: dict[str, str]                     # measure id or "title:<CBS title>" -> role
    feeds: tuple[str, ...]
    note: str = ""
    region_dim: str = "RegioS"

    @property
    def url(self) -> str:
        return f"{V4_BASE}/{self.table_id}"

    @property
    def statline_url(self) -> str:
        return STATLINE_URL.format(table_id=self.table_id)


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


# --- 86087NED -------------------------------------------------------------------------
# Its v4 category codes could not be verified offline (docs/sources.md), so the slices
# name categories by their CBS titles ("title:..."); extract and transform resolve them
# to codes from the table's own code lists, and fail clearly if a title is not there.
YOUTH_TOTAL = "title:Totaal"
IN_EDUCATION_NO = "title:Niet onderwijsvolgend"
WORK_NO = "title:Arb.pos.: niet-werkzame bevolking"
BENEFIT_YES = "title:Met uitkering"
UWV_YES = "title:Geregistreerd werkzoekende bij UWV"

YOUTH_DIMS = ("Onderwijsvolgend", "Arbeidskenmerken", "Uitkering", "GeregistreerdWerkzoekendeBijUWV")
YOUTH_COMBOS: dict[str, tuple[str, str, str, str]] = {
    "total": (YOUTH_TOTAL, YOUTH_TOTAL, YOUTH_TOTAL, YOUTH_TOTAL),
    "neet": (IN_EDUCATION_NO, WORK_NO, YOUTH_TOTAL, YOUTH_TOTAL),
    "benefit": (YOUTH_TOTAL, YOUTH_TOTAL, BENEFIT_YES, YOUTH_TOTAL),
    "jobseeker": (YOUTH_TOTAL, YOUTH_TOTAL, YOUTH_TOTAL, UWV_YES),
}

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
    ),
    Source(
        table_id="86087NED",
        title="Arbeidsmarktsituatie jongeren (15 tot 27 jaar); regio (indeling 2024)",
        kind="cbs_v4",
        slices=tuple(
            Slice(f"{combo}", dict(zip(YOUTH_DIMS, tuple((c,) for c in codes))),
                  region_prefixes=("NL01", "AM", "GM"), demo=True)
            for combo, codes in YOUTH_COMBOS.items()
        ),
        measures={"title:Jongeren (15 tot 27 jaar)": "persons"},
        feeds=("youth_population", "neet_share", "neet_count", "youth_jobseeker_rate", "youth_benefit_share"),
        note="Register-based, reference month October. Older editions 83969NED and 84455NED use older region layouts.",
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
    ),
    Source(
        table_id="85554NED",
        title="Personen met WW-uitkering, seizoengecorrigeerd; persoonskenmerken en regio",
        kind="cbs_v4",
        slices=(Slice("jonger-dan-27", {"Geslacht": ("T001038",), "Leeftijd": ("41600",), "Marges": ("MW00000",)},
                      region_prefixes=("NL01", "AM"), demo=True),),
        measures={"D001908": "persons"},
        feeds=("youth_ww_benefits",),
        note="Genuine v4 code lists; observations are demo.",
    ),
    Source(
        table_id="85984NED",
        title="Kerncijfers wijken en buurten 2024",
        kind="reference",
        slices=(Slice("gemeenten", {}),),
        measures={"AantalInwoners_5": "persons"},
        feeds=("population",),
        note="Reduced copy of the v3 data set (gemeenten only, codes only), genuine.",
    ),
    Source(
        table_id="gebieden-2025",
        title="Gemeenten naar arbeidsmarktregio (afgeleid uit CBS/PDOK-grenzen 2025)",
        kind="reference",
        slices=(Slice("afgeleid", {}),),
        measures={},
        feeds=(),
        note="DERIVED, not a CBS table: each gemeente assigned to the arbeidsmarktregio polygon it overlaps most.",
    ),
)

ALL_LEVELS = ("land", "arbeidsmarktregio", "gemeente")

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
        "percent", ("86087NED",), True, ALL_LEVELS,
        "100 x (niet onderwijsvolgend en niet werkzaam) / totaal; voor regio's uit opgetelde aantallen.",
        "100 x (not in education and not working) / total; for regions from summed counts.",
    ),
    Indicator(
        "neet_count", "Aantal jongeren zonder werk en opleiding", "Young people not in employment or education (count)",
        "Aantal jongeren van 15 tot 27 jaar dat geen onderwijs volgt en niet werkt: de groep voor nazorg.",
        "Number of young people aged 15 to 27 neither in education nor working: the group for aftercare.",
        "persons", ("86087NED",), None, ALL_LEVELS,
        "Aantal zoals in de tabel; arbeidsmarktregio's als som van gemeenten als CBS ze niet geeft.",
        "Count as in the table; labour-market regions as a sum of municipalities where CBS gives none.",
    ),
    Indicator(
        "youth_jobseeker_rate", "Jongeren ingeschreven bij UWV", "Young people registered with UWV",
        "Jongeren van 15 tot 27 jaar die als werkzoekende bij UWV staan ingeschreven, per 1.000 jongeren van 15 tot 27 jaar.",
        "Young people aged 15 to 27 registered as jobseekers with UWV, per 1,000 young people aged 15 to 27.",
        "per_1000", ("86087NED",), True, ALL_LEVELS,
        "1000 x geregistreerd werkzoekend / totaal; voor regio's uit opgetelde aantallen.",
        "1000 x registered jobseekers / total; for regions from summed counts.",
    ),
    Indicator(
        "youth_benefit_share", "Jongeren met een uitkering", "Young people on benefits",
        "Jongeren van 15 tot 27 jaar met een uitkering (bijstand, WW, arbeidsongeschiktheid en overige), "
        "als percentage van alle jongeren van 15 tot 27 jaar.",
        "Young people aged 15 to 27 receiving a benefit (social assistance, unemployment, disability or other), "
        "as a percentage of all young people aged 15 to 27.",
        "percent", ("86087NED",), True, ALL_LEVELS,
        "100 x met uitkering / totaal; voor regio's uit opgetelde aantallen.",
        "100 x with a benefit / total; for regions from summed counts.",
    ),
    Indicator(
        "youth_population", "Jongeren 15-27 jaar", "Young people aged 15-27",
        "Aantal inwoners van 15 tot 27 jaar (peilmoment oktober).",
        "Number of residents aged 15 to 27 (reference month October).",
        "persons", ("86087NED",), None, ALL_LEVELS,
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

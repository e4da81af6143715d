"""Texts of the overview page ("/")."""

TEXT = {
    "nl": {
        "overview.page_title": "Overzicht – Jongeren en arbeidsmarkt",
        "overview.title": "Jongeren en arbeidsmarkt in één oogopslag",
        "overview.region_label": "Samenvatting voor",
        "overview.region_help": "Nederland (voor het bestuur van de alliantie), een van de 35 arbeidsmarktregio's, een "
                                "van de 40 RMC-regio's of een van de 342 gemeenten. Elke keuze is een eigen link om te "
                                "delen.",
        "overview.region_placeholder": "Nederland (landelijke samenvatting)",
        "overview.region_group.arbeidsmarktregio": "Arbeidsmarktregio's",
        "overview.region_group.rmc": "RMC-regio's (nazorg voortijdig schoolverlaters)",
        "overview.region_group.gemeente": "Gemeenten",
        "overview.region_submit": "Toon samenvatting",
        "overview.region_unknown": "Regiocode {code} bestaat niet; hieronder staat de landelijke samenvatting. Kies "
                                   "een arbeidsmarktregio of gemeente uit de lijst.",
        "overview.print": "Afdrukken of opslaan als pdf (één A4)",
        "overview.top_heading": "Hoogste waarde per indicator",
        "overview.top_intro": "Per indicator de vijf arbeidsmarktregio's met de hoogste waarde in de laatste "
                              "periode. Een hogere waarde betekent hier meer behoefte aan ondersteuning. "
                              "Regio's zonder cijfer tellen niet mee. Of een regio zeker tot de top hoort, zegt "
                              "de prioriteitsindex met zijn intervallen (zie Prioriteit).",
        "overview.top_rank": "Nr.",
        "overview.top_empty": "Geen regionale cijfers.",
        "overview.top_caption": "{indicator}, {period}: vijf regio's met de hoogste waarde",
        "overview.selected_mark": "(gekozen regio)",
        "overview.asof_heading": "Stand van de gegevens",
        "overview.asof_intro": "Per CBS-tabel: wanneer CBS de tabel voor het laatst wijzigde en wanneer wij hem "
                               "ophaalden. DEMO betekent gegenereerde cijfers, niet van CBS.",
        "overview.asof_table": "Tabel",
        "overview.asof_title": "Onderwerp",
        "overview.asof_modified": "Gewijzigd door CBS",
        "overview.asof_fetched": "Opgehaald",
        "overview.asof_dash": "– bij Opgehaald: geen ophaaldatum bekend; waar het bestand vandaan komt, staat per "
                              "tabel bij Methode.",
        "overview.asof_kind": "Soort",
        "overview.asof_demo_slices": "DEMO ({n} van {total} delen)",
        "overview.method_link": "Hoe deze cijfers berekend zijn",
    },
    "en": {
        "overview.page_title": "Overview – Young people and the labour market",
        "overview.title": "Young people and the labour market at a glance",
        "overview.region_label": "Brief for",
        "overview.region_help": "The Netherlands (for the alliance's board), one of the 35 labour-market regions, one of "
                                "the 40 RMC regions or one of the 342 municipalities. Each choice is a link of its own "
                                "to share.",
        "overview.region_placeholder": "The Netherlands (national brief)",
        "overview.region_group.arbeidsmarktregio": "Labour-market regions",
        "overview.region_group.rmc": "RMC regions (aftercare for early school leavers)",
        "overview.region_group.gemeente": "Municipalities",
        "overview.region_submit": "Show brief",
        "overview.region_unknown": "Region code {code} does not exist; the national brief is shown below. Choose a "
                                   "labour-market region or municipality from the list.",
        "overview.print": "Print or save as PDF (one A4 page)",
        "overview.top_heading": "Highest value per indicator",
        "overview.top_intro": "For each indicator, the five labour-market regions with the highest value in the "
                              "latest period. A higher value means more need for support. Regions without a "
                              "figure are left out. Whether a region certainly belongs to the top is what the "
                              "priority index with its intervals says (see Priority).",
        "overview.top_rank": "No.",
        "overview.top_empty": "No regional figures.",
        "overview.top_caption": "{indicator}, {period}: five regions with the highest value",
        "overview.selected_mark": "(chosen region)",
        "overview.asof_heading": "Data as of",
        "overview.asof_intro": "Per CBS table: when CBS last changed it and when we fetched it. DEMO means "
                               "generated figures, not from CBS.",
        "overview.asof_table": "Table",
        "overview.asof_title": "Subject",
        "overview.asof_modified": "Changed by CBS",
        "overview.asof_fetched": "Fetched",
        "overview.asof_dash": "– under Fetched: no fetch date known; where the file comes from is on Method, per "
                              "table.",
        "overview.asof_kind": "Kind",
        "overview.asof_demo_slices": "DEMO ({n} of {total} parts)",
        "overview.method_link": "How these figures are computed",
    },
}

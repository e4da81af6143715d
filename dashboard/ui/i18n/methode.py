"""Texts of the method page ("/methode")."""

TEXT = {
    "nl": {
        "methode.page_title": "Methode – Jongeren en arbeidsmarkt",
        "methode.title": "Methode en verantwoording",
        "methode.intro": "Wat de cijfers betekenen, waar ze vandaan komen, hoe we rekenen en wat in deze versie "
                         "echt en wat demonstratiedata is.",
        "methode.toc": "Op deze pagina",
        "methode.indicators": "Indicatoren",
        "methode.ind.id": "Code",
        "methode.ind.definition": "Definitie",
        "methode.ind.computation": "Berekening",
        "methode.ind.unit": "Eenheid",
        "methode.ind.sources": "CBS-tabel",
        "methode.ind.levels": "Regioniveaus",
        "methode.ind.frequencies": "Perioden",
        "methode.ind.direction": "Richting",
        "methode.ind.data": "Gegevens",
        "methode.dir.true": "hoger betekent meer behoefte aan ondersteuning",
        "methode.dir.false": "hoger betekent minder behoefte aan ondersteuning",
        "methode.dir.none": "geen richting: achtergrondcijfer",
        "methode.level.land": "Nederland",
        "methode.level.arbeidsmarktregio": "arbeidsmarktregio's (35)",
        "methode.level.rmc": "RMC-regio's (40)",
        "methode.level.gemeente": "gemeenten (342)",
        "methode.freq.year": "jaar",
        "methode.freq.half_year": "halfjaar",
        "methode.freq.quarter": "kwartaal",
        "methode.freq.month": "maand",
        "methode.freq.school_year": "schooljaar",
        "methode.rates": "Hoe we rekenen",
        "methode.rates.p1": "Percentages en cijfers per 1.000 voor gemeenten en Nederland zijn berekend uit de "
                            "aantallen die CBS publiceert (teller en noemer), zoals bij elke indicator vermeld.",
        "methode.rates.p2": "Voor een arbeidsmarktregio tellen we eerst de aantallen van haar gemeenten op (teller "
                            "en noemer apart) en delen daarna. We middelen nooit percentages van gemeenten: dan "
                            "zouden kleine gemeenten te zwaar meetellen. Geeft CBS zelf een cijfer voor de regio, "
                            "dan gebruiken we dat.",
        "methode.rates.p3": "Ontbreekt het aantal van één gemeente (bijvoorbeeld geheim vanwege privacy), dan "
                            "berekenen we voor de regio geen cijfer en markeren we het als onvolledig.",
        "methode.rates.p4": "Werkloosheid (15-75 jaar) en jeugdwerkloosheid (15-25 jaar) komen uit de Enquête "
                            "Beroepsbevolking en zijn alleen landelijk beschikbaar; we nemen ze over zoals CBS ze "
                            "publiceert.",
        "methode.rates.p5": "Veranderingen vergelijken steeds met dezelfde periode een jaar eerder (dezelfde maand, "
                            "hetzelfde kwartaal of het vorige schooljaar), zodat seizoenen elkaar niet vertekenen.",
        "methode.rates.p6": "Afronding: percentages en cijfers per 1.000 staan op één decimaal, aantallen als hele "
                            "getallen; een 5 wordt naar boven afgerond (6,25 wordt 6,3). Dezelfde regel geldt in kaart, "
                            "grafiek, tabel, samenvatting en tekst. Downloads bevatten de waarde zelf (tot 6 "
                            "decimalen), niet afgerond.",
        "methode.missing": "Ontbrekende cijfers",
        "methode.missing.p1": "Een ontbrekend cijfer staat overal als \u201c–\u201d met de reden, nooit als 0. "
                              "De redenen komen van CBS:",
        "methode.sources": "Bronnen: wat is echt en wat is demo",
        "methode.sources.p1": "Per CBS-tabel en per deel dat we ophalen: wanneer CBS de tabel wijzigde, wanneer wij "
                              "hem ophaalden en of de cijfers echt (van CBS) of gegenereerd (demo) zijn. Demodata "
                              "hebben precies de vorm van de CBS-tabel, maar de getallen zijn verzonnen; gebruik ze "
                              "niet voor beleid.",
        "methode.sources.p_demo": "Deze versie bevat demonstratiedata: de regionale jongerencijfers zijn gegenereerd, "
                                  "niet van CBS. Zodra de beheerder van deze website echte CBS-cijfers laadt, "
                                  "verdwijnt het woord DEMO overal.",
        "methode.sources.p_real": "Alle cijfers in deze versie komen van CBS.",
        "methode.src.modified": "Gewijzigd door CBS",
        "methode.src.slice": "Deel",
        "methode.src.fetched": "Opgehaald",
        "methode.src.kind": "Soort",
        "methode.src.real": "echt (CBS)",
        "methode.src.real_eurostat": "echt (Eurostat)",
        "methode.src.about.real_eurostat": "Echte cijfers van Eurostat: zijn kopie van de Enquête Beroepsbevolking "
                                           "van CBS. Een CBS-verversing vervangt ze door CBS' eigen reeks.",
        "methode.src.demo": "DEMO (gegenereerd)",
        "methode.src.about": "Wat dit is",
        "methode.src.about.demo": "Gegenereerd in de vorm van de CBS-tabel (waar mogelijk afgestemd op gepubliceerde "
                                  "totalen): geen echte cijfers. Niet gebruiken voor beleid.",
        "methode.src.about.real": "Echte CBS-cijfers, overgenomen zoals CBS ze publiceert.",
        "methode.src.about.derived": "Afgeleid door dit project uit de CBS/PDOK-grenzen (geen CBS-tabel).",
        "methode.sources.p_metadata": "De technische herkomst van elk bestand (momentopname, filter, controlegetallen, "
                                      "hoe de demodata zijn gemaakt) staat in metadata.json in elke download met "
                                      "metadata (pagina Data).",
        "methode.slice.80590ned.totaal-15-75": "15 tot 75 jaar (werkloosheid)",
        "methode.slice.80590ned.totaal-15-25": "15 tot 25 jaar (jeugdwerkloosheid)",
        "methode.slice.84780ned.totaal": "alle voortijdig schoolverlaters",
        "methode.slice.85554ned.jonger-dan-27": "jonger dan 27 jaar",
        "methode.slice.85554ned.totaal": "alle leeftijden",
        "methode.slice.82859ned.totaal": "alle jongeren van 15 tot 27 jaar",
        "methode.slice.82859ned.met-uitkering": "met een uitkering sociale zekerheid",
        "methode.slice.une_rt_m.nl-jonger-dan-25": "Nederland, jonger dan 25, seizoengecorrigeerd",
        "methode.slice.85984ned.gemeenten": "inwoners per gemeente",
        "methode.slice.86087ned.total": "alle jongeren van 15 tot 27 jaar",
        "methode.slice.86087ned.neet": "zonder werk en opleiding",
        "methode.slice.86087ned.benefit": "met een uitkering",
        "methode.slice.86087ned.jobseeker": "ingeschreven bij UWV",
        "methode.slice.86223ned.total": "alle jongeren van 15 tot 27 jaar",
        "methode.slice.86223ned.neet": "zonder werk en opleiding",
        "methode.slice.86223ned.benefit": "met een uitkering",
        "methode.slice.86223ned.jobseeker": "ingeschreven bij UWV",
        "methode.slice.86247ned.gemeenten": "gemeente naar arbeidsmarktregio en RMC-regio; vroegere gemeenten",
        "methode.slice.gebieden-2025.afgeleid": "gemeente naar arbeidsmarktregio",
        "methode.table.80590ned": "Arbeidsdeelname en werkloosheid per maand",
        "methode.table.84780ned": "Voortijdig schoolverlaters; geslacht, woonregio",
        "methode.table.85554ned": "Personen met WW-uitkering, seizoengecorrigeerd; persoonskenmerken en regio",
        "methode.table.85984ned": "Kerncijfers wijken en buurten 2024",
        "methode.table.82859ned": "Jongeren (15 tot 27 jaar); arbeidsmarktpositie, uitkering, regio (2005-2013, "
                                  "stopgezet)",
        "methode.table.une_rt_m": "Werkloosheid naar geslacht en leeftijd, per maand (Eurostat, une_rt_m)",
        "methode.table.86087ned": "Arbeidsmarktsituatie jongeren (15 tot 27 jaar); regio (indeling 2024)",
        "methode.table.86223ned": "Arbeidsmarktsituatie jongeren (15 tot 27 jaar); regio (indeling 2025)",
        "methode.table.86247ned": "Gebieden in Nederland 2026",
        "methode.table.gebieden-2025": "Gemeenten naar arbeidsmarktregio (afgeleid uit CBS/PDOK-grenzen 2025)",
        "methode.regions": "Regio-indeling en grenzen",
        "methode.regions.p1": "We gebruiken de 342 gemeenten, 35 arbeidsmarktregio's en 40 RMC-regio's van nu: de "
                              "indeling van CBS (Gebieden in Nederland 2026). De RMC-regio's (Regionale Meld- en "
                              "Coördinatiefunctie: waar de nazorg voor voortijdig schoolverlaters is georganiseerd) "
                              "komen uit de uitgave 2025; de gemeenten zijn in 2026 niet veranderd.",
        "methode.regions.p2": "Cijfers van vroegere jaren staan op de gemeenten van dat jaar. We zetten ze om naar de "
                              "gemeenten van nu door de aantallen van samengevoegde gemeenten op te tellen (Weesp bij "
                              "Amsterdam; Brielle, Hellevoetsluis en Westvoorne bij Voorne aan Zee) en percentages "
                              "daarna uit de opgetelde aantallen te berekenen. Een gemeente die over meer gemeenten is "
                              "verdeeld (zoals Haaren in 2021) is niet te verdelen: de gemeenten die een deel kregen, "
                              "hebben voor die jaren geen cijfer (onvolledig). Arbeidsmarktregio's zijn de som van "
                              "hun gemeenten; RMC-regio's zijn het cijfer van CBS zelf, behalve in jaren waarin CBS de "
                              "regio anders samenstelde: dan de som van de gemeenten van nu. Elke rij zegt in de "
                              "kolom derivation hoe hij gemaakt is (published, carried, summed).",
        "methode.regions.p3": "Grenzen: CBS/PDOK, CBS Gebiedsindelingen (gegeneraliseerd), via cartomap/nl.",
        "methode.need": "Prioriteitsindex",
        "methode.need.absent": "Deze versie bevat geen prioriteitsindex; de kaarten en tabellen tonen de afzonderlijke "
                               "indicatoren.",
        "methode.licence": "Licentie en bronvermelding",
        "methode.licence.p1": "Bron: CBS. De cijfers van het Centraal Bureau voor de Statistiek (StatLine) vallen "
                              "onder de licentie Creative Commons Naamsvermelding 4.0 (CC BY 4.0). U mag ze delen en "
                              "bewerken als u de bron vermeldt, bijvoorbeeld: \u201cBron: CBS\u201d.",
        "methode.licence.p2": "Grenzen: CBS/PDOK, CBS Gebiedsindelingen (gegeneraliseerd), via cartomap/nl, CC BY 4.0.",
        "methode.licence.p3": "Bewerkingen (regio-cijfers uit opgetelde aantallen, de afgeleide regio-indeling en de "
                              "prioriteitsindex) zijn van dit project, niet van CBS.",
        "methode.licence.link": "De licentietekst (CC BY 4.0)",
        "methode.licence.version": "Dataversie {version}, gebouwd op {built}.",
        "methode.a11y": "Toegankelijkheid",
        "methode.a11y.p1": "We streven naar niveau AA van de Web Content Accessibility Guidelines (WCAG) 2.1.",
        "methode.a11y.tested": "Wat we testen",
        "methode.a11y.t1": "Elke pagina heeft een taalattribuut (nl of en), een link \u201cNaar de inhoud\u201d, "
                           "herkenbare gebieden (kop, navigatie, hoofdinhoud, voettekst) en koppen in volgorde.",
        "methode.a11y.t2": "Alles is met het toetsenbord te bedienen en de focus is zichtbaar.",
        "methode.a11y.t3": "Kleuren: tekst heeft ten minste contrast 4,5:1; grafieken gebruiken kleurenblind-veilige "
                           "paletten (Okabe-Ito, viridis) en nooit alleen kleur: pijlen, woorden en lijnstijlen "
                           "dragen dezelfde informatie.",
        "methode.a11y.t4": "Bij elke grafiek staat een beschrijving in woorden en een tabel met dezelfde cijfers.",
        "methode.a11y.t5": "Automatische browsertests controleren dat de pagina's laden zonder fouten, het "
                           "taalattribuut klopt en de taalkeuze werkt, en toetsen elke pagina met axe-core.",
        "methode.a11y.t6": "De bestuurlijke samenvatting (Overzicht, en Afdrukken op een regiopagina) past op één "
                           "A4-pagina, voor Nederland, elke arbeidsmarktregio en elke gemeente; dat wordt getest "
                           "door af te drukken naar pdf.",
        "methode.a11y.limits": "Bekende beperkingen",
        "methode.a11y.l1": "De regio's op een kaart zijn met toetsenbord of schermlezer niet te bereiken: gebruik "
                           "de tabel of de regiokeuzelijst in plaats van de kaart.",
        "methode.a11y.l2": "Tooltips in interactieve grafieken werken alleen met de muis; de tabel bij de grafiek "
                           "bevat dezelfde cijfers.",
        "methode.a11y.l3": "Er is nog geen volledige audit door een externe partij gedaan.",
        "methode.a11y.l4": "Keuzelijsten met een zoekveld (zoals op Verkennen en Data) werken met het toetsenbord, "
                           "maar geven schermlezers geen goede naam; op het Overzicht is de regiokeuze daarom een "
                           "gewone keuzelijst.",
        "methode.a11y.contact": "Loopt u tegen een probleem aan? Meld het bij de beheerder van deze website (de "
                                "organisatie die u naar dit dashboard verwees); die geeft het door aan de makers.",
    },
    "en": {
        "methode.page_title": "Method – Young people and the labour market",
        "methode.title": "Method and sources",
        "methode.intro": "What the figures mean, where they come from, how we compute them, and what in this "
                         "version is real and what is demonstration data.",
        "methode.toc": "On this page",
        "methode.indicators": "Indicators",
        "methode.ind.id": "Code",
        "methode.ind.definition": "Definition",
        "methode.ind.computation": "Computation",
        "methode.ind.unit": "Unit",
        "methode.ind.sources": "CBS table",
        "methode.ind.levels": "Region levels",
        "methode.ind.frequencies": "Periods",
        "methode.ind.direction": "Direction",
        "methode.ind.data": "Data",
        "methode.dir.true": "higher means more need for support",
        "methode.dir.false": "higher means less need for support",
        "methode.dir.none": "no direction: background figure",
        "methode.level.land": "the Netherlands",
        "methode.level.arbeidsmarktregio": "labour-market regions (35)",
        "methode.level.rmc": "RMC regions (40)",
        "methode.level.gemeente": "municipalities (342)",
        "methode.freq.year": "year",
        "methode.freq.half_year": "half year",
        "methode.freq.quarter": "quarter",
        "methode.freq.month": "month",
        "methode.freq.school_year": "school year",
        "methode.rates": "How we compute",
        "methode.rates.p1": "Percentages and rates per 1,000 for municipalities and the Netherlands are computed "
                            "from the counts CBS publishes (numerator and denominator), as stated per indicator.",
        "methode.rates.p2": "For a labour-market region we first add up the counts of its municipalities (numerator "
                            "and denominator separately) and then divide. We never average municipal percentages: "
                            "that would give small municipalities too much weight. Where CBS publishes a figure for "
                            "the region itself, we use that.",
        "methode.rates.p3": "If the count of one municipality is missing (for example confidential), the region gets "
                            "no figure and is marked incomplete.",
        "methode.rates.p4": "Unemployment (15-75) and youth unemployment (15-25) come from the Labour Force Survey "
                            "and exist nationally only; we show them as CBS publishes them.",
        "methode.rates.p5": "Changes always compare with the same period a year earlier (same month, same quarter or "
                            "the previous school year), so seasons do not distort them.",
        "methode.rates.p6": "Rounding: percentages and rates per 1,000 show one decimal, counts whole numbers; a 5 is "
                            "rounded up (6.25 becomes 6.3). The same rule holds in map, chart, table, brief and text. "
                            "Downloads hold the value itself (up to 6 decimals), not rounded.",
        "methode.missing": "Missing figures",
        "methode.missing.p1": "A missing figure is always shown as \u201c–\u201d with its reason, never as 0. "
                              "The reasons come from CBS:",
        "methode.sources": "Sources: what is real and what is demo",
        "methode.sources.p1": "Per CBS table and per part we fetch: when CBS changed the table, when we fetched it, "
                              "and whether the figures are real (from CBS) or generated (demo). Demo data have "
                              "exactly the shape of the CBS table, but the numbers are made up; do not use them for "
                              "policy.",
        "methode.sources.p_demo": "This version contains demonstration data: the regional youth figures are "
                                  "generated, not from CBS. Once the administrator of this website loads real CBS "
                                  "figures, the word DEMO disappears everywhere.",
        "methode.sources.p_real": "All figures in this version come from CBS.",
        "methode.src.modified": "Changed by CBS",
        "methode.src.slice": "Part",
        "methode.src.fetched": "Fetched",
        "methode.src.kind": "Kind",
        "methode.src.real": "real (CBS)",
        "methode.src.real_eurostat": "real (Eurostat)",
        "methode.src.about.real_eurostat": "Real figures of Eurostat: its copy of CBS's Labour Force Survey. A CBS "
                                           "refresh replaces them by CBS's own series.",
        "methode.src.demo": "DEMO (generated)",
        "methode.src.about": "What it is",
        "methode.src.about.demo": "Generated in the shape of the CBS table (matched to published totals where "
                                  "possible): not real figures. Do not use for policy.",
        "methode.src.about.real": "Real CBS figures, as CBS publishes them.",
        "methode.src.about.derived": "Derived by this project from the CBS/PDOK boundaries (not a CBS table).",
        "methode.sources.p_metadata": "The technical provenance of every file (snapshot, filter, checksums, how the "
                                      "demo data were made) is in metadata.json in every download with metadata "
                                      "(Data page).",
        "methode.slice.80590ned.totaal-15-75": "aged 15 to 75 (unemployment)",
        "methode.slice.80590ned.totaal-15-25": "aged 15 to 25 (youth unemployment)",
        "methode.slice.84780ned.totaal": "all early school leavers",
        "methode.slice.85554ned.jonger-dan-27": "younger than 27",
        "methode.slice.85554ned.totaal": "all ages",
        "methode.slice.82859ned.totaal": "all young people aged 15 to 27",
        "methode.slice.82859ned.met-uitkering": "with a social-security benefit",
        "methode.slice.une_rt_m.nl-jonger-dan-25": "the Netherlands, under 25, seasonally adjusted",
        "methode.slice.85984ned.gemeenten": "population per municipality",
        "methode.slice.86087ned.total": "all young people aged 15 to 27",
        "methode.slice.86087ned.neet": "neither working nor learning",
        "methode.slice.86087ned.benefit": "on benefits",
        "methode.slice.86087ned.jobseeker": "registered with UWV",
        "methode.slice.86223ned.total": "all young people aged 15 to 27",
        "methode.slice.86223ned.neet": "neither working nor learning",
        "methode.slice.86223ned.benefit": "on benefits",
        "methode.slice.86223ned.jobseeker": "registered with UWV",
        "methode.slice.86247ned.gemeenten": "municipality to labour-market region and RMC region; former "
                                            "municipalities",
        "methode.slice.gebieden-2025.afgeleid": "municipality to labour-market region",
        "methode.table.80590ned": "Labour participation and unemployment per month",
        "methode.table.84780ned": "Early school leavers; sex, region of residence",
        "methode.table.85554ned": "Persons on unemployment benefit (WW), seasonally adjusted; characteristics and "
                                  "region",
        "methode.table.85984ned": "Key figures of districts and neighbourhoods 2024",
        "methode.table.82859ned": "Young people (15 to 27); labour market position, benefit, region (2005-2013, "
                                  "discontinued)",
        "methode.table.une_rt_m": "Unemployment by sex and age, monthly (Eurostat, une_rt_m)",
        "methode.table.86087ned": "Labour market situation of young people (15 to 27); region (2024 division)",
        "methode.table.86223ned": "Labour market situation of young people (15 to 27); region (2025 division)",
        "methode.table.86247ned": "Regions in the Netherlands 2026",
        "methode.table.gebieden-2025": "Municipalities by labour-market region (derived from CBS/PDOK boundaries "
                                       "2025)",
        "methode.regions": "Regions and boundaries",
        "methode.regions.p1": "We use today's 342 municipalities, 35 labour-market regions and 40 RMC regions: CBS's "
                              "division (Gebieden in Nederland 2026). The RMC regions (Regionale Meld- en "
                              "Coördinatiefunctie: where aftercare for early school leavers is organised) are those "
                              "of the 2025 edition; the municipalities did not change in 2026.",
        "methode.regions.p2": "Figures of earlier years are on the municipalities of that year. We carry them onto "
                              "today's municipalities by adding the counts of merged ones (Weesp to Amsterdam; "
                              "Brielle, Hellevoetsluis and Westvoorne to Voorne aan Zee) and compute rates from the "
                              "summed counts. A municipality divided over several others (such as Haaren in 2021) "
                              "cannot be divided: the municipalities that received a part have no figure for those "
                              "years (incomplete). Labour-market regions are the sum of their municipalities; RMC "
                              "regions are CBS's own figure, except in years CBS composed the region differently: "
                              "then the sum of today's municipalities. Each row says how it was made in the column "
                              "derivation (published, carried, summed).",
        "methode.regions.p3": "Boundaries: CBS/PDOK, CBS Gebiedsindelingen (generalised), via cartomap/nl.",
        "methode.need": "Priority index",
        "methode.need.absent": "This version has no priority index; the maps and tables show the separate indicators.",
        "methode.licence": "Licence and attribution",
        "methode.licence.p1": "Source: CBS. The figures of Statistics Netherlands (CBS, StatLine) are licensed under "
                              "Creative Commons Attribution 4.0 (CC BY 4.0). You may share and adapt them if you "
                              "credit the source, for example: \u201cBron: CBS\u201d (Source: CBS).",
        "methode.licence.p2": "Boundaries: CBS/PDOK, CBS Gebiedsindelingen (generalised), via cartomap/nl, CC BY 4.0.",
        "methode.licence.p3": "Derived work (regional figures from summed counts, the derived regional assignment and "
                              "the priority index) is by this project, not by CBS.",
        "methode.licence.link": "The licence text (CC BY 4.0)",
        "methode.licence.version": "Data version {version}, built on {built}.",
        "methode.a11y": "Accessibility",
        "methode.a11y.p1": "We aim for level AA of the Web Content Accessibility Guidelines (WCAG) 2.1.",
        "methode.a11y.tested": "What we test",
        "methode.a11y.t1": "Every page has a language attribute (nl or en), a \u201cSkip to content\u201d link, "
                           "landmarks (header, navigation, main content, footer) and headings in order.",
        "methode.a11y.t2": "Everything works with the keyboard and the focus is visible.",
        "methode.a11y.t3": "Colours: text has a contrast of at least 4.5:1; charts use colour-blind-safe palettes "
                           "(Okabe-Ito, viridis) and never colour alone: arrows, words and line styles carry the same "
                           "information.",
        "methode.a11y.t4": "Every chart comes with a description in words and a table with the same figures.",
        "methode.a11y.t5": "Automated browser tests check that pages load without errors, the language attribute "
                           "is right and the language switch works, and audit every page with axe-core.",
        "methode.a11y.t6": "The board brief (Overview, and Print on a region page) fits on one A4 page, for the "
                           "Netherlands, every labour-market region and every municipality; this is tested by "
                           "printing to PDF.",
        "methode.a11y.limits": "Known limitations",
        "methode.a11y.l1": "A map's regions cannot be reached by keyboard or screen reader: use the table or the "
                           "region list instead of the map.",
        "methode.a11y.l2": "Tooltips in interactive charts need a mouse; the table with each chart has the same "
                           "figures.",
        "methode.a11y.l3": "No full audit by an external party has been done yet.",
        "methode.a11y.l4": "Lists with a search field (as on Explore and Data) work with the keyboard but do not "
                           "give screen readers a proper name; on the Overview the region choice is therefore a plain "
                           "select list.",
        "methode.a11y.contact": "Run into a problem? Report it to the administrator of this website (the organisation "
                                "that pointed you to this dashboard); they pass it on to its makers.",
    },
}

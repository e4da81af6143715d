"""Texts of the priority page ("/prioriteit"): need index, rank intervals, peers, aftercare."""

TEXT = {
    "nl": {
        "priority.page_title": "Prioriteit – Jongeren en arbeidsmarkt",
        "priority.nav": "Prioriteit",
        "priority.title": "Waar is gezamenlijke actie het meest nodig?",
        "priority.intro": "De prioriteitsindex telt vijf jongerencijfers samen tot één rangorde: hoger = meer "
                          "behoefte. Overlappen de 90%-intervallen van twee regio's, dan is het verschil niet zeker.",
        "priority.method_link": "Hoe de index wordt berekend",
        "priority.controls": "Instellingen",
        "priority.weights": "Gewichten",
        "priority.weights_help": "Sleep om een onderdeel zwaarder (tot 3) of lichter (0 = niet meetellen) te laten "
                                 "wegen. Standaard weegt elk onderdeel 1; alleen de verhouding telt.",
        "priority.reset": "Standaardinstellingen (gewichten en normalisatie)",
        "priority.normalisation": "Normalisatie",
        "priority.norm.zscore": "z-score (standaard)",
        "priority.norm.minmax": "min-max (0–1)",
        "priority.norm.rank": "rang (ongevoelig voor uitschieters)",
        "priority.period": "Jaar",
        "priority.period_help": "Jongerencijfers van oktober; vsv van het schooljaar dat dan net is afgelopen "
                                "({school_year}).",
        "priority.component.neet_share": "Jongeren zonder werk en opleiding (%)",
        "priority.component.youth_jobseeker_rate": "Ingeschreven bij UWV (per 1.000 jongeren)",
        "priority.component.youth_benefit_share": "Jongeren met een uitkering (%)",
        "priority.component.early_school_leaver_rate": "Voortijdig schoolverlaters (%)",
        "priority.component.neet_share_change": "Toename jongeren zonder werk en opleiding (t.o.v. vorig jaar)",
        "priority.all_zero": "Zet minstens één gewicht boven 0.",
        "priority.no_data": "Er zijn geen jaren met cijfers voor alle onderdelen van de index.",
        "priority.ranking": "Rangorde met 90%-intervallen",
        "priority.ranking_help": "De stip is de rang volgens de gepubliceerde cijfers; de lijn het 90%-interval uit "
                                 "{draws} herberekeningen met onzekerheid in kleine aantallen en in de gewichten. "
                                 "Rang 1 = meeste behoefte.",
        "priority.axis_rank": "Rang (1 = meeste behoefte)",
        "priority.hover": "{name}<br>rang {rank} (90%: {low}–{high})<br>index {index}<br>{label}",
        "priority.label.certain": "zeker in top {k}",
        "priority.label.possible": "mogelijk top {k}",
        "priority.label.indistinct": "niet te onderscheiden",
        "priority.summary_wide": "Ook {n} {level_plural} reiken tot de top 5, met een interval te breed om ze te "
                                 "plaatsen (○ in de grafiek).",
        "priority.summary_wide_one": "Ook 1 {level_one} reikt tot de top 5, met een interval te breed om haar te "
                                     "plaatsen (○ in de grafiek).",
        "priority.label.outside": "niet in top {k}",
        "priority.summary": "{n} {level_plural}, jaar {period}. Zeker in de top 5: {certain}. Mogelijk top 5: "
                            "{possible}.",
        "priority.summary_none": "geen",
        "priority.missing": "Zonder index (een gewogen onderdeel ontbreekt): {regions}.",
        "priority.table_caption": "Prioriteitsindex per {level}, {period}",
        "priority.col.rank": "Rang",
        "priority.col.interval": "90%-interval",
        "priority.col.region": "Regio",
        "priority.col.index": "Index",
        "priority.col.label": "Top 5?",
        "priority.col.peer_group": "Profielgroep",
        "priority.show_table": "Toon de rangorde als tabel",
        "priority.show_sensitivity": "Toon de verschuiving van elke regio per variant",
        "priority.map": "Kaart van de prioriteitsindex",
        "priority.map_help": "Prioriteitsindex per {level}, {period}.",
        "priority.map_no_index": "geen index",
        "priority.map_alt": "Kaart van de prioriteitsindex per {level}, {period}: geel = meer behoefte, "
                            "donkerpaars = minder, grijs = geen index. De cijfers staan in de rangorde en de tabel "
                            "ervan.",
        "priority.aftercare": "Nazorg: waar gemeente en school samen moeten opvolgen",
        "priority.aftercare_help": "Aantallen jongeren zonder werk en opleiding (oktober {period}) en voortijdig "
                                   "schoolverlaters (schooljaar {school_year}): de groepen voor nazorg. De twee "
                                   "groepen overlappen: tel ze niet op.",
        "priority.aftercare.neet_count": "Zonder werk en opleiding (aantal)",
        "priority.aftercare.early_school_leavers": "Vsv (aantal)",
        "priority.aftercare_caption": "Nazorg per {level}, {period}",
        "priority.download": "Download de index (CSV)",
        "priority.status": "Rangorde bijgewerkt: {n} {level_plural}, {period}.",
        "priority.level": "Niveau",
        "priority.level.arbeidsmarktregio": "Arbeidsmarktregio's (35)",
        "priority.level.rmc": "RMC-regio's (40)",
        "priority.level.gemeente": "Gemeenten (342)",
        "priority.level_one.arbeidsmarktregio": "arbeidsmarktregio",
        "priority.level_one.rmc": "RMC-regio",
        "priority.level_one.gemeente": "gemeente",
        "priority.level_plural.arbeidsmarktregio": "arbeidsmarktregio's",
        "priority.level_plural.rmc": "RMC-regio's",
        "priority.level_plural.gemeente": "gemeenten",
        "priority.level_help": "Nazorg organiseren gemeenten en scholen: kies Gemeenten om de index en de nazorg per "
                               "gemeente te zien.",
        "priority.ranking_top": "De grafiek toont de {shown} {level_plural} met de hoogste rang; alle {n} staan in "
                                "de tabel eronder en in de download.",
        "priority.sensitivity": "Hoe gevoelig is de rangorde voor de gewichten?",
        "priority.sensitivity_summary": "De top 5 bestaat uit dezelfde {level_plural} in {same} van de {variants} "
                                        "varianten. De grootste verschuiving: {region} gaat {move} als "
                                        "\u201c{component}\u201d {kind}.",
        "priority.sensitivity_none": "Met één gewogen onderdeel is er niets om weg te laten.",
        "priority.sensitivity_one": "Met één gewogen onderdeel volgt de rangorde alleen dat onderdeel: weglaten kan "
                                    "niet, en dubbel tellen verandert geen enkele rang.",
        "priority.sensitivity_still": "De top 5 bestaat uit dezelfde {level_plural} in {same} van de {variants} "
                                      "varianten, en geen enkele regio verschuift.",
        "priority.sensitivity_kind.drop": "wegvalt",
        "priority.sensitivity_kind.double": "dubbel telt",
        "priority.sensitivity_caption": "Verschuiving van de rang per variant ({level_plural}, {period})",
        "priority.sensitivity_legend": "Per onderdeel: \u201czonder\u201d = gewicht 0, \u201c×2\u201d = dubbel "
                                       "gewicht. ↑ 3 = drie plaatsen omhoog (meer behoefte), ↓ 3 = drie omlaag, "
                                       "0 = gelijk.",
        "priority.sensitivity_shown": "De {shown} {level_plural} met de hoogste rang; alle {n} staan in de download.",
        "priority.sensitivity_col.rank": "Rang",
        "priority.sensitivity_col.region": "Regio",
        "priority.sensitivity_col.drop": "zonder",
        "priority.sensitivity_col.double": "×2",
        "priority.sensitivity_col.max": "Grootste verschuiving",
        "priority.move_up": "{n} plaatsen omhoog",
        "priority.move_up.one": "1 plaats omhoog",
        "priority.move_down": "{n} plaatsen omlaag",
        "priority.move_down.one": "1 plaats omlaag",
        "priority.short.neet_share": "Zonder werk/opleiding",
        "priority.short.youth_jobseeker_rate": "UWV",
        "priority.short.youth_benefit_share": "Uitkering",
        "priority.short.early_school_leaver_rate": "Vsv",
        "priority.short.neet_share_change": "Toename",
        "priority.map_legend": "Geel = meer behoefte, donkerpaars = minder behoefte; grijs = geen index. Dezelfde "
                               "kleurregel geldt op elke kaart.",
        "priority.aftercare_sort_help": "Klik op een kolomkop om te sorteren. Aantal = de omvang van de taak; "
                                        "aandeel = de zwaarte ervan. De balken tonen de waarde ten opzichte van de "
                                        "hoogste.",
        "priority.aftercare_sort": "Sorteer op {column}",
        "priority.aftercare.neet_share": "Zonder werk en opleiding (% van jongeren)",
        "priority.aftercare.early_school_leaver_rate": "Vsv (% van deelnemers)",
        "priority.aftercare_shown": "Gesorteerd op {column}.",
        "priority.rows_shown": "De eerste {shown} van {n} {level_plural} staan hier.",
        "priority.show_all": "Toon alle {n} {level_plural}",
    },
    "en": {
        "priority.page_title": "Priority – Young people and the labour market",
        "priority.nav": "Priority",
        "priority.title": "Where is joint action most needed?",
        "priority.intro": "The priority index adds five youth figures up to one ranking: higher = more need. Where "
                          "the 90% intervals of two regions overlap, the difference is not certain.",
        "priority.method_link": "How the index is computed",
        "priority.controls": "Settings",
        "priority.weights": "Weights",
        "priority.weights_help": "Drag to make a component weigh more (up to 3) or less (0 = leave out). By default "
                                 "every component weighs 1; only the proportions matter.",
        "priority.reset": "Default settings (weights and normalisation)",
        "priority.normalisation": "Normalisation",
        "priority.norm.zscore": "z-score (default)",
        "priority.norm.minmax": "min-max (0–1)",
        "priority.norm.rank": "rank (robust to outliers)",
        "priority.period": "Year",
        "priority.period_help": "Youth figures of October; early school leavers of the school year just ended "
                                "({school_year}).",
        "priority.component.neet_share": "Young people neither working nor learning (%)",
        "priority.component.youth_jobseeker_rate": "Registered with UWV (per 1,000 young people)",
        "priority.component.youth_benefit_share": "Young people on benefits (%)",
        "priority.component.early_school_leaver_rate": "Early school leavers (%)",
        "priority.component.neet_share_change": "Increase in young people neither working nor learning (on last year)",
        "priority.all_zero": "Set at least one weight above 0.",
        "priority.no_data": "No year has figures for every component of the index.",
        "priority.ranking": "Ranking with 90% intervals",
        "priority.ranking_help": "The dot is the rank from the published figures; the line the 90% interval from "
                                 "{draws} recomputations with uncertainty in small numbers and in the weights. "
                                 "Rank 1 = most need.",
        "priority.axis_rank": "Rank (1 = most need)",
        "priority.hover": "{name}<br>rank {rank} (90%: {low}–{high})<br>index {index}<br>{label}",
        "priority.label.certain": "certainly in the top {k}",
        "priority.label.possible": "possibly top {k}",
        "priority.label.indistinct": "cannot be distinguished",
        "priority.summary_wide": "{n} more {level_plural} reach into the top 5, with an interval too wide to place "
                                 "them (○ in the chart).",
        "priority.summary_wide_one": "1 more {level_one} reaches into the top 5, with an interval too wide to place it "
                                     "(○ in the chart).",
        "priority.label.outside": "not in the top {k}",
        "priority.summary": "{n} {level_plural}, year {period}. Certainly in the top 5: {certain}. Possibly "
                            "top 5: {possible}.",
        "priority.summary_none": "none",
        "priority.missing": "Without an index (a weighted component is missing): {regions}.",
        "priority.table_caption": "Priority index per {level}, {period}",
        "priority.col.rank": "Rank",
        "priority.col.interval": "90% interval",
        "priority.col.region": "Region",
        "priority.col.index": "Index",
        "priority.col.label": "Top 5?",
        "priority.col.peer_group": "Profile group",
        "priority.show_table": "Show the ranking as a table",
        "priority.show_sensitivity": "Show each region's move per variant",
        "priority.map": "Map of the priority index",
        "priority.map_help": "Priority index per {level}, {period}.",
        "priority.map_no_index": "no index",
        "priority.map_alt": "Map of the priority index per {level}, {period}: yellow = more need, dark "
                            "purple = less, grey = no index. The figures are in the ranking and its table.",
        "priority.aftercare": "Aftercare: where municipality and school must follow up together",
        "priority.aftercare_help": "Numbers of young people neither working nor learning (October {period}) and "
                                   "early school leavers (school year {school_year}): the groups for aftercare. The "
                                   "two groups overlap: do not add them up.",
        "priority.aftercare.neet_count": "Neither working nor learning (number)",
        "priority.aftercare.early_school_leavers": "Early leavers (number)",
        "priority.aftercare_caption": "Aftercare per {level}, {period}",
        "priority.download": "Download the index (CSV)",
        "priority.status": "Ranking updated: {n} {level_plural}, {period}.",
        "priority.level": "Level",
        "priority.level.arbeidsmarktregio": "Labour-market regions (35)",
        "priority.level.rmc": "RMC regions (40)",
        "priority.level.gemeente": "Municipalities (342)",
        "priority.level_one.arbeidsmarktregio": "labour-market region",
        "priority.level_one.rmc": "RMC region",
        "priority.level_one.gemeente": "municipality",
        "priority.level_plural.arbeidsmarktregio": "labour-market regions",
        "priority.level_plural.rmc": "RMC regions",
        "priority.level_plural.gemeente": "municipalities",
        "priority.level_help": "Aftercare is organised by municipalities and schools: choose Municipalities to see the "
                               "index and aftercare per municipality.",
        "priority.ranking_top": "The chart shows the {shown} {level_plural} with the highest rank; all {n} are in "
                                "the table below and in the download.",
        "priority.sensitivity": "How sensitive is the ranking to the weights?",
        "priority.sensitivity_summary": "The top 5 is made up of the same {level_plural} in {same} of the {variants} "
                                        "variants. The largest move: {region} goes {move} when "
                                        "\u201c{component}\u201d {kind}.",
        "priority.sensitivity_none": "With one weighted component there is nothing to leave out.",
        "priority.sensitivity_one": "With one weighted component the ranking follows that component alone: it cannot "
                                    "be left out, and counting it double changes no rank.",
        "priority.sensitivity_still": "The top 5 is made up of the same {level_plural} in {same} of the {variants} "
                                      "variants, and no region moves at all.",
        "priority.sensitivity_kind.drop": "is left out",
        "priority.sensitivity_kind.double": "counts double",
        "priority.sensitivity_caption": "Move of the rank per variant ({level_plural}, {period})",
        "priority.sensitivity_legend": "Per component: \u201cwithout\u201d = weight 0, \u201c×2\u201d = double "
                                       "weight. ↑ 3 = three places up (more need), ↓ 3 = three down, 0 = the same.",
        "priority.sensitivity_shown": "The {shown} {level_plural} with the highest rank; all {n} are in the download.",
        "priority.sensitivity_col.rank": "Rank",
        "priority.sensitivity_col.region": "Region",
        "priority.sensitivity_col.drop": "without",
        "priority.sensitivity_col.double": "×2",
        "priority.sensitivity_col.max": "Largest move",
        "priority.move_up": "{n} places up",
        "priority.move_up.one": "1 place up",
        "priority.move_down": "{n} places down",
        "priority.move_down.one": "1 place down",
        "priority.short.neet_share": "Not working/learning",
        "priority.short.youth_jobseeker_rate": "UWV",
        "priority.short.youth_benefit_share": "Benefits",
        "priority.short.early_school_leaver_rate": "Early leavers",
        "priority.short.neet_share_change": "Increase",
        "priority.map_legend": "Yellow = more need, dark purple = less need; grey = no index. The same colour rule "
                               "holds on every map.",
        "priority.aftercare_sort_help": "Click a column heading to sort. Number = the size of the task; share = its "
                                        "intensity. The bars show the value relative to the highest.",
        "priority.aftercare_sort": "Sort by {column}",
        "priority.aftercare.neet_share": "Neither working nor learning (% of young people)",
        "priority.aftercare.early_school_leaver_rate": "Early leavers (% of students)",
        "priority.aftercare_shown": "Sorted by {column}.",
        "priority.rows_shown": "The first {shown} of {n} {level_plural} are shown here.",
        "priority.show_all": "Show all {n} {level_plural}",
    },
}

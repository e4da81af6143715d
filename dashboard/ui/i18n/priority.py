"""Texts of the priority page ("/prioriteit"): need index, rank intervals, peers, aftercare."""

TEXT = {
    "nl": {
        "priority.page_title": "Prioriteit – Jongeren en arbeidsmarkt",
        "priority.nav": "Prioriteit",
        "priority.title": "Waar is gezamenlijke actie het meest nodig?",
        "priority.intro": "De behoefte-index combineert het aandeel jongeren zonder werk en opleiding, jongeren "
                          "ingeschreven bij UWV, jongeren met een uitkering, voortijdig schoolverlaters en de "
                          "verandering van het aandeel zonder werk en opleiding. Hoger = meer behoefte. Elke "
                          "rang heeft een 90%-interval: overlappen intervallen, dan is het verschil niet zeker.",
        "priority.method_link": "Hoe de index wordt berekend",
        "priority.controls": "Instellingen",
        "priority.weights": "Gewichten",
        "priority.weights_help": "Sleep om een onderdeel zwaarder (tot 3) of lichter (0 = niet meetellen) te laten "
                                 "wegen. Standaard weegt elk onderdeel 1; alleen de verhouding telt.",
        "priority.reset": "Standaardgewichten",
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
        "priority.label.outside": "niet in top {k}",
        "priority.summary": "{n} arbeidsmarktregio's, jaar {period}. Zeker in de top 5: {certain}. Mogelijk top 5: "
                            "{possible}.",
        "priority.summary_none": "geen",
        "priority.missing": "Zonder index (een gewogen onderdeel ontbreekt): {regions}.",
        "priority.table_caption": "Behoefte-index per arbeidsmarktregio, {period}",
        "priority.col.rank": "Rang",
        "priority.col.interval": "90%-interval",
        "priority.col.region": "Arbeidsmarktregio",
        "priority.col.index": "Index",
        "priority.col.label": "Top 5?",
        "priority.col.peer_group": "Groep",
        "priority.show_table": "Toon de rangorde als tabel",
        "priority.show_aftercare_table": "Toon de nazorgcijfers als tabel",
        "priority.map": "Kaart van de behoefte-index",
        "priority.map_help": "Donkerblauw = minder behoefte, geel = meer behoefte (index, {period}). Niet "
                             "ingekleurd: geen index.",
        "priority.map_colorbar": "Index",
        "priority.aftercare": "Nazorg: waar gemeente en school samen moeten opvolgen",
        "priority.aftercare_help": "Aantallen jongeren zonder werk en opleiding (oktober {period}) en voortijdig "
                                   "schoolverlaters (schooljaar {school_year}): de groepen voor nazorg. De twee "
                                   "groepen overlappen: tel ze niet op.",
        "priority.aftercare.neet_count": "Zonder werk en opleiding",
        "priority.aftercare.early_school_leavers": "Voortijdig schoolverlaters",
        "priority.aftercare.youth_jobseeker_rate": "Bij UWV (per 1.000)",
        "priority.aftercare.youth_benefit_share": "Met uitkering (%)",
        "priority.aftercare.share_of_national_neet": "Aandeel van NL (%)",
        "priority.aftercare_caption": "Nazorg per arbeidsmarktregio, {period}",
        "priority.aftercare_axis": "Aantal jongeren",
        "priority.download": "Download de index (CSV)",
        "priority.status": "Rangorde bijgewerkt: {n} regio's, {period}.",
    },
    "en": {
        "priority.page_title": "Priority – Young people and the labour market",
        "priority.nav": "Priority",
        "priority.title": "Where is joint action most needed?",
        "priority.intro": "The need index combines the share of young people neither working nor in education, "
                          "young people registered with UWV, young people on benefits, early school leavers and "
                          "the change in the share neither working nor learning. Higher = more need. Every rank "
                          "has a 90% interval: where intervals overlap, the difference is not certain.",
        "priority.method_link": "How the index is computed",
        "priority.controls": "Settings",
        "priority.weights": "Weights",
        "priority.weights_help": "Drag to make a component weigh more (up to 3) or less (0 = leave out). By default "
                                 "every component weighs 1; only the proportions matter.",
        "priority.reset": "Default weights",
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
        "priority.label.outside": "not in the top {k}",
        "priority.summary": "{n} labour-market regions, year {period}. Certainly in the top 5: {certain}. Possibly "
                            "top 5: {possible}.",
        "priority.summary_none": "none",
        "priority.missing": "Without an index (a weighted component is missing): {regions}.",
        "priority.table_caption": "Need index per labour-market region, {period}",
        "priority.col.rank": "Rank",
        "priority.col.interval": "90% interval",
        "priority.col.region": "Labour-market region",
        "priority.col.index": "Index",
        "priority.col.label": "Top 5?",
        "priority.col.peer_group": "Group",
        "priority.show_table": "Show the ranking as a table",
        "priority.show_aftercare_table": "Show the aftercare figures as a table",
        "priority.map": "Map of the need index",
        "priority.map_help": "Dark blue = less need, yellow = more need (index, {period}). Not coloured: no "
                             "index.",
        "priority.map_colorbar": "Index",
        "priority.aftercare": "Aftercare: where municipality and school must follow up together",
        "priority.aftercare_help": "Numbers of young people neither working nor learning (October {period}) and "
                                   "early school leavers (school year {school_year}): the groups for aftercare. The "
                                   "two groups overlap: do not add them up.",
        "priority.aftercare.neet_count": "Neither working nor learning",
        "priority.aftercare.early_school_leavers": "Early school leavers",
        "priority.aftercare.youth_jobseeker_rate": "With UWV (per 1,000)",
        "priority.aftercare.youth_benefit_share": "On benefits (%)",
        "priority.aftercare.share_of_national_neet": "Share of NL (%)",
        "priority.aftercare_caption": "Aftercare per labour-market region, {period}",
        "priority.aftercare_axis": "Young people",
        "priority.download": "Download the index (CSV)",
        "priority.status": "Ranking updated: {n} regions, {period}.",
    },
}

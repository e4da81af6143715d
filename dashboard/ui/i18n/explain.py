"""Plain-language explanations of the need index's terms, shown where the terms appear (``explain.*``).

Two or three sentences each, for board members and policy staff; the technical method stays on /methode.
"""

TEXT = {
    "nl": {
        "explain.summary": "Wat betekent {term}?",
        "explain.term.index": "de prioriteitsindex",
        "explain.term.interval": "het 90%-interval",
        "explain.term.contribution": "bijdrage",
        "explain.term.profile_group": "profielgroep",
        "explain.term.distance": "afstand",
        "explain.term.sensitivity": "gevoeligheid",
        "explain.index": "De prioriteitsindex vat vijf cijfers samen tot één getal per regio: jongeren zonder werk "
                         "en opleiding, jongeren ingeschreven bij UWV, jongeren met een uitkering, voortijdig "
                         "schoolverlaters en de toename van jongeren zonder werk en opleiding. Een hogere index "
                         "betekent meer behoefte dan in de andere regio's van hetzelfde niveau. De index vergelijkt "
                         "regio's met elkaar; hoeveel jongeren het betreft, staat bij nazorg.",
        "explain.interval": "Een rang is geen exact getal: kleine aantallen en de keuze van de gewichten maken hem "
                            "onzeker. We rekenen de index 1.000 keer opnieuw uit met die onzekerheid; het "
                            "90%-interval is het bereik waarin de rang in 9 van de 10 herberekeningen valt. "
                            "Overlappen de intervallen van twee regio's, dan is niet zeker welke meer behoefte heeft.",
        "explain.contribution": "Een bijdrage zegt hoeveel één onderdeel de index van een regio omhoog duwt "
                                "(positief) of omlaag (negatief), vergeleken met het gemiddelde van alle regio's. "
                                "Alle bijdragen samen vormen de index. Zo ziet u welk onderdeel de behoefte vooral "
                                "bepaalt.",
        "explain.profile_group": "Regio's in dezelfde profielgroep lijken op elkaar in alle vijf cijfers samen, niet "
                                 "alleen in de index. De groepen worden automatisch gevormd; het nummer van een groep "
                                 "zegt niets over meer of minder behoefte. Regio's uit dezelfde groep zijn goede "
                                 "gesprekspartners om aanpakken te vergelijken.",
        "explain.distance": "De afstand zegt hoe sterk het profiel van een andere regio op dat van deze regio "
                            "lijkt: hoe kleiner, hoe meer gelijk (0 = precies gelijk). Het getal heeft geen eenheid; "
                            "vergelijk de afstanden in de lijst met elkaar.",
        "explain.sensitivity": "Gevoeligheid laat zien hoe de rang van elke regio verschuift als één onderdeel "
                               "wegvalt (gewicht 0) of dubbel telt (gewicht 2), met de andere gewichten gelijk. "
                               "Kleine verschuivingen betekenen dat de rang weinig afhangt van de keuze van de "
                               "gewichten; grote verschuivingen dat die keuze ertoe doet. Hier tellen de "
                               "gepubliceerde cijfers, zonder herberekeningen.",
    },
    "en": {
        "explain.summary": "What does {term} mean?",
        "explain.term.index": "the priority index",
        "explain.term.interval": "the 90% interval",
        "explain.term.contribution": "contribution",
        "explain.term.profile_group": "profile group",
        "explain.term.distance": "distance",
        "explain.term.sensitivity": "sensitivity",
        "explain.index": "The priority index sums up five figures in one number per region: young people neither "
                         "working nor learning, young people registered with UWV, young people on benefits, early "
                         "school leavers and the increase in young people neither working nor learning. A higher "
                         "index means more need than in the other regions of the same level. The index compares "
                         "regions; how many young people are concerned is shown under aftercare.",
        "explain.interval": "A rank is not an exact number: small numbers and the choice of weights make it "
                            "uncertain. We recompute the index 1,000 times with that uncertainty; the 90% interval "
                            "is the range the rank falls in for 9 out of 10 recomputations. Where the intervals of "
                            "two regions overlap, it is not certain which one has more need.",
        "explain.contribution": "A contribution says how much one component pushes a region's index up (positive) "
                                "or down (negative), compared with the average of all regions. All contributions "
                                "together make up the index. So you see which component drives the need most.",
        "explain.profile_group": "Regions in the same profile group resemble each other in all five figures "
                                 "together, not only in the index. The groups are formed automatically; a group's "
                                 "number says nothing about more or less need. Regions of the same group are good "
                                 "partners to compare approaches with.",
        "explain.distance": "The distance says how closely another region's profile resembles this region's: the "
                            "smaller, the more alike (0 = exactly alike). The number has no unit; compare the "
                            "distances in the list with each other.",
        "explain.sensitivity": "Sensitivity shows how each region's rank moves when one component is dropped "
                               "(weight 0) or counts double (weight 2), with the other weights unchanged. Small "
                               "moves mean the rank hardly depends on the choice of weights; large moves mean that "
                               "choice matters. The published figures are used, without recomputations.",
    },
}

"""The need index's method in words, Dutch and English (markdown for the /methode page).

Kept next to the code it describes; when the method changes, this text changes in the same commit.
"""

from __future__ import annotations

METHOD_NL = """\
*Waar is gezamenlijke actie het meest nodig?* De behoefte-index vat vier indicatoren en één verandering
samen tot één getal per arbeidsmarktregio (of RMC-regio, of gemeente), zodat gemeenten en mbo-instellingen kunnen
zien waar jongeren het meest aandacht nodig hebben. Hij volgt de tien stappen van het *Handbook on
Constructing Composite Indicators* (JRC/OECD, 2008).

**1. Theoretisch kader.** Behoefte = jongeren die buiten werk en onderwijs vallen of dreigen te vallen,
en daarvoor gemeente (Participatiewet, RMC-functie) en onderwijs (vsv-aanpak) samen nodig hebben.
Een hogere index betekent méér behoefte. De index meet *relatieve* behoefte binnen één niveau en jaar;
hij zegt niets over het absolute niveau of over de oorzaak.

**2. Selectie van indicatoren** (alle CBS, CC BY 4.0; hoger = meer behoefte; in deze versie zijn de
aandelen zonder werk en opleiding en met een uitkering DEMO, de andere echt: de index is dan DEMO):

| component | bron | periode |
|---|---|---|
| Jongeren zonder werk en opleiding (% van 15–27 jaar) | 86087NED | jaar J (oktober) |
| Jongeren ingeschreven als werkzoekende bij UWV (per 1.000) | 86087NED | jaar J |
| Jongeren met een uitkering (%) | 86087NED | jaar J |
| Voortijdig schoolverlaters (% van deelnemers) | 84780NED | schooljaar J-1/J |
| Verandering van het aandeel zonder werk en opleiding (procentpunt, J min J-1) | 86087NED | J en J-1 |

*Uitlijning schooljaar.* De jongerencijfers gaan over oktober van jaar J. Vsv'ers van schooljaar J-1/J
stonden op 1 oktober J-1 ingeschreven en waren op 1 oktober J zonder startkwalificatie vertrokken: zij
horen bij dezelfde groep jongeren. Jaar 2023 gebruikt dus schooljaar 2022/2023.

**3. Ontbrekende gegevens.** Er wordt niets geïmputeerd. Een regio zonder waarde voor een component met
gewicht boven 0 krijgt geen index en wordt apart genoemd. De rangorde loopt over de regio's mét index.
*Een component die eerder eindigt (of later begint).* Elk jaar J neemt van elke component het cijfer
van jaar J (voor vsv: schooljaar J-1/J), nooit een ouder cijfer in de plaats van een ontbrekend. Een
jaar krijgt alleen een index als elke component met gewicht boven 0 voor dat jaar een cijfer heeft
voor minstens de helft van de regio's van het niveau; anders valt het jaar weg en kunt u het niet
kiezen. Zo hebben gemeenten pas vanaf 2020 een index: CBS publiceert jongeren ingeschreven bij UWV per
gemeente hier pas vanaf 2020 volledig. Zet u het gewicht van een component op 0, dan telt die component
voor de keuze van de jaren niet mee.

**4. Multivariate analyse.** De samenhang tussen de componenten is zichtbaar in de vergelijkbare regio's
(zie 'Vergelijkbare regio's'); sterk samenhangende componenten wegen samen zwaarder, dat is een keuze.

**5. Normalisatie** (per component, over de regio's van één niveau), te kiezen:
*z-score* (afwijking van het gemiddelde in standaarddeviaties; standaard), *min-max* (0 = laagste,
1 = hoogste regio) of *rang* (0 = laagste, 1 = hoogste; ongevoelig voor uitschieters).

**6. Weging.** Gewichten zijn niet-negatief en instelbaar; standaard weegt elke component even zwaar
(gewicht 1). Alleen de verhouding telt: de gewichten worden gedeeld door hun som (2-2-2-2-2 is hetzelfde
als 1-1-1-1-1). Gewicht 0 haalt een component weg.

**7. Aggregatie.** Gewogen rekenkundig gemiddelde van de genormaliseerde componenten. Compensatie is
dus mogelijk: een lage score op de ene component kan een hoge op de andere goedmaken.

**8. Onzekerheid en gevoeligheid.** De index wordt 1.000 keer opnieuw berekend (vast seed, dus
reproduceerbaar), met telkens:
- *kleine aantallen*: elk percentage wordt getrokken uit zijn onzekerheidsverdeling — Beta(teller + ½,
  noemer − teller + ½) (Jeffreys) voor aandelen, Gamma (Poisson) voor aantallen per 1.000 — na
  empirisch-Bayesiaanse krimp: per indicator, jaar en niveau wordt uit de spreiding tussen alle regio's
  (momentenmethode, bèta-binomiaal) geschat hoeveel van een verschil toeval kan zijn. Kleine gemeenten
  worden daardoor naar het gemiddelde getrokken, grote regio's nauwelijks. De CBS-cijfers zijn
  volledige registertellingen; de onzekerheid gaat over wat een klein aantal zegt over de onderliggende
  situatie, niet over een steekproef;
- *afronding*: CBS publiceert de aantallen afgerond (jongerencijfers op 100, vsv op 10). Elke trekking legt
  het werkelijke aantal eerst ergens in zijn afrondingsinterval (een gepubliceerde 100 is 50 tot 149, een
  0 is 0 tot 4): waar afronding ertoe doet, bij kleine aantallen, worden de intervallen breder. Een
  percentage uit een tot 0 afgerond aantal is gemarkeerd (*rounded_zero*): het is geen echte 0;
- *gewichten*: rond de gekozen gewichten, Dirichlet met concentratie 50 × gewicht (standaarddeviatie
  ongeveer 15–30% van het gewicht).

Uit de 1.000 rangordes volgt per regio een *90%-interval* (5e tot 95e percentiel); het interval bevat
altijd de rang van de gepubliceerde cijfers. Een regio heet alleen **"zeker in de top 5"** als het hele
interval binnen de top 5 valt; reikt het interval tot de top 5, dan is het **"mogelijk top 5"**; beslaat
het de helft van de regio's of meer, dan is de plek **niet te onderscheiden**.

**9. Terug naar de gegevens (decompositie).** De index is de som van de bijdragen (gewicht ×
genormaliseerde waarde) van de componenten; de bijdragen staan bij elke regio en in de download.

**10. Koppeling en presentatie.** Vergelijkbare regio's (k-means op gestandaardiseerde profielen, aantal
groepen gekozen met de silhouetscore; de 5 naaste regio's met hun afstand) en de nazorgtabel (aantallen
jongeren zonder werk en opleiding en vsv'ers: waar gemeente en school samen moeten opvolgen). De
rangorde wordt getoond met intervallen, als kaart en als tabel.

*Beperkingen.* Een index rangschikt; hij zegt niet hoe groot de behoefte is of wat werkt. Cijfers met de
markering demo zijn geen echte CBS-cijfers.
"""

METHOD_EN = """\
*Where is joint action most needed?* The need index combines four indicators and one change into one
number per labour-market region (or RMC region, or municipality), so that municipalities and vocational colleges (mbo)
can see where young people need attention most. It follows the ten steps of the *Handbook on
Constructing Composite Indicators* (JRC/OECD, 2008).

**1. Theoretical framework.** Need = young people outside work and education, or at risk of it, whom the
municipality (Participation Act, RMC function) and education (early-leaving policy) must reach together.
A higher index means more need. The index measures *relative* need within one level and year; it does
not say how large the need is, nor why.

**2. Selection of indicators** (all CBS, CC BY 4.0; higher = more need; in this version the shares not in
work or education and on benefits are DEMO, the others real: the index is then DEMO):

| component | source | period |
|---|---|---|
| Young people neither working nor in education (% of 15–27) | 86087NED | year Y (October) |
| Young people registered as jobseekers with UWV (per 1,000) | 86087NED | year Y |
| Young people on benefits (%) | 86087NED | year Y |
| Early school leavers (% of participants) | 84780NED | school year Y-1/Y |
| Change in the share neither working nor learning (percentage points, Y minus Y-1) | 86087NED | Y and Y-1 |

*School-year alignment.* The youth figures describe October of year Y. Early leavers of school year
Y-1/Y were enrolled on 1 October Y-1 and had left without a basic qualification by 1 October Y: they
belong to the same group of young people. Year 2023 therefore uses school year 2022/2023.

**3. Missing data.** Nothing is imputed. A region without a value for a component with a weight above 0
gets no index and is listed separately. Ranks run over the regions that have an index.
*A component that ends earlier (or starts later).* Each year Y takes each component's figure of year Y
(for early school leavers: school year Y-1/Y), never an older figure in place of a missing one. A year
gets an index only when every component with a weight above 0 has a figure of that year for at least
half of the level's regions; otherwise the year is left out and cannot be chosen. So municipalities have
an index from 2020 on: CBS's young people registered with UWV per municipality are complete here from
2020. A component with weight 0 does not count in choosing the years.

**4. Multivariate analysis.** How the components go together shows in the peer regions (see 'Regions
like yours'); strongly related components together weigh more, which is a choice.

**5. Normalisation** (per component, across the regions of one level), selectable:
*z-score* (distance from the mean in standard deviations; default), *min-max* (0 = lowest, 1 = highest
region) or *rank* (0 = lowest, 1 = highest; robust to outliers).

**6. Weighting.** Weights are non-negative and adjustable; by default every component weighs the same
(weight 1). Only proportions matter: weights are divided by their sum (2-2-2-2-2 equals 1-1-1-1-1).
Weight 0 removes a component.

**7. Aggregation.** Weighted arithmetic mean of the normalised components. It is compensatory: a low
score on one component can offset a high score on another.

**8. Uncertainty and sensitivity.** The index is recomputed 1,000 times (fixed seed, so reproducible),
each time with:
- *small numbers*: every rate is drawn from its uncertainty distribution — Beta(numerator + ½,
  denominator − numerator + ½) (Jeffreys) for shares, Gamma (Poisson) for rates per 1,000 — after
  empirical-Bayes shrinkage: per indicator, year and level, the spread between all regions (method of
  moments, beta-binomial) tells how much of a difference may be chance. Small municipalities are pulled
  toward the average, large regions hardly at all. CBS's figures are complete register counts; the
  uncertainty is about what a small number says about the underlying situation, not sampling error;
- *rounding*: CBS publishes the counts rounded (youth figures to 100, early school leavers to 10). Each draw first
  places the true count somewhere in its rounding interval (a published 100 is 50 to 149, a 0 is 0 to 4),
  so intervals widen where rounding matters, for small numbers. A rate from a count rounded to 0 is
  flagged (*rounded_zero*): it is not a true 0;
- *weights*: around the chosen weights, Dirichlet with concentration 50 × weight (standard deviation about
  15–30% of the weight).

The 1,000 rankings give each region a *90% interval* (5th to 95th percentile); the interval always
contains the rank of the published figures. A region is called **"certainly in the top 5"** only when
its whole interval lies within the top 5; when the interval reaches into the top 5 it is **"possibly top
5"**; when it spans half the regions or more, its place **cannot be distinguished**.

**9. Back to the data (decomposition).** The index is the sum of the components' contributions (weight ×
normalised value); the contributions are shown for each region and in the download.

**10. Links and presentation.** Regions like yours (k-means on standardised profiles, the number of
groups chosen by silhouette score; the 5 nearest regions with their distance) and the aftercare table
(numbers of young people neither working nor learning and early school leavers: where municipality and
school must follow up together). The ranking is shown with intervals, as a map and as a table.

*Limitations.* An index ranks; it does not say how large the need is or what works. Figures marked demo
are not real CBS figures.
"""

METHOD_TEXT = {"nl": METHOD_NL, "en": METHOD_EN}

"""Colour-blind-safe colours for every chart and map of the app.

Categorical: Okabe & Ito (2008), distinguishable with the common colour-vision
deficiencies.  Sequential: viridis (colour-blind safe, monotone in lightness, and
without cividis' mid-grey, which reads as the light grey of "no figure"); every map
puts yellow at "more need".  Use them with ``go.Figure``; never rely on colour alone
(add labels, markers or patterns).
"""

# Categorical order for lines and bars on white, strongest contrast first (blue 5.2:1, vermillion 3.9:1
# meet the 3:1 for graphics); yellow left out.
CATEGORICAL = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
# After Okabe & Ito's: four of Paul Tol's "muted" scheme (colour-blind safe too), unlike any of the above -- indigo,
# wine, olive, teal -- so that ten selected regions each have a colour of their own.
CATEGORICAL_MORE = ("#332288", "#882255", "#999933", "#44AA99")

# Plotly colorscale names and explicit stops (for legends and static exports).
SEQUENTIAL = "Viridis"

# Fixed roles used across pages: Nederland versus the selected region.
NATIONAL = "#000000"
REGION = "#0072B2"
HIGHLIGHT = "#D55E00"
MUTED = "#767676"        # grey that still passes 4.5:1 on white
MISSING_FILL = "#DDDDDD"

# Text and surfaces (contrast on white: TEXT 17.4:1, TEXT_MUTED 7.0:1, LINK 9.5:1; MUTED 4.5:1)
TEXT = "#1A1A1A"
TEXT_MUTED = "#595959"
LINK = "#00477F"
BACKGROUND = "#FFFFFF"
GRID = "#E5E5E5"

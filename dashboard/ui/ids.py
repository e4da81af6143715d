"""Component ids of the app shell and of the overview, method and 404 pages.

Ids are namespaced per page (``overview-region``, ``methode-need-index``) so pages
written by different people never collide; other pages keep their ids in their own module.
Dash's own page container ids (``_pages_location`` ...) are named here too, so
callbacks that listen to the URL do not spell them out.
"""

# Dash pages (dash.page_container)
PAGES_LOCATION = "_pages_location"
PAGES_STORE = "_pages_store"
PAGES_CONTENT = "_pages_content"
PAGES_DUMMY = "_pages_dummy"

# App shell
SHELL_SKIP_LINK = "shell-skip-link"
SHELL_HEADER = "shell-header"
SHELL_NAV = "shell-nav"
SHELL_LANG_SWITCH = "shell-lang-switch"
SHELL_BANNER = "shell-banner"
SHELL_MAIN = "main-content"
SHELL_FOOTER = "shell-footer"
SHELL_LANG_SINK = "shell-lang-sink"
SHELL_TITLES = "shell-titles"

# Overview ("/")
OVERVIEW_REGION = "overview-region"
OVERVIEW_REGION_FORM = "overview-region-form"
OVERVIEW_REGION_SUBMIT = "overview-region-submit"
OVERVIEW_BODY = "overview-body"
OVERVIEW_PRINT = "overview-print"
OVERVIEW_PRINT_SINK = "overview-print-sink"

# Method ("/methode")
METHODE_INDICATORS = "methode-indicators"
METHODE_SOURCES = "methode-sources"
METHODE_NEED_INDEX = "methode-need-index"
METHODE_ACCESSIBILITY = "methode-accessibility"
METHODE_LICENCE = "methode-licence"

# 404
NOT_FOUND_HOME_LINK = "not-found-home-link"

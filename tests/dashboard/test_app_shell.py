"""The app shell through Flask's test client: index page, language, 404, method page, shell callback."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pagesupport import by_id, components, find_ids, render_page, texts, to_plain

from dashboard.ui.components.language_switch import lang_from_search, with_lang

ROOT = Path(__file__).resolve().parents[2]


def shell(client, pathname: str, search: str = "") -> dict:
    """The shell callback's output (skip link, header, banner, footer) for a URL."""
    client.get("/")
    outputs = ("shell-skip-link", "shell-header", "shell-banner", "shell-footer")
    body = {
        "output": ".." + "...".join(f"{i}.children" for i in outputs) + "..",
        "outputs": [{"id": i, "property": "children"} for i in outputs],
        "inputs": [{"id": "_pages_location", "property": "pathname", "value": pathname},
                   {"id": "_pages_location", "property": "search", "value": search}],
        "changedPropIds": ["_pages_location.pathname"],
        "state": [{"id": "_pages_store", "property": "data"}],      # a page the first layout did not bring
    }
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200, response.data[:300]
    return {k: v["children"] for k, v in response.get_json()["response"].items()}


@pytest.mark.parametrize(("url", "lang", "title"), [
    ("/", "nl", "Overzicht – Jongeren en arbeidsmarkt"),
    ("/?lang=en", "en", "Overview – Young people and the labour market"),
    ("/?regio=AM15&lang=en", "en", "Overview – Young people and the labour market"),
    ("/methode?lang=nl", "nl", "Methode – Jongeren en arbeidsmarkt"),
    ("/?lang=de", "nl", "Overzicht – Jongeren en arbeidsmarkt"),
    ("/no/such/page?lang=en", "en", "Page not found – Young people and the labour market"),
    ("/regio/GM0363?lang=en", "en", "Amsterdam – Young people and the labour market"),
    ("/regio/AM15", "nl", "Noord-Holland Noord – Jongeren en arbeidsmarkt"),
])
def test_index_has_the_language_and_title_of_the_request(app_client, url, lang, title):
    """The page's own title from the server (Dash's client-side title callback no longer runs on a first load)."""
    response = app_client.get(url)
    assert response.status_code == (404 if "/no/such/" in url else 200)      # the page itself: see test_status
    html = response.get_data(as_text=True)
    assert re.search(rf'<html lang="{lang}">', html)
    assert f"<title>{title}</title>" in html


def test_index_loads_nothing_from_other_hosts(app_client):
    html = app_client.get("/").get_data(as_text=True)
    urls = re.findall(r'<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"', html)
    assert urls and all(u.startswith("/") and not u.startswith("//") for u in urls), urls
    assert "<footer>" not in html                 # Dash's default wrapper would be a second contentinfo landmark


def test_not_found_page_in_both_languages(app_client):
    nl = render_page(app_client, "/bestaat/niet")
    assert "Pagina niet gevonden" in texts(nl["content"]) and "Naar het overzicht" in texts(nl["content"])
    assert "not-found-home-link" in find_ids(nl["content"])
    en = render_page(app_client, "/does-not-exist", "?lang=en")
    assert "Page not found" in texts(en["content"]) and "Go to the overview" in texts(en["content"])
    assert '"/?lang=en"' in str(en["content"]).replace("'", '"')


def test_methode_page_has_every_section(app_client, app_store):
    page = render_page(app_client, "/methode", "")
    ids, text = find_ids(page["content"]), texts(page["content"])
    assert {"methode-indicators", "methode-sources", "methode-need-index", "methode-licence",
            "methode-accessibility"} <= ids
    for meta in app_store.indicators:
        assert meta["title_nl"] in text and meta["definition_nl"] in text
    assert "Bron: CBS" in text and "CC BY 4.0" in text and "Gebieden in Nederland 2026" in text
    assert "RMC-regio's" in text and "derivation" in text and "onvolledig" in text
    assert "Grenzen: CBS/PDOK, CBS Gebiedsindelingen (gegeneraliseerd), via cartomap/nl" in text
    assert "WCAG" in text
    assert "https://opendata.cbs.nl/#/CBS/nl/dataset/86087NED/table" in str(page["content"])
    # the sources in words of the page's language: no developer files, repositories or OData filters
    assert "alle jongeren van 15 tot 27 jaar" in text and "metadata.json" in text
    for source in app_store.manifest["sources"]:
        for part in source["slices"]:
            assert str(part.get("origin"))[:40] not in text and str(part.get("filter"))[:30] not in text
    for developer in ("etl.demo", "python -m", "repository", "tests/fixtures", "data/reference", "DEMO DATA -"):
        assert developer not in text


def test_methode_page_in_english(app_client, app_store):
    text = texts(render_page(app_client, "/methode", "?lang=en")["content"])
    assert "Method and sources" in text and "Accessibility" in text
    assert all(meta["title_en"] in text for meta in app_store.indicators)
    # the sources table speaks English too: no Dutch table titles or notes, no developer files or repositories
    assert "Labour market situation of young people (15 to 27)" in text and "registered with UWV" in text
    for dutch in ("Arbeidsmarktsituatie jongeren", "DEMONSTRATIEDATA", "gegenereerd door", "Arbeidsdeelname"):
        assert dutch not in text
    for developer in ("etl.demo", "python -m", "repository", "Stefan7168", "tests/fixtures", "data/reference"):
        assert developer not in text


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_catalogue_table_and_part_has_words_on_the_methode_page(lang):
    """A table added to the catalogue gets its title and parts in both languages, not CBS's Dutch or a code."""
    from dashboard.ui.i18n import has_text
    from etl.catalog import SOURCES
    for source in SOURCES:
        assert has_text(f"methode.table.{source.table_id.lower()}", lang), source.table_id
        for part in source.slices:
            assert has_text(f"methode.slice.{source.table_id.lower()}.{part.name}", lang), (source.table_id, part)


def test_shell_shows_demo_banner_footer_and_current_page(app_client, app_store):
    out = shell(app_client, "/methode", "?lang=en")
    assert out["shell-skip-link"] == "Skip to content"
    assert app_store.is_demo
    assert "Demonstration data" in texts(out["shell-banner"])
    footer = " ".join(texts(out["shell-footer"]).split())
    assert "Source of the real figures: CBS, CC BY 4.0" in footer and app_store.manifest["data_version"] in footer
    assert "DEMO figures are generated, not CBS figures" in footer                 # demo is never credited to CBS
    assert "Youth unemployment (under 25): Eurostat, reuse with acknowledgement" in footer
    header = str(out["shell-header"])
    assert "'aria-current': 'page'" in header and "Method" in texts(out["shell-header"])
    nl = shell(app_client, "/", "?regio=AM15")
    banner = nl["shell-banner"]
    n_demo = sum(bool(ind["is_demo"]) for ind in app_store.indicators)
    assert f"{n_demo} van de {len(app_store.indicators)} cijfers zijn demonstratiedata" in texts(banner)
    items = {}
    for node in components(banner):
        if node.get("type") == "Li" and isinstance(node["props"].get("children"), str):
            head, _, names = node["props"]["children"].partition(": ")
            items[head] = set(names.rstrip(".").split("; "))
    by_title = {ind["title_nl"]: ind for ind in app_store.indicators}
    demo = items["Demonstratiedata, gegenereerd en niet van CBS"]
    cbs = items["Echte CBS-cijfers"]
    eurostat = items.get("Echte cijfers van Eurostat (op basis van CBS-gegevens)", set())
    assert demo | cbs | eurostat == set(by_title) and not (demo & cbs) and not (demo & eurostat)
    for title, ind in by_title.items():                 # every figure named on the side it is on, none on both
        assert (title in demo) == bool(ind["is_demo"]), ind["id"]
        assert (title in eurostat) == (not ind["is_demo"] and ind.get("publisher") == "Eurostat"), ind["id"]
    assert eurostat == {"Jeugdwerkloosheid (jonger dan 25)"}          # a real figure not from CBS says so
    assert "Bron van de echte cijfers: CBS, CC BY 4.0" in texts(nl["shell-footer"])
    assert "Bron: CBS" not in texts(nl["shell-footer"])
    assert "/?regio=AM15&lang=en" in str(nl["shell-header"])          # the switch keeps path and query


@pytest.mark.parametrize(("path", "search", "lang", "expected"), [
    ("/", "?regio=AM15", "en", "/?regio=AM15&lang=en"),
    ("/", "?regio=AM15&lang=en", "nl", "/?regio=AM15"),
    ("/methode", "", "en", "/methode?lang=en"),
    ("/verkennen", "?lang=en&indicator=neet_share", "nl", "/verkennen?indicator=neet_share"),
    (None, None, "nl", "/"),
])
def test_language_switch_keeps_path_and_query(path, search, lang, expected):
    assert with_lang(path, search, lang) == expected


def test_lang_from_search():
    assert lang_from_search("?lang=en&regio=AM15") == "en"
    assert lang_from_search("?lang=nl") == "nl"
    assert lang_from_search("") == "nl"
    assert lang_from_search(None) == "nl"


def test_create_app_sets_store_dir_and_registers_blueprints(dash_app, built_store):
    server = dash_app.server
    assert server.config["STORE_DIR"] == str(built_store)
    rules = {r.rule for r in server.url_map.iter_rules()}
    assert any(r.startswith("/api/v1") for r in rules)
    assert "/healthz" in rules
    assert dash_app.config.serve_locally                 # scripts from this server only (the Plotly bundle)
    assert all(s.startswith("/") and not s.startswith("//") for s in dash_app.config.external_scripts)


def test_a_second_app_in_the_same_process_gets_its_own_page_callbacks(built_store):
    from dashboard.app import create_app

    first, second = create_app(built_store), create_app(built_store)
    for app in (first, second):
        assert "overview-print-sink.children" in app.callback_map
        assert any(k.startswith("..shell-skip-link") for k in app.callback_map)


def test_server_for_gunicorn_is_lazy_and_needs_no_data(tmp_path):
    """Importing dashboard.app loads no data; the server starts without a store and says how to build one."""
    code = (
        "import dashboard.app as a, dashboard.data.store as d\n"
        "assert a._default_app.cache_info().currsize == 0      # no app at import\n"
        "server = a.server\n"
        "assert a.server is server                              # built once\n"
        "assert server.test_client().get('/').status_code == 200\n"
        "assert d._VIEWS == {}                                  # no store read for the index page\n"
        "print(server.config['STORE_DIR'])\n"
    )
    env = {**os.environ, "STORE_DIR": str(tmp_path / "missing")}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == str(tmp_path / "missing")


def test_shell_without_a_store_tells_how_to_build_one(tmp_path):
    from dashboard.app import create_app

    client = create_app(tmp_path / "missing").server.test_client()
    out = shell(client, "/", "")
    assert out["shell-banner"] is None
    assert "python -m etl build" in texts(out["shell-footer"])


def test_python_m_dashboard_runs_on_host_and_port_without_debug(monkeypatch, built_store):
    import dash

    import dashboard.__main__ as main

    calls = {}
    monkeypatch.setattr(dash.Dash, "run", lambda self, **kw: calls.update(kw))
    monkeypatch.setenv("HOST", "0.0.0.0")
    monkeypatch.setenv("PORT", "8123")
    monkeypatch.setenv("STORE_DIR", str(built_store))
    main.main()
    assert calls == {"host": "0.0.0.0", "port": 8123, "debug": False}


def _first_layout(client, referrer: str | None) -> dict:
    client.get("/")
    headers = {"Referer": referrer} if referrer else {}
    response = client.get("/_dash-layout", headers=headers)
    assert response.status_code == 200 and "no-store" in response.headers["Cache-Control"]
    return response.get_json()


@pytest.mark.parametrize(("path", "search"), [("/prioriteit", "?niveau=gemeente&lang=en"), ("/regio/GM0363", ""),
                                              ("/methode", ""), ("/no/such/page", "?lang=en")])
def test_the_first_layout_holds_the_page_the_browser_loads(app_client, path, search):
    """The layout request names the page in its Referer: the page comes in the first layout (what the router would
    send for it), with the shell filled; the router and the shell's callback then answer 'no update' for it."""
    host = "http://localhost"
    layout = _first_layout(app_client, host + path + search)
    routed = render_page(app_client, path, search)
    content = by_id(layout, "_pages_content")["props"]["children"]
    assert content == routed["content"]
    assert by_id(layout, "_pages_store")["props"]["data"] == {"title": routed["title"], "shown": path + search}
    assert texts(by_id(layout, "shell-header")) == texts(shell(app_client, path, search)["shell-header"])
    shown = {"id": "_pages_store", "property": "data", "value": {"title": routed["title"], "shown": path + search}}
    for output, ids_ in ((".._pages_content.children..._pages_store.data..", ("_pages_content", "_pages_store")),
                         ("..shell-skip-link.children...shell-header.children...shell-banner.children..."
                          "shell-footer.children..", ("shell-skip-link", "shell-header", "shell-banner",
                                                       "shell-footer"))):
        body = {"output": output,
                "outputs": [{"id": i, "property": "data" if i == "_pages_store" else "children"} for i in ids_],
                "inputs": [{"id": "_pages_location", "property": "pathname", "value": path},
                           {"id": "_pages_location", "property": "search", "value": search}],
                "changedPropIds": ["_pages_location.pathname"], "state": [shown]}
        assert app_client.post("/_dash-update-component", json=body).status_code == 204, output
        other = {**body, "inputs": [body["inputs"][0], {**body["inputs"][1], "value": "?lang=nl"}]}
        assert app_client.post("/_dash-update-component", json=other).status_code == 200, output   # another page


@pytest.mark.parametrize("referrer", [None, "http://elsewhere.example/prioriteit", "not a url"])
def test_without_a_page_of_this_host_the_first_layout_leaves_the_page_to_the_router(app_client, referrer):
    layout = _first_layout(app_client, referrer)
    assert by_id(layout, "_pages_content")["props"].get("children") is None
    assert by_id(layout, "_pages_store")["props"].get("data") is None


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_need_index_method_text_is_on_the_page_as_html_not_markdown(app_client, lang):
    """The method text is written in Markdown; the page shows it as paragraphs, bold and a table (built on the
    server), never Markdown's marks, and needs no Markdown renderer in the browser."""
    from analysis.need_index import METHOD_TEXT
    source = METHOD_TEXT[lang]
    content = render_page(app_client, "/methode", "?lang=en" if lang == "en" else "")["content"]
    section = str(content)
    assert "'type': 'Markdown'" not in section
    text = texts(content)
    table_lines = [line for line in source.splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in table_lines[0].strip("|").split("|")]
    rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in table_lines[2:]]
    tables = [n for n in components(content) if n.get("type") == "Table" and header[0] in texts(n)]
    assert len(tables) == 1
    cells = [texts(n) for n in components(tables[0]) if n.get("type") in ("Th", "Td")]
    assert cells == header + [cell for row in rows for cell in row]
    first_bold = source.split("**")[1]                   # "1. Theoretisch kader." / "1. Theoretical framework."
    assert any(n.get("type") == "Strong" and texts(n) == first_bold for n in components(content))
    assert "**" not in text and "| ---" not in text and "|---|" not in text


def test_markdown_components_worked_examples():
    from dashboard.ui.components.text import markdown_components
    out = markdown_components("a *b* **c** [x](http://e) `code`\n\n- i\n- j **k**\n\n| a | b |\n|---|---|\n| 1 | 2 |")
    assert [type(c).__name__ for c in out] == ["P", "Ul", "Table"]
    paragraph, items, table = out
    assert [getattr(c, "children", c) for c in paragraph.children] == ["a ", "b", " ", "c", " ", "x", " ", "code"]
    assert paragraph.children[5].href == "http://e"
    assert [li.children for li in items.children][0] == "i"
    assert str(table.children[1].children.children[1].children) == "2"


def test_a_first_load_asks_no_callback_of_the_shell_router_or_title(app_client):
    """The first layout brings shell and page: the callbacks that fill them wait for the location to change."""
    app_client.get("/")
    specs = app_client.get("/_dash-dependencies").get_json()
    initial = [s["output"] for s in specs if not s["prevent_initial_call"] and
               any(i["id"] in ("_pages_location", "_pages_store") for i in s["inputs"])]
    assert initial == []


def test_the_first_layout_is_kept_per_host_so_no_host_header_reaches_another_visitor(app_client):
    """A brief prints the site's own address: a request with another Host header gets (and keeps) its own layout."""
    app_client.get("/")
    evil = app_client.get("/_dash-layout", headers={"Host": "evil.example", "Referer": "http://evil.example/?regio=AM15"})
    assert "evil.example" in evil.get_data(as_text=True)
    ours = app_client.get("/_dash-layout", headers={"Referer": "http://localhost/?regio=AM15"})
    text = ours.get_data(as_text=True)
    assert by_id(ours.get_json(), "_pages_content")["props"]["children"] and "evil.example" not in text


def test_a_proxy_that_drops_the_port_from_the_host_still_gets_the_page(app_client):
    layout = _first_layout(app_client, "http://localhost:8050/methode")        # Host: localhost (no port)
    assert by_id(layout, "_pages_store")["props"]["data"]["shown"] == "/methode"


def test_a_query_value_named_like_the_routers_input_builds_the_page(app_client):
    layout = _first_layout(app_client, "http://localhost/methode?shown=1")
    assert by_id(layout, "_pages_store")["props"]["data"]["shown"] == "/methode?shown=1"
    assert "methode-indicators" in find_ids(by_id(layout, "_pages_content"))


def test_the_footer_credits_cbs_alone_when_every_figure_is_real(app_store):
    """Nothing demo: the plain credit, no DEMO line; the Eurostat figure still credited to Eurostat."""
    from dashboard.ui.components.shell import footer
    real = [{**ind, "is_demo": False} for ind in app_store.indicators]
    text = " ".join(texts(to_plain(footer("nl", app_store.manifest, real))).split())
    assert text.startswith("Bron: CBS, CC BY 4.0") and "DEMO" not in text and "Eurostat" in text
    demo = " ".join(texts(to_plain(footer("nl", app_store.manifest, app_store.indicators))).split())
    assert demo.startswith("Bron van de echte cijfers: CBS") and "DEMO cijfers zijn gegenereerd" in demo

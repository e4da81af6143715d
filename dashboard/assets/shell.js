/* App shell behaviour (served from /assets, no inline script: the CSP stays strict).
 *
 * 1. Links marked data-spa navigate client-side, as dcc.Link does, and move focus to the main
 *    content so keyboard and screen-reader users land on the new page.
 * 2. Language-switch links (data-lang-switch) get their href from the address bar at click
 *    time: pages rewrite the query with history.replaceState (?regio=...) and the switch keeps it.
 * 3. Text-alternative tables are built when a reader opens them: a <details data-open-store="ID"> tells the
 *    dcc.Store ID whether it is open, and the page's callback fills the table then (and keeps it current).
 *    An opened one stays open for the tab's session: when Back or Forward has the page router draw the page
 *    again, it is opened again (sessionStorage), and so built again.
 * 4. A chart downloaded as PNG (the camera button) carries its source line under the plot: the page shows
 *    the source once, as HTML under the chart; the figure keeps the same words in layout.meta.source.
 * 5. A page that could not show what its URL asked (an unknown indicator, 12 regions, all weights 0) says so and
 *    writes what it shows into the address bar: [data-canonical-search] holds that query (history.replaceState,
 *    so Back does not return to the broken link).
 * 6. Keyboard: a DataTable's sort arrows are buttons (Tab reaches them and goes on from them, Enter or Space
 *    sorts); a chart's toolbar
 *    is one Tab stop (its first button), the arrow keys move between its buttons.
 * 7. A range input marked data-on-release (the /prioriteit weights) tells Dash its value when the pointer lets go,
 *    not at every step of a drag: dcc.Input reports each "input" event, so one drag from 1 to 3 was four
 *    recomputed rankings and four steps of Back.  While a pointer holds it, its "input" events stop here; React
 *    still hears the "change" event the browser sends on release.  Keys still report each step (one per press).
 * 8. The explorer's charts start as pictures drawn on the server (a first view waits for no Plotly).  The first time
 *    a reader reaches for a chart (the pointer over it, a tap, focus inside it), the dcc.Store named by its box's
 *    data-live-store is set true, once, and the page puts Plotly's charts in the pictures' place.  A click on a
 *    picture marked data-pick-store (the map) tells that store where it fell, in the SVG's own units, so a tap
 *    selects a region before Plotly's map is there (the server finds the region).  A finger on that picture does
 *    not make the charts live by itself: its click does, with the pick, so the two reach the server together (a
 *    Plotly map put in place between the touch and the click would have taken the tap before it could draw).
 */
(function () {
    "use strict";

    function langHref(target) {
        var url = new URL(window.location.href);
        if (target === "en") {
            url.searchParams.set("lang", "en");
        } else {
            url.searchParams.delete("lang");
        }
        return url.pathname + url.search + url.hash;
    }

    function plainClick(event) {
        return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
    }

    document.addEventListener("click", function (event) {
        var link = event.target && event.target.closest ? event.target.closest("a") : null;
        if (!link || event.defaultPrevented) {
            return;
        }
        if (link.hasAttribute("data-lang-switch")) {
            link.setAttribute("href", langHref(link.getAttribute("data-lang-switch")));
            return;                                   /* full load: the server writes <html lang> */
        }
        if (link.hasAttribute("data-spa") && plainClick(event) && (!link.target || link.target === "_self")) {
            var href = link.getAttribute("href");
            if (!href || href.charAt(0) !== "/") {
                return;
            }
            event.preventDefault();
            if (href !== window.location.pathname + window.location.search) {
                window.history.pushState({}, "", href);
                window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
            }
            window.scrollTo(0, 0);
            var main = document.getElementById("main-content");
            if (main) {
                main.focus({preventScroll: true});
            }
        }
    });

    /* Right-click "open in new tab" and copy-link get the current query too. */
    document.addEventListener("focusin", function (event) {
        var link = event.target && event.target.closest ? event.target.closest("a[data-lang-switch]") : null;
        if (link) {
            link.setAttribute("href", langHref(link.getAttribute("data-lang-switch")));
        }
    });
    document.addEventListener("mouseover", function (event) {
        var link = event.target && event.target.closest ? event.target.closest("a[data-lang-switch]") : null;
        if (link) {
            link.setAttribute("href", langHref(link.getAttribute("data-lang-switch")));
        }
    });

    var OPENED_KEY = "opened-tables";
    var reopened = new WeakSet();

    function openedIds() {
        try {
            var ids = JSON.parse(window.sessionStorage.getItem(OPENED_KEY) || "[]");
            return Array.isArray(ids) ? ids : [];
        } catch (e) {
            return [];
        }
    }

    var opened = openedIds();

    document.addEventListener("toggle", function (event) {
        var details = event.target;
        if (!details || !details.dataset || !details.dataset.openStore || !window.dash_clientside) {
            return;
        }
        window.dash_clientside.set_props(details.dataset.openStore, {data: details.open});
        if (details.id) {
            opened = opened.filter(function (id) { return id !== details.id; });
            if (details.open) {
                opened.push(details.id);
            }
            try {
                window.sessionStorage.setItem(OPENED_KEY, JSON.stringify(opened));
            } catch (e) { /* storage off: the table is simply built again when opened */ }
        }
    }, true);

    function reopenTables() {
        for (var i = 0; i < opened.length; i++) {
            var details = document.getElementById(opened[i]);
            if (details && details.dataset.openStore && !details.open && !reopened.has(details)) {
                reopened.add(details);
                details.open = true;                   /* fires "toggle": the store is told, the table built */
            }
        }
    }

    var SOURCE_ROOM = 28;
    document.addEventListener("click", function (event) {
        var button = event.target && event.target.closest ? event.target.closest(".modebar-btn") : null;
        var gd = button ? button.closest(".js-plotly-plot") : null;
        if (!gd || !window.Plotly || !gd._fullLayout || !/png/i.test(button.getAttribute("data-title") || "")) {
            return;
        }
        var source = gd.layout && gd.layout.meta && gd.layout.meta.source;
        if (!source) {
            return;                                   /* a figure without a source: Plotly's own download */
        }
        event.preventDefault();
        event.stopPropagation();
        var layout = Object.assign({}, gd.layout);
        var margin = Object.assign({}, gd._fullLayout.margin);
        var size = gd._fullLayout._size || {l: margin.l, b: margin.b};     /* margins after automargin */
        var drawn = size.b || 0;
        margin.b = drawn + SOURCE_ROOM;
        layout.margin = margin;
        layout.height = gd._fullLayout.height + SOURCE_ROOM;
        layout.width = gd._fullLayout.width;
        layout.annotations = (gd.layout.annotations || []).concat([{
            text: source, showarrow: false, xref: "paper", yref: "paper", x: 0, y: 0, xanchor: "left",
            yanchor: "top", xshift: -(size.l || 0) + 4, yshift: -(drawn + 6), font: {size: 11, color: "#595959"}
        }]);
        var title = gd._fullLayout.title && gd._fullLayout.title.text;
        window.Plotly.downloadImage({data: gd.data, layout: layout}, {
            format: "png", width: layout.width, height: layout.height,
            filename: (title || "grafiek").replace(/<[^>]*>/g, "").replace(/[^\w\-]+/g, "_").slice(0, 60)
        });
    }, true);

    /* The first layout holds the page the layout request's Referer named; a browser that trims the Referer (no
       query, or the origin only) gets another page than its address bar's: then the page router builds it. */
    function firstPage() {
        var content = document.querySelector("[data-shown]");
        if (!content) {
            return;
        }
        var shown = content.getAttribute("data-shown");
        content.removeAttribute("data-shown");
        var here = window.location.pathname + window.location.search;
        if (shown !== here && window.dash_clientside && window.dash_clientside.set_props) {
            window.dash_clientside.set_props("_pages_location", {pathname: window.location.pathname,
                                                                 search: window.location.search,
                                                                 href: window.location.href});
        }
    }

    /* "Toon alle …" replaces its table: keyboard focus goes on where the reader was, the first row that came. */
    document.addEventListener("click", function (event) {
        var button = event.target.closest && event.target.closest("button.more-rows");
        var box = button && button.parentElement;
        if (!box || !box.id) {
            return;
        }
        var shown = box.querySelectorAll("tbody tr").length, tries = 0;
        var wait = window.setInterval(function () {
            var rows = box.querySelectorAll("tbody tr");
            if (rows.length > shown || tries++ > 100) {
                window.clearInterval(wait);
                var next = rows.length > shown && rows[shown].querySelector("a, th, td");
                if (next) {
                    if (!next.matches("a")) { next.setAttribute("tabindex", "-1"); }
                    next.focus();
                }
            }
        }, 100);
    });

    function canonical() {
        var marked = document.querySelector("[data-canonical-search]");
        if (!marked) {
            return;
        }
        var search = marked.getAttribute("data-canonical-search");
        if (search !== null && search !== window.location.search) {
            window.history.replaceState(window.history.state, "", window.location.pathname + search +
                                        window.location.hash);
            /* the page's own dcc.Location learns the new address (else it pushes its stale href back on its next
               change); only that one: the page router, told too, would render the page again without the notice */
            var locationId = marked.getAttribute("data-location-id");
            if (locationId && window.dash_clientside && window.dash_clientside.set_props) {
                window.dash_clientside.set_props(locationId, {href: window.location.href, search: search});
            }
        }
        marked.removeAttribute("data-canonical-search");      /* once: later changes write the URL themselves */
    }
    function keyboardReach() {
        var sorts = document.querySelectorAll(".dash-spreadsheet .column-header--sort");
        Array.prototype.forEach.call(sorts, function (sort) {
            var th = sort.closest("th");
            /* every pass: the table reuses a header cell when its columns change */
            var label = (document.documentElement.lang === "en" ? "Sort by " : "Sorteer op ") +
                (th ? th.textContent.trim() : "");
            if (sort.getAttribute("aria-label") !== label) {
                sort.setAttribute("tabindex", "0");
                sort.setAttribute("role", "button");
                sort.setAttribute("aria-label", label);
            }
        });
        /* the table's page buttons are icons: each gets a name (axe: "buttons must have discernible text") */
        var english = document.documentElement.lang === "en";
        var pages = {"first-page": english ? "First page" : "Eerste pagina",
                     "previous-page": english ? "Previous page" : "Vorige pagina",
                     "next-page": english ? "Next page" : "Volgende pagina",
                     "last-page": english ? "Last page" : "Laatste pagina"};
        Array.prototype.forEach.call(document.querySelectorAll(".previous-next-container button"), function (button) {
            var name = pages[button.className.split(" ")[0]];
            if (name && button.getAttribute("aria-label") !== name) {
                button.setAttribute("aria-label", name);
            }
        });
        Array.prototype.forEach.call(document.querySelectorAll(".previous-next-container input.current-page"),
                                     function (input) {
            var name = english ? "Page number" : "Paginanummer";
            if (input.getAttribute("aria-label") !== name) {
                input.setAttribute("aria-label", name);
            }
        });
        var bars = document.querySelectorAll(".modebar-group:first-child .modebar-btn:first-child:not([data-roving])");
        Array.prototype.forEach.call(bars, function (first) {
            var bar = first.closest(".modebar");
            Array.prototype.forEach.call(bar.querySelectorAll(".modebar-btn"), function (button, i) {
                button.setAttribute("tabindex", i === 0 ? "0" : "-1");
                button.setAttribute("data-roving", "");
            });
        });
    }
    /* Tab from a sort button goes on to the next control: the DataTable takes Tab for moving between its cells
       and kept focus on the button (a keyboard trap), so the key does not reach it from there. */
    window.addEventListener("keydown", function (event) {
        var target = event.target;
        if (event.key === "Tab" && target && target.classList && target.classList.contains("column-header--sort")) {
            event.stopPropagation();
        }
    }, true);
    document.addEventListener("keydown", function (event) {
        var target = event.target;
        if (!target || !target.classList) {
            return;
        }
        if (target.classList.contains("column-header--sort") && (event.key === "Enter" || event.key === " ")) {
            event.preventDefault();
            target.click();
            return;
        }
        if (target.classList.contains("modebar-btn") && (event.key === "ArrowRight" || event.key === "ArrowLeft")) {
            var buttons = Array.prototype.slice.call(target.closest(".modebar").querySelectorAll(".modebar-btn"));
            var next = buttons[(buttons.indexOf(target) + (event.key === "ArrowRight" ? 1 : -1) + buttons.length) %
                               buttons.length];
            buttons.forEach(function (b) { b.setAttribute("tabindex", b === next ? "0" : "-1"); });
            event.preventDefault();
            next.focus();
        }
    });

    function goLive(event) {
        var target = event.target && event.target.closest ? event.target : null;
        if (target && (event.type === "touchstart" || event.pointerType === "touch") &&
                target.closest("[data-pick-store]")) {
            return;                               /* a finger on the map's picture: its click goes live and picks */
        }
        var chart = target ? target.closest("figure.chart") : null;
        var box = chart ? chart.querySelector("[data-live-store]:not([data-live-sent])") : null;
        if (!box || !window.dash_clientside || !window.dash_clientside.set_props) {
            return;
        }
        var store = box.getAttribute("data-live-store");
        document.querySelectorAll("[data-live-store]").forEach(function (other) {
            if (other.getAttribute("data-live-store") === store) {
                other.setAttribute("data-live-sent", "");
            }
        });
        window.dash_clientside.set_props(store, {data: true});
    }
    ["pointerover", "focusin", "touchstart"].forEach(function (name) {
        document.addEventListener(name, goLive, {passive: true});
    });
    var picks = 0;
    document.addEventListener("click", function (event) {
        var img = event.target;
        if (!img || img.tagName !== "IMG" || !img.hasAttribute("data-pick-store") || !window.dash_clientside) {
            return;
        }
        var box = img.getBoundingClientRect();
        if (!box.width || !box.height || !img.naturalWidth) {
            return;
        }
        picks += 1;                               /* each click its own value: the same spot twice toggles back */
        goLive(event);                            /* in the same run: the browser asks once, for both */
        window.dash_clientside.set_props(img.getAttribute("data-pick-store"), {data: {
            x: (event.clientX - box.left) * img.naturalWidth / box.width,
            y: (event.clientY - box.top) * img.naturalHeight / box.height, n: picks}});
    });

    var held = null;                              /* the [data-on-release] range input a pointer holds */
    document.addEventListener("pointerdown", function (event) {
        var input = event.target.closest && event.target.closest("[data-on-release] input[type=range]");
        held = input || null;
    }, true);
    function release() { held = null; }
    document.addEventListener("pointerup", release, true);
    document.addEventListener("pointercancel", release, true);
    document.addEventListener("input", function (event) {
        if (held && event.target === held) {
            event.stopPropagation();              /* before React's listener on the app's root */
        }
    }, true);

    var pending = false;
    new MutationObserver(function () {
        firstPage();                              /* before canonical(): it compares with the address as loaded */
        canonical();
        reopenTables();
        if (!pending) {                           /* once per frame, however many nodes a redraw touches */
            pending = true;
            window.requestAnimationFrame(function () {
                pending = false;
                keyboardReach();
            });
        }
    }).observe(document.documentElement, {childList: true, subtree: true});
}());

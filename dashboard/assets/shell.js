/* App shell behaviour (served from /assets, no inline script: the CSP stays strict).
 *
 * 1. Links marked data-spa navigate client-side, as dcc.Link does, and move focus to the main
 *    content so keyboard and screen-reader users land on the new page.
 * 2. Language-switch links (data-lang-switch) get their href from the address bar at click
 *    time: pages rewrite the query with history.replaceState (?regio=...) and the switch keeps it.
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
}());

// Text-alternative tables are built when a reader opens them: a <details data-open-store="ID"> tells the
// dcc.Store ID whether it is open, and the page's callback fills the table then (and keeps it current while open).
document.addEventListener("toggle", function (event) {
    var details = event.target;
    if (!details || !details.dataset || !details.dataset.openStore || !window.dash_clientside) { return; }
    window.dash_clientside.set_props(details.dataset.openStore, {data: details.open});
}, true);

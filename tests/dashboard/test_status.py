"""HTTP status of page requests: Dash serves its index page for every path; paths no page claims and unknown
region codes get 404 (dashboard.pages.not_found_404.not_found_status), everything else stays 200."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("path", "status"), [
    ("/", 200), ("/?regio=GM0363", 200), ("/?regio=XX99", 200),      # the overview shows a notice, not a 404
    ("/verkennen", 200), ("/prioriteit?niveau=gemeente", 200), ("/methode?lang=en", 200), ("/data", 200),
    ("/regio/AM15", 200), ("/regio/gm0363", 200), ("/regio/GM0363?lang=en", 200),
    ("/bestaat-niet", 404), ("/bestaat/niet?lang=en", 404), ("/regio/XX99", 404), ("/regio/NL01", 404),
    ("/regio/AM15/meer", 404), ("/404", 404), ("/regio/%3Cscript%3E", 404),
])
def test_page_status(app_client, path, status):
    response = app_client.get(path)
    assert response.status_code == status
    assert response.mimetype == "text/html"
    assert "<title>" in response.get_data(as_text=True)              # a 404 still renders the friendly page


def test_other_routes_keep_their_own_status(app_client):
    assert app_client.get("/api/v1/indicators").status_code == 200
    assert app_client.get("/api/v1/nope").status_code == 404
    assert app_client.get("/healthz").status_code == 200
    assert app_client.get("/_dash-layout").status_code == 200
    assert app_client.head("/bestaat-niet").status_code == 404

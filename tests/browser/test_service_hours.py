"""The service-hours heatmap in a real browser: greyed cells look greyed, the page never scrolls sideways."""

import pytest

from tests.browser.test_dashboard import sign_in
from tests.service_hours_data import END, START, seed_service_company

LAYOUT_JS = """() => {
    const table = document.querySelector("table.service-hours");
    const box = table.parentElement;
    const root = document.documentElement;
    const cell = (selector) => getComputedStyle(table.querySelector(selector)).backgroundColor;
    return {
        pageOverflows: root.scrollWidth > root.clientWidth,
        lastRight: table.querySelector("thead th:last-child").getBoundingClientRect().right,
        boxRight: box.getBoundingClientRect().right,
        greyed: cell("td.greyed"),
        night: cell("tr.margin td.cell:nth-of-type(4)"),
        day: cell("tr.margin td.cell:nth-of-type(13)"),
        nightText: table.querySelector("tr.margin td.cell:nth-of-type(4)").innerText,
    };
}"""


@pytest.fixture
def company(app):
    return seed_service_company()


@pytest.mark.parametrize("width", [1400, 1000])
def test_the_heatmap_greys_thin_cells_and_scrolls_in_its_box(browser, live_server, company, make_user, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        sign_in(page, live_server, make_user("hr"))
        page.goto(f"{live_server}/dashboard/teams/{company.americas.id}?start={START}&end={END}")
        layout = page.evaluate(LAYOUT_JS)
    finally:
        context.close()

    assert not layout["pageOverflows"], layout
    assert layout["greyed"] == "rgb(236, 236, 236)", layout
    assert layout["night"] == "rgb(251, 227, 223)" and layout["nightText"].split()[0] == "50", layout
    assert layout["day"] not in (layout["night"], layout["greyed"]), layout
    if width == 1400:
        assert layout["lastRight"] <= layout["boxRight"], layout

"""The drivers heatmap fits a 1400 px wide window; a narrower one scrolls it inside its own box."""

import pytest

from tests.browser.test_dashboard import sign_in

LAYOUT_JS = """() => {
    const table = document.querySelector("table.heatmap");
    const box = table.parentElement;
    const last = table.querySelector("thead th:last-child").getBoundingClientRect();
    const root = document.documentElement;
    return {
        pageOverflows: root.scrollWidth > root.clientWidth,
        viewport: root.clientWidth,
        lastHeader: table.querySelector("thead th:last-child").textContent.trim(),
        lastRight: last.right,
        boxRight: box.getBoundingClientRect().right,
        boxScrolls: box.scrollWidth > box.clientWidth,
        boxOverflowX: getComputedStyle(box).overflowX,
    };
}"""


def heatmap_layout(browser, live_server, user, width: int) -> dict:
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        sign_in(page, live_server, user)
        page.goto(f"{live_server}/dashboard/heatmap")
        return page.evaluate(LAYOUT_JS)
    finally:
        context.close()


@pytest.fixture
def hr(make_user):
    return make_user("hr")


def test_heatmap_last_column_is_in_view_at_1400_px(browser, live_server, company, hr):
    layout = heatmap_layout(browser, live_server, hr, 1400)
    assert layout["lastHeader"] == "Satisfaction"
    assert not layout["pageOverflows"], layout
    assert layout["lastRight"] <= min(layout["viewport"], layout["boxRight"]), layout


def test_a_narrower_window_scrolls_the_heatmap_in_its_box_not_the_page(browser, live_server, company, hr):
    layout = heatmap_layout(browser, live_server, hr, 900)
    assert not layout["pageOverflows"], layout
    assert layout["boxScrolls"] and layout["boxOverflowX"] == "auto", layout

"""The rendered page in a real (headless) browser: offline, drawn, searchable, explained, inert."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph

from graph.views.render import render_html

pytestmark = pytest.mark.browser

TESTS = Path(__file__).resolve().parents[1]
TINY = TESTS / "data" / "tiny.ttl"


def _load(name: str, path: Path) -> Any:
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


unit = _load("kazkg_test_render", TESTS / "test_render.py")
bench = _load("kazkg_bench_render", TESTS.parent / "bench" / "render.py")

PAINTED_PIXELS = """() => {
  const c = document.querySelector('#canvas canvas');
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
  return n;
}"""


def node_id(page: Any, label: str) -> int:
    return page.evaluate("l => kazkg.data.nodes.find(n => n.l === l).id", label)


def click_node(page: Any, nid: int) -> None:
    """Click the node's centre on the canvas, as a person would."""
    xy = page.evaluate(
        "id => { const n = kazkg.network; return n.canvasToDOM(n.getPositions([id])[id]); }", nid
    )
    box = page.locator("#canvas").bounding_box()
    page.mouse.click(box["x"] + xy["x"], box["y"] + xy["y"])


@pytest.fixture(scope="module")
def tiny_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("render") / "tiny.html"
    render_html(Graph().parse(TINY), out, title="tiny")
    return out


def test_page_loads_offline_without_errors_and_draws(open_html: Any, tiny_html: Path) -> None:
    o = open_html(tiny_html)
    assert o.errors == [] and o.blocked == [] and o.dialogs == []
    assert o.page.evaluate(PAINTED_PIXELS) > 2000  # the canvas is not blank
    assert o.page.locator("#status").inner_text() == "12 of 12 nodes · 16 links shown"
    assert o.page.locator("#f-classes label").count() == 6  # legend: one row per class


def test_search_by_inflected_alias_focuses_node(open_html: Any, tiny_html: Path) -> None:
    o = open_html(tiny_html)
    page = o.page
    page.fill("#search", "Жәкішевті")  # accusative altLabel
    page.press("#search", "Enter")
    assert page.evaluate("kazkg.network.getSelectedNodes()") == [node_id(page, "Мұхтар Жәкішев")]
    assert page.locator("#panel h2").inner_text() == "Мұхтар Жәкішев"
    # An inflected form that is not an altLabel (dative of the listed alias) still finds him.
    page.fill("#search", "Жексебаевқа")
    first = page.locator("#results button").first
    assert "Асхат Жексебаев" in first.inner_text()
    first.click()
    assert page.evaluate("kazkg.network.getSelectedNodes()") == [node_id(page, "Асхат Жексебаев")]
    assert o.errors == []


def test_click_on_node_opens_evidence_panel(open_html: Any, tiny_html: Path) -> None:
    o = open_html(tiny_html)
    page = o.page
    sid = page.evaluate("kazkg.data.nodes.find(n => n.k === 'Sentencing').id")
    click_node(page, sid)
    panel = page.locator("#panel")
    assert panel.is_visible()
    assert panel.locator(".summary").inner_text() == "14 жыл · 2009 · charge астыртын касса ұстады"
    assert panel.locator("h3", has_text="Evidence (1 sentence)").count() == 1
    quote = panel.locator("blockquote")
    assert "2009 жылы 14 жылға сотталған" in quote.inner_text()
    assert "Мұхтар Жәкішев" in quote.locator("mark").all_inner_texts()  # mention highlighted
    assert "002_509228f83951cc57.txt" in panel.locator(".src").first.inner_text()
    # From the event to a participant: the court's panel.
    panel.locator("button.link", has_text="Өскемен соты").click()
    assert page.locator("#panel h2").inner_text() == "Өскемен соты"
    assert o.errors == []


def test_edge_panel_explains_a_fact(open_html: Any, tiny_html: Path) -> None:
    page = open_html(tiny_html).page
    page.evaluate("kazkg.showEdge(kazkg.data.edges.find(e => e.r === 'sentencedBy').id)")
    panel = page.locator("#panel")
    assert panel.locator("h2").inner_text() == "Мұхтар Жәкішев → sentenced by → Өскемен соты"
    support = panel.locator("button.link", has_text="Sentencing")
    assert support.count() == 1 and "14 жыл" in support.inner_text()
    assert "Мұхтар Жәкішев" in panel.locator("blockquote mark").all_inner_texts()


def test_filters_hide_classes_and_articles(open_html: Any, tiny_html: Path) -> None:
    page = open_html(tiny_html).page
    page.locator("input[data-cls=event]").uncheck()
    assert page.locator("#status").inner_text().startswith("7 of 12 nodes")
    page.locator("input[data-cls=event]").check()
    page.locator("input[data-rel=defendant]").uncheck()
    assert "· 14 links shown" in page.locator("#status").inner_text()
    page.select_option("#article", label="000_24eead15ada0a434.txt")
    visible = page.evaluate("kazkg.network.body.data.nodes.getIds().length")
    assert 0 < visible < 12
    page.click("#reset")
    assert page.locator("#status").inner_text().startswith("12 of 12 nodes")


def test_hostile_labels_and_sentences_show_literally_and_never_run(open_html: Any, tmp_path: Path) -> None:
    out = tmp_path / "evil.html"
    render_html(unit.evil_graph(), out, title='<script>alert("t")</script>')
    o = open_html(out)
    page = o.page
    assert page.title() == '<script>alert("t")</script>'
    page.fill("#search", "<script>")
    page.press("#search", "Enter")
    assert page.locator("#panel h2").inner_text() == unit.EVIL_NAME
    assert unit.EVIL_ALT in page.locator("#panel").inner_text()
    page.locator("#panel button.link", has_text="Sentencing").first.click()
    text = page.evaluate("document.querySelector('#panel blockquote').textContent")
    assert text == unit.EVIL_SENT
    assert "javascript:alert(4)" in page.locator("#panel").inner_text()  # shown as text ...
    assert page.locator("#panel a").count() == 0  # ... never as a link
    # Hover the person for the tooltip, click the edge panel too: still nothing runs.
    page.evaluate("kazkg.showEdge(kazkg.data.edges.find(e => e.r === 'sentencedBy').id)")
    assert page.locator("#panel h2").inner_text().startswith(unit.EVIL_NAME + " → sentenced by → ")
    assert page.evaluate("document.querySelector('#panel blockquote').textContent") == unit.EVIL_SENT
    assert page.evaluate("document.querySelectorAll('img, svg, iframe, object').length") == 0
    assert page.evaluate("document.scripts.length") == 3
    assert o.dialogs == [] and o.errors == [] and o.blocked == []


def test_large_graph_is_drawn_with_physics_off(open_html: Any, tmp_path: Path) -> None:
    out = tmp_path / "big.html"
    stats = render_html(bench.synthetic_graph(2000, seed=3), out)
    assert stats.layout == "python"
    o = open_html(out)
    page = o.page
    assert page.evaluate("window.kazkgReady.ms") < 10_000
    assert page.evaluate("kazkg.network.physics.physicsEnabled") is False
    assert page.evaluate(PAINTED_PIXELS) > 2000
    label = page.evaluate("kazkg.data.nodes.find(n => n.c === 'court').l")
    page.fill("#search", label)
    page.press("#search", "Enter")
    assert page.locator("#panel h2").inner_text() == label
    assert o.errors == [] and o.blocked == []


def test_focus_render_opens_on_the_focused_person(open_html: Any, tmp_path: Path) -> None:
    out = tmp_path / "focus.html"
    stats = render_html(Graph().parse(TINY), out, focus="Жәкішевтің", hops=1)
    assert stats.nodes == 8
    page = open_html(out).page
    page.wait_for_function("document.querySelector('#panel h2') !== null")
    assert page.locator("#panel h2").inner_text() == "Мұхтар Жәкішев"
    assert page.evaluate("kazkg.network.getSelectedNodes()") == [node_id(page, "Мұхтар Жәкішев")]

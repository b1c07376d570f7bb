// The offline viewer of one projection: cytoscape.js is inlined above this script and the graph
// is the JSON in #graph-data, so the page needs no network.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const $ = (id) => document.getElementById(id);

  const maxOf = (xs) => xs.reduce((m, x) => Math.max(m, x), 1);
  const nodeWeight = (n) => (n.data.releases != null ? n.data.releases : n.data.degree);
  const maxNode = maxOf(data.nodes.map(nodeWeight));
  const maxEdge = maxOf(data.edges.map((e) => e.data.weight || 1));
  for (const n of data.nodes) {
    n.data.colour = data.colours[n.data.kind] || data.colours.Other;
    n.data.size = data.nodes.length > 80 ? 10 + 24 * Math.sqrt((nodeWeight(n) || 0) / maxNode)
      : 14 + 34 * Math.sqrt((nodeWeight(n) || 0) / maxNode);
  }
  // In a large network only the heaviest nodes are labelled at overview zoom; the others' labels
  // appear on zooming in, so 300+ nodes stay legible instead of a carpet of overlapping names.
  if (data.layout !== "tree" && data.nodes.length > 80) {
    const ranked = [...data.nodes].sort((a, b) => (nodeWeight(b) || 0) - (nodeWeight(a) || 0));
    ranked.forEach((n, i) => { n.data.minor = i >= 40; });
  }
  // Equal weights (the structure tree) get thin lines; weighted networks scale up to 8 px.
  for (const e of data.edges) e.data.width = maxEdge > 1 ? 1 + 7 * Math.sqrt((e.data.weight || 1) / maxEdge) : 1.5;

  const cy = cytoscape({
    container: $("cy"),
    elements: { nodes: data.nodes, edges: data.edges },
    minZoom: 0.05,
    maxZoom: 4,
    style: [
      { selector: "node", style: {
        "background-color": "data(colour)", width: "data(size)", height: "data(size)",
        "border-width": 1, "border-color": "#444", label: "data(label)", "font-size": 11,
        "text-wrap": "ellipsis", "text-max-width": 220, "min-zoomed-font-size": 6,
        "text-valign": "center", "text-halign": data.layout === "tree" ? "right" : "center",
        "text-margin-x": data.layout === "tree" ? 4 : 0, "text-margin-y": data.layout === "tree" ? 0 : -4,
        "text-background-color": "#fff", "text-background-opacity": 0.7, "text-background-padding": 1 } },
      { selector: "node[?minor]", style: { "min-zoomed-font-size": 14, "font-size": 10 } },
      { selector: "node[?closed]", style: { "border-style": "dashed", "border-width": 2, opacity: 0.75 } },
      { selector: "edge", style: {
        width: "data(width)", "line-color": "#a9b1bf", "curve-style": data.layout === "tree" ? "taxi" : "haystack",
        "taxi-direction": "rightward", opacity: data.edges.length > 300 ? 0.35 : 0.7 } },
      { selector: ".hidden", style: { display: "none" } },
      { selector: ".faded", style: { opacity: 0.12 } },
      { selector: ".match", style: { "border-width": 4, "border-color": "#d6336c", "font-weight": "bold", "z-index": 9 } },
      { selector: "node:selected", style: { "border-width": 5, "border-color": "#111", "z-index": 10 } },
    ],
  });
  window.cy = cy; // for the browser test and for analysts in the console

  // Shown = not hidden by the toggle. Read from the class, not ":visible", which follows the
  // rendered style and lags behind a batch of class changes.
  const shownNodes = () => cy.nodes().not(".hidden");
  const shownElements = () => { const n = shownNodes(); return n.union(n.edgesWith(n)); };

  // A tidy left-to-right tree: each leaf gets its own line, a parent sits level with the middle
  // of its children, so dozens of field operations stack as a readable list of labels.
  // A node with two parents (a State hosting two operations) is drawn under the first.
  function treePositions(nodes) {
    const inTree = new Set(nodes.map((n) => n.id()));
    const byName = (a, b) => a.data("kind").localeCompare(b.data("kind")) || a.data("label").localeCompare(b.data("label"));
    const kids = (n) => n.outgoers("node").filter((m) => inTree.has(m.id())).sort(byName);
    const pos = {};
    const seen = new Set();
    let slot = 0;
    function place(n, depth) {
      const mine = kids(n).filter((k) => !seen.has(k.id()));
      mine.forEach((k) => seen.add(k.id()));
      if (!mine.length) { pos[n.id()] = { x: depth * 330, y: slot++ * 22 }; return; }
      mine.forEach((k) => place(k, depth + 1));
      const ys = mine.map((k) => pos[k.id()].y);
      pos[n.id()] = { x: depth * 330, y: (Math.min(...ys) + Math.max(...ys)) / 2 };
    }
    const roots = nodes.filter((n) => !n.incomers("node").some((m) => inTree.has(m.id())))
      .sort((a, b) => b.degree(false) - a.degree(false));
    for (const n of [...roots, ...nodes]) {
      if (!seen.has(n.id())) { seen.add(n.id()); place(n, 0); slot += 1; }
    }
    return pos;
  }

  function runLayout() {
    const visible = shownElements();
    if (data.layout === "tree") {
      const pos = treePositions(shownNodes().toArray());
      visible.layout({ name: "preset", positions: (n) => pos[n.id()], animate: false, fit: false }).run();
    } else {
      // Dense networks need more room per node than cytoscape's defaults give, or names overlap.
      const large = visible.nodes().length > 150;
      visible.layout({
        name: "cose", animate: false, randomize: false, nodeRepulsion: () => (large ? 400000 : 9000),
        idealEdgeLength: () => (large ? 160 : 90), nodeOverlap: 40, numIter: 1500, gravity: 0.4, componentSpacing: 60,
      }).run();
    }
    if (data.layout === "tree") readableTree(); else cy.fit(shownNodes(), 30);
  }

  // A whole tree of 100+ lines fitted into one screen has unreadable labels: show it as wide as
  // the window at a readable zoom, level with the root, and let the reader pan (Fit shows all).
  function readableTree() {
    const bb = shownNodes().boundingBox({ includeLabels: true });
    const zoom = Math.max(0.6, Math.min(1.2, (cy.width() - 40) / Math.max(bb.w, 1)));
    const root = shownNodes().filter((n) => !n.incomers("node").some((m) => !m.hasClass("hidden"))).max((n) => n.degree(false)).ele;
    const y = root ? root.position("y") : (bb.y1 + bb.y2) / 2;
    cy.viewport({ zoom, pan: { x: 20 - bb.x1 * zoom, y: cy.height() / 2 - y * zoom } });
  }

  // Hiding closed structures hides them and the States left with no visible neighbour: the
  // same rule as osce_kg.viz.projections.closed_nodes, so counts match the Python side.
  function applyClosed() {
    const show = $("show-closed").checked;
    cy.batch(() => {
      cy.elements().removeClass("hidden");
      if (!show) {
        cy.nodes("[?closed]").addClass("hidden");
        cy.nodes().filter((n) => (n.data("kind") === "State" || n.data("kind") === "Territory")
          && n.degree(false) > 0 && n.neighborhood("node").every((m) => m.hasClass("hidden"))).addClass("hidden");
      }
    });
    updateCount();
    runLayout();
  }

  function updateCount() {
    const shown = shownNodes().length;
    $("count").textContent = `${shown} of ${cy.nodes().length} nodes shown`;
    $("count").dataset.shown = String(shown);
  }

  function legend() {
    const counts = {};
    for (const n of data.nodes) counts[n.data.kind] = (counts[n.data.kind] || 0) + 1;
    const box = $("legend");
    box.replaceChildren();
    for (const kind of Object.keys(counts).sort()) {
      const row = document.createElement("div");
      const sw = document.createElement("span");
      sw.className = "swatch";
      sw.style.background = data.colours[kind] || data.colours.Other;
      row.append(sw, `${kind} (${counts[kind]})`);
      box.append(row);
    }
    if (data.nodes.some((n) => n.data.closed)) {
      const row = document.createElement("div");
      row.textContent = "dashed border: closed";
      box.append(row);
    }
  }

  function showPanel(node) {
    const d = node.data();
    $("panel-label").textContent = d.label;
    $("panel-type").textContent = d.type + (d.closed ? " (closed)" : "");
    $("panel-dates").textContent = d.start || d.end ? `${d.start || "?"} – ${d.end || ""}` : "not recorded";
    const optional = [["panel-seat", d.seat], ["panel-other-names", (d.other_names || []).join("; ")]];
    for (const [id, text] of optional) {
      $(id).textContent = text || "";
      $(id).hidden = !text;
      $(id).previousElementSibling.hidden = !text;
    }
    const list = $("panel-sources");
    list.replaceChildren();
    for (const url of d.sources || []) {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = url; a.textContent = url; a.target = "_blank"; a.rel = "noopener";
      li.append(a);
      list.append(li);
    }
    if (!list.children.length) list.textContent = "none recorded";
    $("panel-iri").href = d.iri;
    $("panel-iri").textContent = d.iri;
    $("panel").hidden = false;
  }

  function select(node) {
    cy.nodes(":selected").unselect();
    node.select();
    cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 1.2) }, { duration: 200 });
    showPanel(node);
  }

  function search() {
    const q = $("search").value.trim().toLowerCase();
    const results = $("results");
    results.replaceChildren();
    cy.elements().removeClass("faded match");
    if (!q) return;
    const hits = shownNodes().filter((n) => n.data("label").toLowerCase().includes(q)
      || (n.data("other_names") || []).some((f) => f.toLowerCase().includes(q)));
    cy.elements().not(hits).addClass("faded");
    hits.addClass("match");
    for (const n of hits.slice(0, 30)) {
      const li = document.createElement("li");
      li.tabIndex = 0;
      li.setAttribute("role", "option");
      li.append(n.data("label"), " ");
      const small = document.createElement("small");
      small.textContent = n.data("type");
      li.append(small);
      li.addEventListener("click", () => { select(n); results.replaceChildren(); });
      li.addEventListener("keydown", (ev) => { if (ev.key === "Enter") li.click(); });
      results.append(li);
    }
    if (!hits.length) {
      const li = document.createElement("li");
      li.textContent = "no match";
      results.append(li);
    }
  }

  cy.on("tap", "node", (ev) => select(ev.target));
  cy.on("tap", (ev) => { if (ev.target === cy) { $("panel").hidden = true; cy.nodes(":selected").unselect(); } });
  $("search").addEventListener("input", search);
  $("search").addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" && $("results").firstElementChild) $("results").firstElementChild.click();
  });
  $("close-panel").addEventListener("click", () => { $("panel").hidden = true; });
  $("fit").addEventListener("click", () => cy.fit(shownNodes(), 30));
  const anyClosed = data.nodes.some((n) => n.data.closed);
  $("show-closed").checked = !anyClosed || data.show_closed;
  $("show-closed").disabled = !anyClosed;
  $("show-closed").addEventListener("change", applyClosed);
  $("note").textContent = data.note;
  legend();
  applyClosed();
  document.body.dataset.ready = "true";
})();

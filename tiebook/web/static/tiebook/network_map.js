// The map of the network: draws /insights/map.json with Cytoscape.js; the page's list works without it.
(function () {
  "use strict";
  const box = document.getElementById("network-map");
  if (!box || typeof cytoscape !== "function") return;

  const COLOURS = { operational: "#2f6fb3", strategic: "#c2701c", personal: "#2e8b57" };
  const personUrl = (id) => box.dataset.personUrl.replace(/0\/$/, id + "/");

  function elements(data) {
    const nodes = data.nodes.map((n) => ({
      position: { x: n.x, y: n.y },
      data: {
        id: String(n.id),
        label: n.name,
        colour: COLOURS[n.category] || "#8a8f98",
        size: 8 + Math.round(n.strength / 4),
      },
    }));
    const edges = data.edges.map((e) => ({
      data: {
        id: e.source + "-" + e.target,
        source: String(e.source),
        target: String(e.target),
        width: Math.min(1 + e.weight / 2, 6),
      },
    }));
    return nodes.concat(edges);
  }

  function draw(data) {
    box.textContent = "";
    const cy = cytoscape({
      container: box,
      elements: elements(data),
      // The server places everyone (a slice per category, strong ties in the middle): a force
      // layout of 2,000 people takes the browser tens of seconds.
      layout: { name: "preset", fit: true, padding: 20 },
      minZoom: 0.05,
      maxZoom: 4,
      textureOnViewport: data.nodes.length > 500,
      hideEdgesOnViewport: data.nodes.length > 500,
      style: [
        {
          selector: "node",
          style: {
            "background-color": "data(colour)",
            width: "data(size)",
            height: "data(size)",
            label: "data(label)",
            "font-size": 8,
            "min-zoomed-font-size": 10,
            color: "#222",
          },
        },
        {
          selector: "edge",
          style: { width: "data(width)", "line-color": "#b8bec7", opacity: 0.6, "curve-style": "haystack" },
        },
        { selector: "node:selected", style: { "border-width": 3, "border-color": "#111" } },
      ],
    });
    cy.on("tap", "node", (event) => {
      window.location.href = personUrl(event.target.id());
    });
    const links = document.getElementById("map-links");
    if (links) links.textContent = ", " + data.edges.length + (data.edges.length === 1 ? " link" : " links");
    box.cy = cy; // for a test or the console to find the graph drawn here
    box.dataset.ready = "true";
    box.dataset.nodes = String(cy.nodes().length);
  }

  fetch(box.dataset.json, { headers: { Accept: "application/json" }, credentials: "same-origin" })
    .then((response) => {
      if (!response.ok) throw new Error(response.statusText);
      return response.json();
    })
    .then(draw)
    .catch(() => {
      box.innerHTML = '<p class="error" role="alert">The map could not be drawn; the list below has everyone on it.</p>';
    });
})();

// Draws every figure the server embedded with json_script into its .chart element, and the region's map.
(function () {
  "use strict";
  var CONFIG = { responsive: true, displaylogo: false, modeBarButtonsToRemove: ["select2d", "lasso2d"] };
  // On a phone the tool bar covers the top of the chart, and a finger does not zoom with it anyway.
  if (window.matchMedia("(max-width: 600px)").matches) {
    CONFIG.displayModeBar = false;
  }
  // Light to dark: readable printed in grey too.
  var COVERAGE_SCALE = [[0, "#d6ecf3"], [0.5, "#4a9bb5"], [1, "#0b3d52"]];
  var PARTIAL_COLOUR = "#b9c7d1";
  var NOT_REPORTED_COLOUR = "#dddddd";

  function drawFigures() {
    document.querySelectorAll(".chart[data-figure]").forEach(function (element) {
      var source = document.getElementById(element.dataset.figure);
      if (!source || typeof Plotly === "undefined") {
        return;
      }
      var figure = JSON.parse(source.textContent);
      Plotly.newPlot(element, figure.data, figure.layout, CONFIG);
    });
  }

  // One choropleth trace per kind of part, so a part with no coverage is grey, never a colour that reads as 0 %.
  function trace(collection, status, name, colorscale, showscale) {
    var features = collection.features.filter(function (f) { return f.properties.status === status; });
    if (!features.length) {
      return null;
    }
    var values = features.map(function (f) {
      return status === "whole" ? f.properties.coverage_pct : 1;
    });
    return {
      type: "choropleth",
      geojson: { type: "FeatureCollection", features: features },
      featureidkey: "properties.kode",
      locations: features.map(function (f) { return f.properties.kode; }),
      z: values,
      zmin: status === "whole" ? 0 : 0,
      zmax: status === "whole" ? Math.max.apply(null, values.concat([1])) : 1,
      colorscale: colorscale,
      showscale: showscale,
      colorbar: showscale ? { title: { text: name }, thickness: 12 } : undefined,
      marker: { line: { color: "#ffffff", width: 1 } },
      hovertext: features.map(function (f) { return f.properties.label; }),
      hoverinfo: "text",
      name: name,
      showlegend: !showscale,
    };
  }

  function drawMap(element) {
    fetch(element.dataset.mapUrl, { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (collection) {
        if (!collection.features || !collection.features.length) {
          element.closest("section").hidden = true;
          return;
        }
        var data = [
          trace(collection, "whole", collection.legend.whole, COVERAGE_SCALE, true),
          trace(collection, "partial", collection.legend.partial, [[0, PARTIAL_COLOUR], [1, PARTIAL_COLOUR]], false),
          trace(collection, "not_reported", collection.legend.not_reported,
                [[0, NOT_REPORTED_COLOUR], [1, NOT_REPORTED_COLOUR]], false),
        ].filter(Boolean);
        var layout = {
          geo: { fitbounds: "locations", visible: false, projection: { type: "mercator" } },
          margin: { l: 0, r: 0, t: 30, b: 0 },
          height: 420,
          legend: { orientation: "h", y: -0.02 },
          paper_bgcolor: "rgba(0,0,0,0)",
        };
        // No world map from a CDN: the (empty) topojson plotly asks for comes from this site.
        var config = Object.assign({ topojsonURL: element.dataset.topojson }, CONFIG);
        Plotly.newPlot(element, data, layout, config).then(function () {
          var urls = {};
          collection.features.forEach(function (f) { urls[f.properties.kode] = f.properties.url; });
          element.on("plotly_click", function (event) {
            var url = event.points.length && urls[event.points[0].location];
            if (url) {
              window.location.href = url;
            }
          });
        });
      });
  }

  function draw() {
    if (typeof Plotly === "undefined") {
      return;
    }
    drawFigures();
    document.querySelectorAll(".chart[data-map-url]").forEach(drawMap);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();

// Renders what the exported page carries as data: formulas with KaTeX and charts with plotly.js,
// both loaded from the assets folder beside the page (nothing is fetched from the network).
(function () {
  "use strict";

  function renderMath() {
    if (!window.katex) {
      return;
    }
    document.querySelectorAll(".math").forEach(function (element) {
      var tex = element.textContent.trim();
      var display = element.tagName === "DIV" || element.classList.contains("math-display");
      if ((tex.startsWith("\\(") && tex.endsWith("\\)")) || (tex.startsWith("\\[") && tex.endsWith("\\]"))) {
        tex = tex.slice(2, -2);
      }
      try {
        window.katex.render(tex, element, { displayMode: display, throwOnError: false, output: "htmlAndMathml" });
      } catch (error) {
        element.classList.add("math-error");
        element.title = String(error);
      }
    });
  }

  function renderCharts() {
    if (!window.Plotly) {
      return;
    }
    document.querySelectorAll("script.plotly-figure").forEach(function (script) {
      var figure = JSON.parse(script.textContent);
      var target = document.getElementById(script.getAttribute("data-target"));
      var config = Object.assign({ responsive: true, displaylogo: false }, figure.config || {});
      window.Plotly.newPlot(target, figure.data || [], figure.layout || {}, config);
    });
  }

  renderMath();
  renderCharts();
})();

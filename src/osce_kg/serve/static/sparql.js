// The SPARQL editor: YASGUI (from npm, served by this server) on our endpoint, with the named
// queries as examples. Nothing is fetched from elsewhere: the autocompleters that ask remote
// services (LOV for classes and properties) are left out.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("sparql-config").textContent);
  var endpoint = new URL(config.endpoint, window.location.href).href;
  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    persistenceId: "osce-kg-sparql",
    yasqe: { autocompleters: ["variables", "prefixes"] },
  });
  var tab = yasgui.getTab();
  tab.setEndpoint(endpoint);
  var params = new URLSearchParams(window.location.search);
  if (params.has("query")) {
    tab.setQuery(params.get("query"));
    tab.query();
  } else if (config.examples.length && !tab.getQuery().trim().replace(/^PREFIX.*$/gim, "").trim().length) {
    tab.setQuery(config.examples[0].query);
  }
  document.getElementById("examples").addEventListener("change", function (event) {
    var example = config.examples[Number(event.target.value)];
    if (example) {
      yasgui.getTab().setQuery(example.query);
    }
  });
  window.osceKgYasgui = yasgui;
})();

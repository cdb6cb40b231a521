/*
  The search page (recherche/index.html): searches the Pagefind index that the build writes in
  pagefind/ (generator/search.py). Pagefind and its index load only once the visitor uses the
  field or a filter, or arrives with a query (the header's form); the filters' values only once
  the filters are opened. Results are announced through the page's status line; each shows the
  document, its organisation and region, the matching passage and up to three sections (enjeu,
  contributions…) with a link to their anchor.
  Pagefind keeps no no-break space: typographie() puts back those of amounts, percentages, dates,
  colons and guillemets in what it returns.
*/
(function () {
  "use strict";

  var form = document.getElementById("pp-recherche");
  if (!form || !window.fetch || !window.URLSearchParams) return;
  var field = document.getElementById("pp-q");
  var status = document.getElementById("pp-etat");
  var list = document.getElementById("pp-resultats");
  var more = document.getElementById("pp-plus");
  var filters = document.getElementById("pp-filtres");
  var selects = Array.prototype.slice.call(form.querySelectorAll("[data-pp-filtre]"));
  var PAGE = 10; // results shown at a time
  var pagefind = null;
  var loading = null;
  var results = [];
  var shown = 0;
  var sequence = 0;
  var timer = 0;

  form.hidden = false;
  document.getElementById("pp-sans-script").hidden = true;

  // --- typography (the rules of generator/typography.py that Pagefind's text loses) -------------
  var NBSP = "\u00a0";
  var M = "[\\uE000\\uE001]*"; // a <mark> or </mark>, stood in for while the rules run
  var MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre";
  var RULES = [
    [new RegExp("(\\d" + M + ") (?=" + M + "\\d{3}(?!\\d))", "g"), "$1" + NBSP], // 2 871 200
    [new RegExp("(\\d" + M + ") (?=" + M + "[$%])", "g"), "$1" + NBSP], // 200 $, 15 %
    [new RegExp("(\\b(?:\\d{1,2}|1er)" + M + ") (?=" + M + "(?:" + MONTHS + ")\\b)", "gi"), "$1" + NBSP], // 31 mars
    [new RegExp("((?:" + MONTHS + ")" + M + ") (?=" + M + "\\d{4}\\b)", "gi"), "$1" + NBSP], // mars 2024
    [new RegExp(" (?=" + M + ":)", "g"), NBSP], // « Objectif 1 : »
    [new RegExp("(«" + M + ") ", "g"), "$1" + NBSP],
    [new RegExp(" (?=" + M + "»)", "g"), NBSP],
  ];

  function typographie(text) {
    return RULES.reduce(function (t, rule) { return t.replace(rule[0], rule[1]); }, text);
  }

  function typographieHtml(html) {
    var t = html.replace(/<mark>/g, "\uE000").replace(/<\/mark>/g, "\uE001");
    return typographie(t).replace(/\uE000/g, "<mark>").replace(/\uE001/g, "</mark>");
  }

  function capitalise(text) {
    return text.charAt(0).toLocaleUpperCase("fr") + text.slice(1);
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // --- loading Pagefind, on first use -----------------------------------------------------------
  function load() {
    if (!loading) {
      var site = new URL(form.getAttribute("data-site"), location.href).pathname;
      var script = new URL(form.getAttribute("data-pagefind"), location.href).href;
      loading = import(script)
        .then(function (module) {
          pagefind = module;
          return pagefind.options({ baseUrl: site, excerptLength: 24 });
        })
        .then(function () { return pagefind.init(); })
        .catch(function () {
          loading = null;
          say("La recherche n'a pas pu se charger. Réessayez, ou parcourez les documents par région depuis la page d'accueil.");
          throw new Error("pagefind");
        });
    }
    return loading;
  }

  // The filters' values: loaded when the filters are opened (their index grows with the site).
  var filling = null;
  function loadFilters() {
    if (!filling) {
      filling = load()
        .then(function () { return pagefind.filters(); })
        .then(fillFilters)
        .catch(function () { filling = null; });
    }
    return filling;
  }

  function fillFilters(available) {
    selects.forEach(function (select) {
      var values = Object.keys(available[select.getAttribute("data-pp-filtre")] || {});
      values.sort(function (a, b) { return a.localeCompare(b, "fr", { numeric: true, sensitivity: "base" }); });
      var wanted = select.getAttribute("data-pp-voulu") || select.value;
      values.forEach(function (value) {
        var option = element("option", "", capitalise(typographie(value)));
        option.value = value;
        select.appendChild(option);
      });
      select.value = values.indexOf(wanted) >= 0 ? wanted : "";
      select.disabled = values.length === 0;
      select.parentNode.hidden = values.length === 0;
    });
  }

  // --- searching ---------------------------------------------------------------------------------
  function chosenFilters() {
    var chosen = {};
    selects.forEach(function (select) {
      if (select.value) chosen[select.getAttribute("data-pp-filtre")] = select.value;
    });
    return chosen;
  }

  function say(message) {
    status.textContent = message;
  }

  function search() {
    var query = field.value.trim();
    var chosen = chosenFilters();
    var filtered = Object.keys(chosen).length > 0;
    remember(query, chosen);
    var mine = ++sequence;
    if (!query && !filtered) {
      results = [];
      list.hidden = true;
      list.textContent = "";
      more.hidden = true;
      say("");
      return Promise.resolve();
    }
    performance.mark("pp-recherche-debut");
    return load()
      .then(function () { return pagefind.search(query || null, { filters: chosen }); })
      .then(function (found) {
        if (mine !== sequence || !found) return null;
        results = found.results;
        shown = 0;
        list.textContent = "";
        return showMore(mine).then(function () {
          if (mine !== sequence) return;
          performance.measure("pp-recherche", "pp-recherche-debut");
          say(summary(results.length, query, filtered));
        });
      })
      .catch(function () { /* already said */ });
  }

  function summary(count, query, filtered) {
    var words = query ? " pour «" + NBSP + query + NBSP + "»" : "";
    var where = filtered ? (query ? ", avec les filtres choisis" : " avec les filtres choisis") : "";
    if (count === 0) return "Aucun résultat" + words + where + ".";
    var total = count === 1 ? "1 résultat" : typographie(count.toLocaleString("fr-CA")) + " résultats";
    var part = count > shown ? " (" + shown + " affichés)" : "";
    return total + words + where + part + ".";
  }

  function showMore(mine) {
    var next = results.slice(shown, shown + PAGE);
    return Promise.all(next.map(function (r) { return r.data(); })).then(function (pages) {
      if (mine !== sequence) return;
      pages.forEach(function (page) { list.appendChild(result(page)); });
      shown += pages.length;
      list.hidden = shown === 0;
      more.hidden = shown >= results.length;
    });
  }

  function result(page) {
    var item = element("li", "pp-resultat");
    var title = element("h2", "pp-resultat__titre");
    var link = element("a", "", typographie(page.meta.title || page.url));
    link.href = page.url;
    title.appendChild(link);
    item.appendChild(title);
    var facts = ["type", "organisation", "region"]
      .map(function (key) { return (page.filters[key] || [])[0]; })
      .filter(function (fact) { return fact && fact !== page.meta.title; })
      .map(typographie);
    if (facts.length) item.appendChild(element("p", "pp-resultat__contexte", facts.join(" · ")));
    // Pagefind splits a page at its headings with an id: the passage before the first h2 stands
    // for the page itself, each later one for its section (an enjeu, the contributions…).
    var subs = page.sub_results || [];
    var top = subs.filter(function (s) { return !s.anchor || s.anchor.element === "h1"; })[0];
    var sections = subs.filter(function (s) { return s.anchor && s.anchor.element !== "h1"; }).slice(0, 3);
    if (top || !sections.length) {
      var excerpt = element("p", "pp-resultat__extrait");
      excerpt.innerHTML = typographieHtml((top || page).excerpt); // Pagefind escapes the text, then adds <mark>
      item.appendChild(excerpt);
    }
    if (sections.length) {
      var parts = element("ul", "pp-resultat__sections");
      sections.forEach(function (section) {
        var part = element("li");
        var to = element("a", "", typographie(section.title));
        to.href = section.url;
        part.appendChild(to);
        var text = element("p", "pp-resultat__extrait");
        text.innerHTML = typographieHtml(section.excerpt);
        part.appendChild(text);
        parts.appendChild(part);
      });
      item.appendChild(parts);
    }
    return item;
  }

  function remember(query, chosen) {
    var params = new URLSearchParams();
    if (query) params.set("q", query);
    Object.keys(chosen).forEach(function (key) { params.set(key, chosen[key]); });
    var text = params.toString();
    history.replaceState(null, "", location.pathname + (text ? "?" + text : ""));
  }

  // --- events ------------------------------------------------------------------------------------
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    search();
  });
  field.addEventListener("input", function () {
    clearTimeout(timer);
    if (pagefind && field.value.trim()) pagefind.preload(field.value.trim(), { filters: chosenFilters() });
    timer = setTimeout(search, 200);
  });
  field.addEventListener("focus", function () { load().catch(function () {}); });
  filters.addEventListener("toggle", function () { if (filters.open) loadFilters(); });
  selects.forEach(function (select) {
    select.addEventListener("focus", loadFilters);
    select.addEventListener("change", function () { clearTimeout(timer); search(); });
  });
  more.addEventListener("click", function () {
    var first = shown;
    showMore(sequence).then(function () {
      var link = list.children[first] && list.children[first].querySelector("a");
      if (link) link.focus(); // the first of the new results, where reading goes on
      say(summary(results.length, field.value.trim(), Object.keys(chosenFilters()).length > 0));
    });
  });

  // Arriving with a query or filters (the header's form, a shared address): search at once.
  var params = new URLSearchParams(location.search);
  var any = false;
  if (params.has("q")) field.value = params.get("q");
  selects.forEach(function (select) {
    var value = params.get(select.getAttribute("data-pp-filtre"));
    if (value) {
      select.setAttribute("data-pp-voulu", value);
      filters.open = true;
      any = true;
    }
  });
  if (params.has("q")) field.focus();
  if (any) {
    loadFilters().then(search);
  } else if (field.value.trim()) {
    load().then(function () { search(); }).catch(function () {});
  }
})();

// Pagefind with the edition's search filters. PagefindUI loads `${bundlePath}pagefind.js`: search.js points it
// here. Everything is Pagefind's, except filters() and the filters of search(), which come from search-facets.json:
// the build writes it (site.xsl), byte for byte the same on every run, where Pagefind's own filter files are not.
// A filter on a person, a place or a contested point holds on paragraphs (and notes): a result is kept when a word
// it matches stands in a paragraph that every chosen value holds on, and it lands on the first such paragraph.
import * as pagefind from "../../pagefind/pagefind.js";

var facets = null;
// The most results counted without a filter chosen (each needs its record: a fetch).
var COUNTED = 100;

// The facets: {name: {value: {page: [anchors] (empty: the whole page)}}}, in the order of the file.
function loadFacets() {
  if (!facets) {
    facets = fetch(new URL("../../search-facets.json", import.meta.url))
      .then(function (response) { return response.ok ? response.json() : { facets: [] }; })
      .then(function (json) {
        var byName = {};
        json.facets.forEach(function (facet) {
          byName[facet.name] = {};
          facet.values.forEach(function (value) { byName[facet.name][value.value] = value.pages; });
        });
        return byName;
      });
  }
  return facets;
}

export function options(settings) { return pagefind.options(settings); }
export function init() { return pagefind.init(); }
export function preload(term, settings) { return pagefind.preload(term, settings); }
export function mergeIndex(path, settings) { return pagefind.mergeIndex(path, settings); }
export function destroy() { facets = null; return pagefind.destroy(); }

// Before a query: each value with the number of texts it holds on.
export async function filters() {
  var all = await loadFacets();
  var counts = {};
  Object.keys(all).forEach(function (name) {
    counts[name] = {};
    Object.keys(all[name]).forEach(function (value) { counts[name][value] = Object.keys(all[name][value]).length; });
  });
  return counts;
}

// The page of a result ("dobrynin-cable.html") and the paragraph or note each matched word stands in.
function located(data) {
  var page = decodeURIComponent(data.url.split("#")[0].split("?")[0].split("/").pop());
  var anchors = (data.anchors || []).filter(function (anchor) {
    return (anchor.element === "div" || anchor.element === "li") && anchor.id && anchor.id !== "text";
  }).sort(function (a, b) { return a.location - b.location; });
  var words = (data.locations || []).map(function (location) {
    var within = anchors.filter(function (anchor) { return anchor.location <= location; });
    var anchor = within.length ? within[within.length - 1] : null;
    return { location: location, anchor: anchor && anchor.id, start: anchor ? anchor.location : 0 };
  });
  return { page: page, words: words };
}

// Does a value of a facet hold on this word of this page?
function holds(pages, page, word) {
  var anchors = pages && pages[page];
  return anchors !== undefined && (anchors.length === 0 || anchors.indexOf(word.anchor) >= 0);
}

function chosen(all, selected) {
  var pairs = [];
  Object.keys(selected || {}).forEach(function (name) {
    var values = selected[name];
    (Array.isArray(values) ? values : [values]).forEach(function (value) {
      pairs.push((all[name] || {})[value]);
    });
  });
  return pairs;
}

// The words of a result that every chosen value holds on.
function kept(place, pairs) {
  return place.words.filter(function (word) {
    return pairs.every(function (pages) { return holds(pages, place.page, word); });
  });
}

// The excerpt: 30 words (Pagefind's way of cutting it, matches marked) from the start of the first kept word's
// paragraph, or around the word if it stands further in.
function excerpt(data, words) {
  var all = data.content.split(/[\r\n\s]+/g);
  var first = words[0];
  var start = first.location - first.start < 20 ? first.start : Math.min(first.location - 15, all.length - 30);
  start = Math.max(0, start);
  words.forEach(function (word) { if (all[word.location] !== undefined) { all[word.location] = "<mark>" + all[word.location] + "</mark>"; } });
  return all.slice(start, start + 30).join(" ").trim();
}

function count(all, places, pairs) {
  var counts = {};
  Object.keys(all).forEach(function (name) {
    counts[name] = {};
    Object.keys(all[name]).forEach(function (value) {
      var more = pairs.concat([all[name][value]]);
      counts[name][value] = places.filter(function (place) { return kept(place, more).length > 0; }).length;
    });
  });
  return counts;
}

export async function search(term, settings) {
  var all = await loadFacets();
  var selected = (settings || {}).filters || {};
  var rest = Object.assign({}, settings || {});
  delete rest.filters;
  var found = await pagefind.search(term, rest);
  if (!found || !found.results) { return found; }
  var pairs = chosen(all, selected);
  // Counting needs every result's record (its page and words): with no filter chosen and many results, keep
  // Pagefind's answer as it is, and the counts stay those of the texts (filters()).
  if (!pairs.length && found.results.length > COUNTED) {
    return Object.assign({}, found, { filters: await filters(), totalFilters: await filters() });
  }
  var datas = await Promise.all(found.results.map(function (result) { return result.data(); }));
  var places = datas.map(located);
  var results = [];
  found.results.forEach(function (result, index) {
    var words = kept(places[index], pairs);
    if (pairs.length && !words.length) { return; }
    var data = datas[index];
    var narrowed = pairs.length ? Object.assign({}, data, {
      locations: words.map(function (word) { return word.location; }),
      excerpt: excerpt(data, words)
    }) : data;
    results.push(Object.assign({}, result, { data: function () { return Promise.resolve(narrowed); } }));
  });
  return Object.assign({}, found, {
    results: results,
    filters: count(all, places, pairs),
    totalFilters: count(all, places, [])
  });
}

export async function debouncedSearch(term, settings) { return search(term, settings); }

// Makes theme/maps/hannover-mykolajiw.svg: Central and Eastern Europe with Hannover, Mykolajiw and the line between
// them. Run once by hand (`cd tools/map && npm ci && npm run map`); the build never runs it, it reads the SVG.
//
// Outlines: Natural Earth 1:50m admin-0 countries (public domain) as TopoJSON from the npm package world-atlas
// 2.0.2, simplified with topojson-simplify (topology kept, so neighbours still share their border), projected
// with d3-geo's Lambert conformal conic projection (the usual one for maps of Europe at this scale), clipped to
// the frame and rounded to whole units. The result is a few KB and deterministic: the same inputs give the same
// bytes.
//
// The SVG carries German labels and plain colours so that it can be looked at on its own; the build
// (plugins/charts/route_map.py) keeps only the geometry and the ids and classes, puts in the labels, title and
// description in the page's language, and colours it from the stylesheet's design tokens.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { geoConicConformal, geoDistance, geoInterpolate, geoPath } from "d3-geo";
import { feature, merge, mesh } from "topojson-client";
import { presimplify, quantile, simplify } from "topojson-simplify";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const OUTPUT = here("../../theme/maps/hannover-mykolajiw.svg");
const WIDTH = 460;
const HEIGHT = 300;
// City centres (WGS 84): Hannover, Kröpcke; Mykolajiw, city centre (46° 58′ N, 32° 00′ E, as on the Mykolajiw page).
const HANNOVER = [9.7386, 52.3745];
const MYKOLAJIW = [32.0, 46.9667];
const GERMANY = "276"; // ISO 3166-1 numeric codes, world-atlas's ids
const UKRAINE = "804";
const EARTH_RADIUS_KM = 6371.0088; // mean radius (IUGG)

const topology = JSON.parse(readFileSync(here("node_modules/world-atlas/countries-50m.json"), "utf8"));
// Keep the points that matter at this scale: the threshold is topojson-simplify's weight quantile 0.1 (smaller
// keeps fewer points), which keeps coasts and borders recognisable at 460 × 300 and the file at about 5 KB.
const simplified = simplify(presimplify(topology), quantile(presimplify(topology), 0.1));
const countries = simplified.objects.countries;

// The frame: from the Rhine to the Don, from the Alps to the Baltic.
const frame = {
  type: "Feature",
  geometry: { type: "MultiPoint", coordinates: [[5, 55.6], [38, 55.6], [5, 44.2], [38, 44.2], [21.5, 43.6]] },
};
const projection = geoConicConformal().parallels([45, 55]).rotate([-22, 0]).fitExtent([[0, 0], [WIDTH, HEIGHT]], frame);
projection.clipExtent([[0, 0], [WIDTH, HEIGHT]]);
const absolute = geoPath(projection).digits(0);
const path = (object) => compact(absolute(object));

// d3 writes absolute moves and lines ("M359,300L365,296…Z"); relative ones with repeated points dropped are
// about half as long ("M359 300l6-4…z").
function compact(d) {
  if (!d) return "";
  const number = (value) => (value < 0 ? `${value}` : ` ${value}`); // a minus sign separates numbers by itself
  let out = "";
  let x = 0;
  let y = 0;
  let inLine = false;
  for (const [, command, args] of d.matchAll(/([MLZ])([^MLZ]*)/g)) {
    if (command === "Z") {
      out += "z";
      inLine = false;
      continue;
    }
    const [nx, ny] = args.split(",").map(Number);
    if (command === "M") {
      out += `M${nx}${number(ny)}`;
      inLine = false;
    } else if (nx !== x || ny !== y) {
      out += inLine ? number(nx - x) : `l${nx - x}`;
      out += number(ny - y);
      inLine = true;
    }
    [x, y] = [nx, ny];
  }
  return out.replace(/l /g, "l");
}

const land = path(merge(simplified, countries.geometries));
const borders = path(mesh(simplified, countries, (a, b) => a !== b));
const one = (id) => path(feature(simplified, countries.geometries.find((g) => g.id === id)));
// The line between the cities is the great circle (the shortest way over the Earth), drawn through points along it.
const steps = 32;
const between = geoInterpolate(HANNOVER, MYKOLAJIW);
const route = path({ type: "LineString", coordinates: Array.from({ length: steps + 1 }, (_, i) => between(i / steps)) });
const [hx, hy] = projection(HANNOVER).map(Math.round);
const [mx, my] = projection(MYKOLAJIW).map(Math.round);
const [cx, cy] = projection(between(0.5)).map(Math.round);
const crowKm = Math.round((geoDistance(HANNOVER, MYKOLAJIW) * EARTH_RADIUS_KM) / 10) * 10;

const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" class="route-map" role="img" aria-labelledby="karte-titel karte-beschreibung">
<title id="karte-titel">Hannover und Mykolajiw</title>
<desc id="karte-beschreibung">Karte von Mitteleuropa bis zur Ukraine: Hannover in Deutschland, Mykolajiw im Süden der Ukraine und die Luftlinie zwischen ihnen, etwa ${crowKm} km.</desc>
<rect class="route-map__sea" width="${WIDTH}" height="${HEIGHT}" fill="#dfeaf5"/>
<path class="route-map__land" d="${land}" fill="#f3f4f6"/>
<path class="route-map__country route-map__country--germany" id="karte-deutschland" d="${one(GERMANY)}" fill="#f6d9da"/>
<path class="route-map__country route-map__country--ukraine" id="karte-ukraine" d="${one(UKRAINE)}" fill="#d6e4f7"/>
<path class="route-map__border" d="${borders}" fill="none" stroke="#767b84" stroke-width="0.6"/>
<path class="route-map__route" id="karte-linie" d="${route}" fill="none" stroke="#b0141d" stroke-width="2.5" stroke-dasharray="6 4"/>
<circle class="route-map__city" id="karte-punkt-hannover" cx="${hx}" cy="${hy}" r="5" fill="#1b1c1e"/>
<circle class="route-map__city" id="karte-punkt-mykolajiw" cx="${mx}" cy="${my}" r="5" fill="#1b1c1e"/>
<text class="route-map__label" id="karte-hannover" x="${hx}" y="${hy - 11}" text-anchor="middle" font-size="18">Hannover</text>
<text class="route-map__label" id="karte-mykolajiw" x="${mx}" y="${my + 25}" text-anchor="middle" font-size="18">Mykolajiw</text>
<text class="route-map__distance" id="karte-entfernung" x="${cx - 6}" y="${cy + 24}" text-anchor="end" font-size="15">≈ ${crowKm} km Luftlinie</text>
</svg>
`;
writeFileSync(OUTPUT, svg);
console.log(`${OUTPUT}: ${Buffer.byteLength(svg)} bytes; air distance ${crowKm} km; Hannover ${hx},${hy}; Mykolajiw ${mx},${my}; middle ${cx},${cy}`);

// Bundles entry.js into one minified file and writes its LICENSE; run by build.sh inside a temporary
// directory that holds node_modules from package-lock.json. Usage: node build.mjs OUTPUT_DIRECTORY
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import * as esbuild from 'esbuild';

const out = path.resolve(process.argv[2]);
const here = path.dirname(new URL(import.meta.url).pathname);
const plotly = JSON.parse(fs.readFileSync(path.join(here, 'node_modules/plotly.js/package.json'), 'utf8'));

// Modules the app never reaches, replaced by the stand-ins in stubs/ (each file says why).
const STUBS = ['country-iso-search', 'd3-geo-projection'];
const stubs = {
    name: 'stubs',
    setup(build) {
        for (const name of STUBS) {
            build.onResolve({ filter: new RegExp(`^${name}$`) }, () => ({ path: path.join(here, 'stubs', `${name}.js`) }));
        }
    }
};

// As plotly.js's own build (its esbuild-config.js), less the map trace's stylesheet, which only
// the maplibre "map" subplot uses.
const result = await esbuild.build({
    entryPoints: [path.join(here, 'entry.js')],
    outfile: path.join(out, 'plotly-ucj.min.js'),
    bundle: true,
    minify: true,
    format: 'iife',
    globalName: 'Plotly',
    target: 'es2016',
    define: { global: 'window', 'define.amd': 'false', 'process.env.NODE_DEBUG': 'false' },
    alias: { stream: 'stream-browserify' },
    loader: { '.css': 'empty' },
    plugins: [stubs],
    legalComments: 'none',
    banner: {
        js: `/*! plotly.js v${plotly.version} (MIT License, Copyright (c) Plotly Technologies Inc.), a custom bundle with the traces scatter, bar and choropleth; it and the packages it includes are listed with their licences in LICENSE beside this file */`
    },
    metafile: true,
    logLevel: 'warning'
});

// Every npm package that ended up in the bundle, with its licence text.
const packages = new Map();
const inputs = result.metafile.outputs[path.relative(process.cwd(), path.join(out, 'plotly-ucj.min.js'))].inputs;
for (const [input, { bytesInOutput }] of Object.entries(inputs)) {
    const match = input.match(/^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//);
    // The maplibre stylesheet, loaded as empty, leaves only esbuild's module wrapper: no maplibre code.
    if (!match || bytesInOutput === 0 || input.endsWith('.css') || packages.has(match[1])) continue;
    const meta = JSON.parse(fs.readFileSync(path.join(match[1], 'package.json'), 'utf8'));
    const licenceFile = fs.readdirSync(match[1]).find((name) => /^(licen[cs]e|copying)/i.test(name));
    const text = licenceFile ? fs.readFileSync(path.join(match[1], licenceFile), 'utf8').trim() : null;
    packages.set(match[1], { name: meta.name, version: meta.version, license: meta.license, text });
}
const sorted = [...packages.values()].sort((a, b) => a.name.localeCompare(b.name));
const own = sorted.find((p) => p.name === 'plotly.js');
let licence = `plotly-ucj.min.js is a build of plotly.js ${plotly.version} with the packages below; each is\n`;
licence += 'used under its own licence, given here in full.\n\n';
licence += `${'='.repeat(78)}\nplotly.js ${own.version} (${own.license})\n${'='.repeat(78)}\n\n${own.text}\n`;
for (const p of sorted) {
    if (p === own) continue;
    licence += `\n${'='.repeat(78)}\n${p.name} ${p.version} (${p.license})\n${'='.repeat(78)}\n\n`;
    licence += p.text ? `${p.text}\n` : `No licence file in the package; its package.json says: ${p.license}.\n`;
}
fs.writeFileSync(path.join(out, 'LICENSE'), licence);

// A choropleth with its own GeoJSON still makes plotly.js fetch the world base map (topojsonURL, by
// default from a CDN) before it draws, and fail without it, even with geo.visible false. The app
// points topojsonURL here: an empty topology with the base layers plotly.js reads (no geometry), so
// the map draws with no request beyond this small file, and draws no base map if geo.visible is set.
const constants = await import(path.join(here, 'node_modules/plotly.js/src/plots/geo/constants.js'));
const layers = [...Object.keys(constants.default.fillLayers), ...Object.keys(constants.default.lineLayers)]
    .filter((name) => name !== 'frame')
    .sort();
const topology = { type: 'Topology', objects: {}, arcs: [] };
for (const name of layers) topology.objects[name] = { type: 'GeometryCollection', geometries: [] };
fs.mkdirSync(path.join(out, 'topojson'), { recursive: true });
fs.writeFileSync(path.join(out, 'topojson', 'world_110m.json'), `${JSON.stringify(topology)}\n`);
fs.writeFileSync(
    path.join(out, 'topojson', 'LICENSE'),
    `world_110m.json here holds no map data: it is an empty TopoJSON topology with the base layers that
plotly.js ${plotly.version} reads (${layers.join(', ')}), each without geometry, written by
tools/plotly/build.mjs for this project. It stands in for plotly's world map (from Natural Earth), which
the app does not draw (geo.visible false), so that a choropleth of the app's own GeoJSON needs nothing
from outside. There is nothing in it to license; to the extent anything is, it is dedicated to the
public domain under CC0 1.0 (https://creativecommons.org/publicdomain/zero/1.0/).
`
);

const bytes = fs.readFileSync(path.join(out, 'plotly-ucj.min.js'));
const gzip = zlib.gzipSync(bytes, { level: 9 }).length;
const brotli = zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const version = `plotly.js ${plotly.version}, a custom bundle with the traces scatter, bar and choropleth
(entry: tools/plotly/entry.js, that is plotly.js/lib/core with lib/bar and lib/choropleth registered).

Built by tools/plotly/build.sh (make plotly): npm ci of tools/plotly/package-lock.json in a temporary
directory, then esbuild ${esbuild.version} with plotly.js's own settings (iife, global Plotly, es2016,
minified), less the maplibre stylesheet of the "map" subplot, and with two unused modules replaced by
stand-ins (tools/plotly/stubs/): country-iso-search (choropleth locationmode "country names") and
d3-geo-projection (the extra projections; the 15 of d3-geo remain: equirectangular, the default, mercator,
orthographic, natural earth1, equal earth, albers, the conic and azimuthal ones).

plotly-ucj.min.js: ${bytes.length} bytes, ${gzip} gzip -9, ${brotli} brotli (quality 11).
Licences of plotly.js and of the ${sorted.length - 1} packages bundled with it: LICENSE.

topojson/world_110m.json: an empty stand-in for plotly's world base map (topojson/LICENSE). A choropleth
draws with no request outside the app when Plotly.newPlot gets the config
    topojsonURL: STATIC_URL + "vendor/plotly/topojson/"     (for example "/static/vendor/plotly/topojson/")
and a layout with
    geo: {fitbounds: "locations", visible: false, projection: {type: "mercator"}}
(leave geo.scope and geo.resolution at their defaults: the file name is world_110m.json). Without
topojsonURL, plotly.js fetches https://cdn.plot.ly/un/world_110m.json and draws no map when it fails.
`;
fs.writeFileSync(path.join(out, 'VERSION'), version);
process.stdout.write(version);

// Build the app's Plotly bundle from the plotly.js npm package (pinned in package.json), offline:
//     node dashboard/web/plotly_bundle/build.js [--check]
//
// plotly-custom.min.js    plotly.js with only the trace types the app draws (entry.js), built with the options
//                         of plotly.js's own esbuild-config.js (iife, globalName Plotly, es2016, regl/stream
//                         aliases, CSS inlined as a <style>), minified by esbuild and then by terser (two
//                         compress passes: ~5% fewer bytes after brotli than esbuild alone);
// maplibre-shared.min.js  the code MapLibre's main thread and its web worker share (maplibre-gl-shared.mjs),
//                         once, as a classic script that sets self.__maplibreShared.  plotly.js's own build
//                         ships it twice: inside its main bundle and again inside the worker source string
//                         (build/maplibre_worker.js, ~120 KB brotli).  Here the main bundle reads it from
//                         self.__maplibreShared and the worker (a module worker made from a blob, as
//                         plotly.js makes it) imports the same URL, which the browser already has cached.
//
// Each file also gets its brotli (quality 11) copy, <name>.br, which the server sends as it is.
// Deterministic: the same package versions give the same bytes, so the committed files can be checked against
// this recipe (--check exits 1 when they differ, or when a .br copy is not the file).  Load order in a page:
// maplibre-shared, then plotly-custom (dashboard/web/static.py).
'use strict';
const esbuild = require('esbuild');
const terser = require('terser');
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const HERE = __dirname;
const ROOT = path.resolve(HERE, '..', '..', '..');
const VERSION = require('plotly.js/package.json').version;
const MAPLIBRE = require('maplibre-gl/package.json').version;
const SHARED = /maplibre-gl-shared\.mjs$/;
const OUTPUTS = { shared: 'maplibre-shared.min.js', plotly: 'plotly-custom.min.js' };

const common = {
    absWorkingDir: ROOT, bundle: true, minify: true, target: 'es2016', logLevel: 'error', write: false,
    legalComments: 'eof',              // the licences of plotly.js's dependencies (maplibre-gl: BSD-3) stay
};

// maplibre-gl-shared.mjs, wherever it is imported from, is the object the shared script put on self.
const sharedFromGlobal = {
    name: 'maplibre-shared-from-global',
    setup(build) {
        build.onResolve({ filter: SHARED }, () => ({ path: 'maplibre-shared', namespace: 'shared-global' }));
        build.onLoad({ filter: /.*/, namespace: 'shared-global' }, () => ({
            contents: 'if (!self.__maplibreShared) throw new Error("maplibre-shared.min.js must load first");\n' +
                      'module.exports = self.__maplibreShared;',
            loader: 'js',
        }));
    },
};

// plotly.js inlines the CSS it requires (maplibre-gl.css) as a <style> element, as its own build does with
// esbuild-plugin-inline-css; a few lines here instead of another dependency.
const inlineCss = {
    name: 'inline-css',
    setup(build) {
        build.onLoad({ filter: /\.css$/ }, async (args) => {
            const css = fs.readFileSync(args.path, 'utf8');
            const { code } = await esbuild.transform(css, { loader: 'css', minify: true });
            return {
                loader: 'js',
                contents: 'var style = document.createElement("style"); style.textContent = ' +
                    JSON.stringify(code.trim()) + '; document.head.appendChild(style);',
            };
        });
    },
};

// plotly.js's build/maplibre_worker.js (the whole worker as a string) -> a module that imports the shared
// script by the URL this page loaded it from, then runs MapLibre's worker code.
function workerSource(workerCode) {
    return {
        name: 'maplibre-worker-source',
        setup(build) {
            build.onResolve({ filter: /build\/maplibre_worker(\.js)?$/ }, () => ({ path: 'worker', namespace: 'worker' }));
            build.onLoad({ filter: /.*/, namespace: 'worker' }, () => ({
                loader: 'js',
                contents: 'var script = document.querySelector(\'script[src*="/maplibre-shared."]\');\n' +
                    'if (!script) throw new Error("maplibre-shared.min.js must load first");\n' +
                    'module.exports = "import " + JSON.stringify(new URL(script.src, document.baseURI).href) + ";\\n" + ' +
                    JSON.stringify(workerCode) + ';',
            }));
        },
    };
}

// country-iso-search (~65 KB of country names) serves locationmode "country names", which only the geo trace
// types (choropleth, scattergeo) have; this bundle has none of them.  plotly.js builds its lookup table at load.
const noCountryNames = {
    name: 'no-country-names',
    setup(build) {
        build.onResolve({ filter: /^country-iso-search$/ }, () => ({ path: 'countries', namespace: 'countries' }));
        build.onLoad({ filter: /.*/, namespace: 'countries' }, () => ({
            loader: 'js',
            contents: 'module.exports = { COUNTRIES: [], createLookup: function () {\n' +
                      '    return { lookupAlpha3: function () { return undefined; } };\n} };',
        }));
    },
};

const text = (result) => Buffer.from(result.outputFiles[0].contents);

async function squeeze(code) {
    const out = await terser.minify(code.toString('utf8'), {
        compress: { passes: 2 }, mangle: true, format: { comments: /^!|@license|@preserve/ },
    });
    return Buffer.from(out.code, 'utf8');
}

async function build() {
    const shared = text(await esbuild.build({
        ...common,
        stdin: { contents: 'import * as shared from "maplibre-gl/dist/maplibre-gl-shared.mjs";\n' +
                           'self.__maplibreShared = shared;', resolveDir: ROOT, sourcefile: 'maplibre-shared.js' },
        format: 'iife',
        banner: { js: `/*! maplibre-gl v${MAPLIBRE} shared code (BSD-3-Clause), for plotly-custom.min.js */` },
    }));
    const worker = text(await esbuild.build({
        ...common,
        entryPoints: [require.resolve('maplibre-gl/dist/maplibre-gl-worker.mjs')],
        format: 'iife',
        plugins: [sharedFromGlobal],
    }));
    const plotly = text(await esbuild.build({
        ...common,
        entryPoints: [path.join(HERE, 'entry.js')],
        format: 'iife',
        globalName: 'Plotly',
        banner: { js: `/*! plotly.js v${VERSION} (MIT, Plotly, Inc.), traces: scatter, bar, choroplethmap; ` +
                      'built by dashboard/web/plotly_bundle/build.js; needs maplibre-shared.min.js first */' },
        plugins: [sharedFromGlobal, workerSource(worker.toString('utf8')), noCountryNames, inlineCss],
        alias: { regl: '@plotly/regl', stream: 'stream-browserify' },
        define: { global: 'window', 'define.amd': 'false', 'process.env.NODE_DEBUG': 'false' },
    }));
    return { shared: await squeeze(shared), plotly: await squeeze(plotly) };
}

function brotli(buffer) {
    return zlib.brotliCompressSync(buffer, { params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buffer.length } });
}

build().then((built) => {
    const check = process.argv.includes('--check');
    let stale = false;
    for (const [key, name] of Object.entries(OUTPUTS)) {
        const out = path.join(HERE, name);
        if (check) {
            const committed = fs.existsSync(out) ? fs.readFileSync(out) : Buffer.alloc(0);
            const br = fs.existsSync(out + '.br') ? zlib.brotliDecompressSync(fs.readFileSync(out + '.br')) : null;
            if (!committed.equals(built[key]) || !br || !br.equals(committed)) {
                console.error(`${name} (or ${name}.br) does not match its recipe: run \`make plotly-bundle\` and commit`);
                stale = true;
            } else {
                console.log(`${name} matches its recipe (${built[key].length} bytes)`);
            }
        } else {
            fs.writeFileSync(out, built[key]);
            const br = brotli(built[key]);
            fs.writeFileSync(out + '.br', br);
            console.log(`wrote ${name} (${built[key].length} bytes, brotli ${br.length})`);
        }
    }
    process.exit(stale ? 1 : 0);
}).catch((err) => { console.error(err); process.exit(1); });

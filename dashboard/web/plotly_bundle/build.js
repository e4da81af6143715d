// Build the app's Plotly bundle from the plotly.js npm package (pinned in package.json), offline:
//     node dashboard/web/plotly_bundle/build.js [--check]
//
// plotly-custom.min.js  plotly.js with only the trace types the app draws (entry.js), built with the options of
//                       plotly.js's own esbuild-config.js (iife, globalName Plotly, es2016), minified by esbuild and
//                       then by terser (two compress passes: ~5% fewer bytes after brotli than esbuild alone).
//                       The maps are SVG choropleths (the geo subplot), so neither MapLibre nor WebGL is in it.
//
// The file also gets its brotli (quality 11) copy, <name>.br, which the server sends as it is.
// Deterministic: the same package versions give the same bytes, so the committed file can be checked against
// this recipe (--check exits 1 when it differs, or when the .br copy is not the file).
'use strict';
const esbuild = require('esbuild');
const terser = require('terser');
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const HERE = __dirname;
const ROOT = path.resolve(HERE, '..', '..', '..');
const VERSION = require('plotly.js/package.json').version;
const OUTPUTS = { plotly: 'plotly-custom.min.js' };

const common = {
    absWorkingDir: ROOT, bundle: true, minify: true, target: 'es2016', logLevel: 'error', write: false,
    legalComments: 'eof',              // the licences of plotly.js's dependencies (d3-geo and others) stay
};

// country-iso-search (~65 KB of country names) serves the choropleth's locationmode "country names"; the app's
// maps locate regions by GeoJSON feature id only.  plotly.js builds its lookup table at load.
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

// plotly.js's registry requires maplibre-gl.css when a trace of the "map" subplot is registered; none is here,
// so that branch never runs and the stylesheet is left out.
const noMapCss = {
    name: 'no-map-css',
    setup(build) {
        build.onLoad({ filter: /maplibre-gl\.css$/ }, () => ({ loader: 'js', contents: '' }));
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
    const plotly = text(await esbuild.build({
        ...common,
        entryPoints: [path.join(HERE, 'entry.js')],
        format: 'iife',
        globalName: 'Plotly',
        banner: { js: `/*! plotly.js v${VERSION} (MIT, Plotly, Inc.), traces: scatter, bar, choropleth; ` +
                      'built by dashboard/web/plotly_bundle/build.js */' },
        plugins: [noCountryNames, noMapCss],
        define: { global: 'window', 'define.amd': 'false', 'process.env.NODE_DEBUG': 'false' },
    }));
    return { plotly: await squeeze(plotly) };
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

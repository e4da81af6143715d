'use strict';
// plotly.js with only what the dashboard draws: the trace types scatter, bar and choropleth, and the
// components its figures use.  This is plotly.js's src/core.js (v4.1.1) with fewer components registered:
// updatemenus, sliders, rangeslider, rangeselector, images, grid and annotations3d are left out (no figure
// sets them; plotly.js asks for a missing component through Registry.getComponentMethod, which answers a
// no-op).  Adding a trace type or one of those components to a figure means adding it here and rebuilding
// (make plotly-bundle); tests/dashboard/test_static.py fails on a trace type that is not in the bundle.
var Plotly = exports;

Plotly.version = require('plotly.js/src/version').version;
require('native-promise-only');
require('plotly.js/build/plotcss');

var Registry = require('plotly.js/src/registry');
var register = Plotly.register = Registry.register;

var plotApi = require('plotly.js/src/plot_api');
var methodNames = Object.keys(plotApi);
for(var i = 0; i < methodNames.length; i++) {
    var name = methodNames[i];
    if(name.charAt(0) !== '_') Plotly[name] = plotApi[name];
    register({ moduleType: 'apiMethod', name: name, fn: plotApi[name] });
}

register(require('plotly.js/src/traces/scatter'));

register([
    require('plotly.js/src/components/annotations'),
    require('plotly.js/src/components/selections'),
    require('plotly.js/src/components/shapes'),
    require('plotly.js/src/components/errorbars'),
    require('plotly.js/src/components/colorscale'),
    require('plotly.js/src/components/colorbar'),
    require('plotly.js/src/components/legend'),   // after shapes: legend defaults depend on shapes
    require('plotly.js/src/components/fx'),       // after legend: unified hover defaults depend on legends
    require('plotly.js/src/components/modebar'),
]);

register([require('plotly.js/src/locale-en'), require('plotly.js/src/locale-en-us')]);
if(window.PlotlyLocales && Array.isArray(window.PlotlyLocales)) {
    register(window.PlotlyLocales);
    delete window.PlotlyLocales;
}

Plotly.Icons = require('plotly.js/src/fonts/ploticon');

var Fx = require('plotly.js/src/components/fx');
var Plots = require('plotly.js/src/plots/plots');
Plotly.Plots = { resize: Plots.resize, graphJson: Plots.graphJson, sendDataToCloud: Plots.sendDataToCloud };
Plotly.Fx = { hover: Fx.hover, unhover: Fx.unhover, loneHover: Fx.loneHover, loneUnhover: Fx.loneUnhover };
Plotly.Snapshot = require('plotly.js/src/snapshot');
Plotly.PlotSchema = require('plotly.js/src/plot_api/plot_schema');

// the trace types beyond scatter
register([require('plotly.js/lib/bar'), require('plotly.js/lib/choropleth')]);

// The maps draw only their own GeoJSON (layout.geo.visible is false: no land, coastlines or frame), but the geo
// subplot still asks for its base map (world_110m.json from cdn.plot.ly) before it draws anything.  An empty
// topology answers it here: no outside request, and a map that cannot hang on a network the app does not need.
window.PlotlyGeoAssets.topojson.world_110m = { type: 'Topology', objects: {}, arcs: [] };

// plotly.js with only the traces the dashboards draw: scatter (always in the core), bar and choropleth.
'use strict';

var Plotly = require('plotly.js/lib/core');

Plotly.register([require('plotly.js/lib/bar'), require('plotly.js/lib/choropleth')]);

module.exports = Plotly;

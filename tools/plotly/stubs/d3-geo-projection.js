// Stands in for d3-geo-projection, the extra map projections (robinson, winkel tripel, ...; 71 kB).
// The projections of d3-geo itself remain: equirectangular (the default), mercator, orthographic,
// natural earth1, equal earth, albers, conic and azimuthal ones. Asking for a removed one (robinson,
// "natural earth", ...) throws a TypeError when the map is drawn.
'use strict';

module.exports = {};

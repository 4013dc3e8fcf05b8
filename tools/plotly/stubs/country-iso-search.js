// Stands in for country-iso-search, the country-name table behind choropleth locationmode "country names"
// (67 kB). The app's maps use locationmode "geojson-id", so no country name is ever looked up.
'use strict';

module.exports = {
    COUNTRIES: [],
    createLookup: function () {
        return {
            lookupAlpha3: function () {
                return undefined;
            }
        };
    }
};

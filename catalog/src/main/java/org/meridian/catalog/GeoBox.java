package org.meridian.catalog;

/** A record's spatial coverage in degrees, ESGF's west/south/east/north_degrees. */
public record GeoBox(double west, double south, double east, double north) {
    public GeoBox {
        if (south < -90 || north > 90 || south > north) {
            throw new IllegalArgumentException(
                    "latitudes must satisfy -90 <= south <= north <= 90, got south=" + south + " north=" + north);
        }
        if (west < -360 || east > 360) {
            throw new IllegalArgumentException("longitudes must lie in [-360, 360], got west=" + west + " east=" + east);
        }
    }
}

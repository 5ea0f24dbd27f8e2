package org.meridian.catalog;

import static java.util.Objects.requireNonNull;

/**
 * One way to reach a record's data, encoded by ESGF as {@code url|mime|service} with exactly two
 * bars (clients split on them), e.g. {@code https://host/thredds/fileServer/x.nc|application/netcdf|HTTPServer}.
 */
public record AccessUrl(String url, String mimeType, String service) {
    public AccessUrl {
        requireNonNull(url, "url is null");
        requireNonNull(mimeType, "mimeType is null");
        requireNonNull(service, "service is null");
        if (url.isBlank() || service.isBlank()) {
            throw new IllegalArgumentException("access url and service must not be blank");
        }
        if (url.contains("|") || mimeType.contains("|") || service.contains("|")) {
            throw new IllegalArgumentException("access url parts must not contain '|': " + url);
        }
    }

    /** Parses {@code url|mime|service}. */
    public static AccessUrl parse(String encoded) {
        requireNonNull(encoded, "encoded is null");
        String[] parts = encoded.split("\\|", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException(
                    "access url must have the form url|mime|service, got '" + encoded + "'");
        }
        return new AccessUrl(parts[0], parts[1], parts[2]);
    }

    public String encoded() {
        return url + "|" + mimeType + "|" + service;
    }
}

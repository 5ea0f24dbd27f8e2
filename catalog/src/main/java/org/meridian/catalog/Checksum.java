package org.meridian.catalog;

import static java.util.Objects.requireNonNull;

import java.util.HexFormat;
import java.util.Locale;

/** A file checksum as ESGF publishes it: the algorithm and the lower-case hex digest. */
public record Checksum(Algorithm algorithm, String hex) {
    public enum Algorithm {
        SHA256(64),
        MD5(32);

        private final int hexLength;

        Algorithm(int hexLength) {
            this.hexLength = hexLength;
        }

        /** Parses ESGF's {@code checksum_type}, case-insensitively ({@code SHA256}, {@code sha256}, {@code MD5}). */
        public static Algorithm parse(String name) {
            return switch (name.toUpperCase(Locale.ROOT).replace("-", "")) {
                case "SHA256" -> SHA256;
                case "MD5" -> MD5;
                default -> throw new IllegalArgumentException(
                        "unknown checksum_type '" + name + "', expected SHA256 or MD5");
            };
        }
    }

    public Checksum {
        requireNonNull(algorithm, "algorithm is null");
        requireNonNull(hex, "hex is null");
        hex = hex.toLowerCase(Locale.ROOT);
        if (hex.length() != algorithm.hexLength || !hex.chars().allMatch(HexFormat::isHexDigit)) {
            throw new IllegalArgumentException("checksum is not a " + algorithm + " hex digest: '" + hex + "'");
        }
    }
}

package org.meridian.server.testing;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/** Builds request URIs the way clients send them: every name and value percent-encoded. */
public final class QueryStrings {

    private QueryStrings() {
    }

    /**
     * @param parameters {@code name=value} pairs, unencoded; a name may end in {@code !}
     */
    public static URI uri(String path, String... parameters) {
        if (parameters.length == 0) {
            return URI.create(path);
        }
        StringJoiner query = new StringJoiner("&");
        for (String parameter : parameters) {
            int equals = parameter.indexOf('=');
            query.add(encode(parameter.substring(0, equals)) + "=" + encode(parameter.substring(equals + 1)));
        }
        return URI.create(path + "?" + query);
    }

    /** Percent-encoding with {@code %20} for spaces: MockMvc, unlike a servlet container, keeps '+'. */
    public static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

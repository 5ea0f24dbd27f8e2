package org.meridian.server.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request whose parameters cannot be decoded (bad percent-encoding such as {@code %zz},
 * bytes that are not UTF-8, a parameter without a name) with a 400 problem, before anything else
 * reads them. Tomcat decodes parameters on their first read and throws there, wherever that is,
 * which turned such requests into 500s. The problem names the parameter, found again in the query
 * string, because Tomcat's own message says the parameter "has been ignored" when the whole
 * request is refused.
 */
public final class ParameterDecoding extends OncePerRequestFilter {
    /** Enough of the container's reason to tell what is wrong, not a copy of the whole input. */
    private static final int MAX_REASON_CHARACTERS = 200;
    private static final String CODE = "malformed-parameters";
    private static final String TITLE = "Malformed parameters";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            request.getParameterMap();
        } catch (RuntimeException e) {
            Optional<String> parameter = firstMalformedParameter(request.getQueryString());
            if (parameter.isPresent()) {
                String name = parameter.get();
                ProblemResponses.write(request, response, HttpStatus.BAD_REQUEST, CODE, TITLE, name.isEmpty()
                        ? "A parameter in the query string has no name (nothing before its '=')"
                        : "Parameter " + name + " cannot be decoded: it is not percent-encoded UTF-8",
                        Map.of("parameter", name));
            } else {
                ProblemResponses.write(request, response, HttpStatus.BAD_REQUEST, CODE, TITLE,
                        // Also when there are more pairs than the container reads; its reason says so.
                        "The query string or form body cannot be read: " + reason(e));
            }
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * The name of the first pair in {@code queryString} that does not decode, as far as it decodes
     * (its raw text when the name itself does not), or empty when every pair decodes and the fault
     * lies in a form body. A pair without a name gives the empty name.
     */
    static Optional<String> firstMalformedParameter(String queryString) {
        if (queryString == null) {
            return Optional.empty();
        }
        for (String pair : queryString.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String rawName = equals < 0 ? pair : pair.substring(0, equals);
            Optional<String> name = decoded(rawName);
            boolean valueDecodes = equals < 0 || decoded(pair.substring(equals + 1)).isPresent();
            if (rawName.isEmpty() || name.isEmpty() || !valueDecodes) {
                return Optional.of(name.orElse(ProblemResponses.firstLine(rawName, MAX_REASON_CHARACTERS)));
            }
        }
        return Optional.empty();
    }

    /** {@code text} percent-decoded ({@code +} is a space) as strict UTF-8, or empty when it is not that. */
    private static Optional<String> decoded(String text) {
        try {
            // Decoding as ISO-8859-1 turns each %XX into the one character of that byte, so the
            // bytes come back whole, to be read as UTF-8 by a decoder that refuses what is not.
            byte[] bytes = URLDecoder.decode(text, StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.ISO_8859_1);
            return Optional.of(StrictUtf8.decoder().decode(ByteBuffer.wrap(bytes)).toString());
        } catch (IllegalArgumentException | CharacterCodingException e) {
            // A '%' without two hex digits, or bytes that are not UTF-8.
            return Optional.empty();
        }
    }

    private static String reason(RuntimeException failure) {
        Throwable cause = failure;
        while (cause.getMessage() == null && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return ProblemResponses.firstLine(message, MAX_REASON_CHARACTERS);
    }
}

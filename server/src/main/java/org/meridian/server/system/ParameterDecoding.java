package org.meridian.server.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request whose parameters cannot be decoded (bad percent-encoding such as {@code %zz},
 * bytes that are not UTF-8, a parameter without a name) with a 400 problem, before anything else
 * reads them. Tomcat decodes parameters on their first read and throws there, wherever that is,
 * which turned such requests into 500s.
 */
public final class ParameterDecoding extends OncePerRequestFilter {
    /** Enough of the container's reason to tell what is wrong, not a copy of the whole input. */
    private static final int MAX_REASON_CHARACTERS = 200;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            request.getParameterMap();
        } catch (RuntimeException e) {
            ProblemResponses.write(response, HttpStatus.BAD_REQUEST, "malformed-parameters", "Malformed parameters",
                    "The query string or form body cannot be decoded as percent-encoded UTF-8 name=value pairs: "
                            + reason(e));
            return;
        }
        chain.doFilter(request, response);
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

package org.meridian.server.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * Problems as a person in a browser sees them: the site's problem page, with the header and its
 * links, the problem's title and detail, and the problem's status. Programs (anything that does not
 * ask for HTML by name, and every machine path) keep getting {@code application/problem+json}.
 *
 * <p>{@link ProblemResponses} decides and hands the problem over with {@code sendError}; the
 * container then renders the error page, which this resolver turns into the problem page. Going
 * through the error page rather than rendering here keeps one way of showing failures, and lets
 * the header know who is signed in as it does on every page.
 */
@Component
public final class ProblemPages implements ErrorViewResolver {
    /** The request attribute that carries a problem to the error page. */
    private static final String PROBLEM = ProblemPages.class.getName() + ".problem";

    /** What the page shows: words meant for the reader, never an exception's internals. */
    private record PageProblem(String title, String detail) {
    }

    /**
     * Sends the request to the problem page, with {@code headers}, when a browser opened a page, and
     * says whether it did. htmx requests are left out: they swap fragments, and a whole page would
     * land inside one.
     */
    static boolean showPage(HttpServletRequest request, HttpServletResponse response, HttpStatusCode status,
            HttpHeaders headers, String title, String detail) {
        if (response.isCommitted() || !browserOpensPage(request)) {
            return false;
        }
        HttpStatus known = HttpStatus.resolve(status.value());
        request.setAttribute(PROBLEM, new PageProblem(
                title == null ? (known == null ? "Error" : known.getReasonPhrase()) : title,
                detail == null ? "" : detail));
        // The headers the status calls for (Allow with a 405) go with the page; sendError keeps them.
        headers.forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        try {
            response.sendError(status.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }

    /**
     * Whether a person's browser is opening a page: a path for people (not an API, ESGF or actuator
     * path), not an htmx request for a fragment, and an {@code Accept} that names HTML.
     */
    public static boolean browserOpensPage(HttpServletRequest request) {
        return !ProblemResponses.isMachinePath(request.getRequestURI())
                && !HtmxRequests.wantsFragment(request) && asksForHtml(request);
    }

    /** Browsers name {@code text/html} when they open a page; {@code *}{@code /*} alone is a program's default. */
    private static boolean asksForHtml(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept == null) {
            return false;
        }
        try {
            List<MediaType> types = MediaType.parseMediaTypes(accept);
            return types.stream().anyMatch(type -> type.getQualityValue() > 0 && !type.isWildcardType()
                    && type.isCompatibleWith(MediaType.TEXT_HTML));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        if (request.getAttribute(PROBLEM) instanceof PageProblem problem) {
            return new ModelAndView("problem", Map.of("title", problem.title(), "message", problem.detail()), status);
        }
        // Anything else (an unexpected failure) gets the plain error page, which shows the status only.
        return null;
    }
}

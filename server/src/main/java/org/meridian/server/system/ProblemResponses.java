package org.meridian.server.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.meridian.catalog.search.InvalidQueryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.util.DisconnectedClientHelper;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders errors as RFC 9457 {@code application/problem+json}: the one place that turns exceptions
 * into error bodies (STYLE.md rule 9).
 *
 * <p>Meridian's own problems ({@link ProblemException}, {@link InvalidQueryException}) get a type
 * {@code urn:meridian:problem:<code>}, a {@code code} member with the same stable code, and their
 * extension members ({@code parameter} names the offending query parameter). Spring MVC's own
 * failures (missing or mistyped parameter, unreadable body, unknown path, wrong method) keep the
 * type {@code about:blank} and gain a {@code parameter} or {@code field} member where one is to
 * blame. Bodies never carry stack traces or exception class names.
 *
 * <p>Extending {@link ResponseEntityExceptionHandler} replaces Spring Boot's own problem-details
 * handler ({@code spring.mvc.problemdetails.enabled}), so the Spring MVC failures are rendered the
 * same way on every path, pages included.
 */
@RestControllerAdvice
public class ProblemResponses extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    /** Problem types are not documents to fetch, so they are URNs rather than links. */
    static final String TYPE_PREFIX = "urn:meridian:problem:";

    /**
     * Paths answered to programs rather than people. Only there does an unexpected failure become
     * a problem body; elsewhere it is left to the error page.
     */
    private static final List<String> MACHINE_PATHS = List.of("/api/", "/esg-search/", "/esgf-1-5-bridge", "/actuator");
    private static final JsonMapper FILTER_JSON = JsonMapper.builder().build();
    private static final String REJECTED_CODE = "rejected-request";
    private static final String ESGF_PATH = "/esg-search/";
    /** How the ESGF index node names a parameter it refuses, which its clients look for. */
    private static final String ESGF_PARAMETER_PHRASE = "Invalid HTTP query parameter=";
    private static final String REJECTED_TITLE = "Rejected request";
    /** What a URI path may hold besides ASCII letters and digits (RFC 3986 pchar, and '/', and '%' escapes). */
    private static final String PATH_PUNCTUATION = "-._~!$&'()*+,;=:@/%";
    private static final HexFormat UPPER_HEX = HexFormat.of().withUpperCase();
    /** A refused value is quoted to show what was wrong, not to repeat whatever a link put there. */
    private static final int MAX_QUOTED_VALUE = 60;

    @ExceptionHandler
    ResponseEntity<Object> invalidQuery(InvalidQueryException exception, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        log.debug("Rejected query parameter {}: {}", exception.parameter(), exception.getMessage());
        String detail = exception.getMessage();
        if (request.getRequestURI().startsWith(ESGF_PATH) && !detail.contains(ESGF_PARAMETER_PHRASE)) {
            // esgf-pyclient reports only the parameters it finds written this way in a 400's body,
            // and an empty "Invalid query parameter(s): " otherwise.
            detail += " (" + ESGF_PARAMETER_PHRASE + exception.parameter() + ")";
        }
        return problem(request, response, HttpStatus.BAD_REQUEST, "invalid-query", "Invalid query", detail,
                Map.of("parameter", exception.parameter()));
    }

    /**
     * The firewall's refusals made before Spring MVC runs (a path with "..", a control character
     * in a name), as the same problem {@link #rejected} answers for those made in a handler.
     */
    public static RequestRejectedHandler rejectedRequests() {
        return (request, response, rejection) -> {
            if (!ProblemPages.showPage(request, response, HttpStatus.BAD_REQUEST, HttpHeaders.EMPTY, REJECTED_TITLE,
                    rejectedDetail(rejection))) {
                write(request, response, HttpStatus.BAD_REQUEST, REJECTED_CODE, REJECTED_TITLE, rejectedDetail(rejection));
            }
        };
    }

    /** The firewall checks parameter names when they are first read, which may be in a handler. */
    @ExceptionHandler
    ResponseEntity<Object> rejected(RequestRejectedException exception, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        return problem(request, response, HttpStatus.BAD_REQUEST, REJECTED_CODE, REJECTED_TITLE, rejectedDetail(exception), Map.of());
    }

    private static String rejectedDetail(RequestRejectedException rejection) {
        return "This node does not accept the request: " + rejection.getMessage();
    }

    @ExceptionHandler
    ResponseEntity<Object> problem(ProblemException exception, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        log.debug("Answered {}: {}", exception.code(), exception.getMessage());
        return problem(request, response, exception.status(), exception.code(), exception.title(), exception.getMessage(),
                exception.members());
    }

    /**
     * Anything unforeseen on a machine path: a 500 problem whose detail reveals nothing internal;
     * the failure itself goes to the log.
     */
    @ExceptionHandler
    ResponseEntity<Object> unexpected(Exception exception, HttpServletRequest request) throws Exception {
        if (!isMachinePath(request.getRequestURI())) {
            // Rethrowing the same exception hands it on as if this handler did not exist.
            throw exception;
        }
        log.error("Failed to answer {} {}", request.getMethod(), request.getRequestURI(), exception);
        return problem(request, null, HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "The node failed to answer this request; the cause is recorded in its log.", Map.of());
    }

    /**
     * A client that went away while its answer was written (a closed browser tab, a script that
     * read enough) is not the node's fault, and there is no one left to answer: a debug line, not
     * the warning Spring logs for a response that could not be finished.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotWritable(HttpMessageNotWritableException exception,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (DisconnectedClientHelper.isClientDisconnectedException(exception)) {
            log.debug("The client went away before its answer was written: {}", Failures.rootMessage(exception));
            return null;
        }
        return super.handleHttpMessageNotWritable(exception, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException exception,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail body = exception.getBody();
        body.setProperty("parameter", exception.getParameterName());
        return handleExceptionInternal(exception, body, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException exception, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = exception.getPropertyName() == null ? "value" : exception.getPropertyName();
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, "Parameter " + name + " must be "
                + expected(exception.getRequiredType()) + ", got '"
                + firstLine(String.valueOf(exception.getValue()), MAX_QUOTED_VALUE) + "'");
        body.setProperty("parameter", name);
        return handleExceptionInternal(exception, body, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException exception,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyLimit.BodyTooLargeException tooLarge) {
                ProblemDetail body = meridianProblem(HttpStatus.CONTENT_TOO_LARGE, RequestBodyLimit.CODE,
                        RequestBodyLimit.TITLE, tooLarge.getMessage());
                return handleExceptionInternal(exception, body, headers, HttpStatus.CONTENT_TOO_LARGE, request);
            }
        }
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, "The request body is not readable");
        if (exception.getCause() instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            String field = databind.getPath().stream()
                    .map(reference -> reference.getPropertyName() != null
                            ? reference.getPropertyName() : "[" + reference.getIndex() + "]")
                    .collect(Collectors.joining("."))
                    .replace(".[", "[");
            if (databind instanceof UnrecognizedPropertyException unknown) {
                body.setDetail("The request body has a field this endpoint does not read: " + field + "; it reads "
                        + unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                                .collect(Collectors.joining(", ")));
            } else {
                body.setDetail("The request body is not readable: field " + field + " has the wrong form");
            }
            body.setProperty("field", field);
        }
        return handleExceptionInternal(exception, body, headers, status, request);
    }

    /**
     * Spring MVC's own refusals have no path to blame but the request's; this one says so in words
     * a reader of the page or the problem understands ("No static resource" names an implementation).
     */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException exception,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, "There is nothing at this address.");
        body.setTitle("Not found");
        return handleExceptionInternal(exception, body, headers, status, request);
    }

    /**
     * Every problem leaves as {@code application/problem+json}, whatever the request accepted, except
     * to a browser opening a page: it gets the {@linkplain ProblemPages problem page}.
     */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        if (body instanceof ProblemDetail problem && request instanceof ServletWebRequest servlet) {
            if (problem.getInstance() == null) {
                problem.setInstance(instance(servlet.getRequest().getRequestURI()));
            }
            if (servlet.getResponse() != null && ProblemPages.showPage(servlet.getRequest(), servlet.getResponse(),
                    status, headers, problem.getTitle(), problem.getDetail())) {
                return null;
            }
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status).headers(headers);
        if (body instanceof ProblemDetail) {
            response.contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        return response.body(body);
    }

    /**
     * Writes a problem straight to a response, for refusals made before Spring MVC runs (the
     * security filters, the container's own refusals); the body is the same as a handler's, its
     * {@code instance} the request's path when the request got as far as having one.
     */
    public static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code,
            String title, String detail) throws IOException {
        write(request, response, status, code, title, detail, Map.of());
    }

    /** {@link #write}, with extension members such as the {@code parameter} a refusal names. */
    public static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code,
            String title, String detail, Map<String, Object> properties) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_PREFIX + code);
        body.put("title", title);
        body.put("status", status.value());
        body.put("detail", detail);
        URI instance = request.getRequestURI() == null ? null : instance(request.getRequestURI());
        if (instance != null) {
            body.put("instance", instance.toString());
        }
        body.put("code", code);
        body.putAll(properties);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        // Bytes, not a writer: JSON is UTF-8 by definition and needs no charset parameter.
        response.getOutputStream().write(FILTER_JSON.writeValueAsBytes(body));
    }

    /**
     * The request path as the problem's {@code instance}. Spring would fill it in with
     * {@code URI.create}, which fails, turning a 404 into a 500, on characters a path may carry raw
     * (the {@code |} of record ids); here they are percent-encoded, and what the client encoded stays
     * as it was.
     */
    static URI instance(String path) {
        try {
            return URI.create(path);
        } catch (IllegalArgumentException raw) {
            StringBuilder quoted = new StringBuilder();
            for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
                char c = (char) (b & 0xff);
                if (c < 0x80 && (Character.isLetterOrDigit(c) || PATH_PUNCTUATION.indexOf(c) >= 0)) {
                    quoted.append(c);
                } else {
                    quoted.append('%').append(UPPER_HEX.toHexDigits((byte) c));
                }
            }
            try {
                return URI.create(quoted.toString());
            } catch (IllegalArgumentException stillNot) {
                // A stray '%' not followed by hex: the problem goes out without an instance.
                return null;
            }
        }
    }

    /**
     * The first line of a failure's message, cut to {@code maxCharacters}: enough to say what is
     * wrong, not a copy of the input a client sent.
     */
    static String firstLine(String message, int maxCharacters) {
        String line = message.lines().findFirst().orElse("").strip();
        return line.length() > maxCharacters ? line.substring(0, maxCharacters) + "…" : line;
    }

    /** Whether a path is answered to programs (problem bodies) rather than people (pages). */
    public static boolean isMachinePath(String path) {
        return MACHINE_PATHS.stream().anyMatch(path::startsWith);
    }

    /**
     * A problem body, or, when {@code response} is given and a browser opened a page, the problem
     * page instead (then {@code null}: the response is already on its way to the error page).
     */
    private static ResponseEntity<Object> problem(HttpServletRequest request, HttpServletResponse response,
            HttpStatus status, String code, String title, String detail, Map<String, Object> members) throws IOException {
        if (response != null && ProblemPages.showPage(request, response, status, HttpHeaders.EMPTY, title, detail)) {
            return null;
        }
        ProblemDetail body = meridianProblem(status, code, title, detail);
        body.setInstance(instance(request.getRequestURI()));
        members.forEach(body::setProperty);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    /** One of Meridian's own problems: its type is the URN of its stable code, also given as {@code code}. */
    private static ProblemDetail meridianProblem(HttpStatus status, String code, String title, String detail) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setType(URI.create(TYPE_PREFIX + code));
        body.setTitle(title);
        body.setProperty("code", code);
        return body;
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another form";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        return "a " + type.getSimpleName();
    }
}

package org.meridian.server.system;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's error report for requests it answers itself, before any application code runs: a
 * request line or header it cannot parse, a URL over the size limit, raw spaces or an encoded
 * slash in a path. Its stock report is an HTML page naming the server; this one is the same
 * {@code application/problem+json} every other refusal is, so a client parses one error format.
 *
 * <p>Errors the application answered already (it wrote a body) are left alone, as the stock
 * report leaves them.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {
    private static final Logger log = LoggerFactory.getLogger(ProblemErrorReportValve.class);
    /** Tomcat's reasons quote the refused input; a few hundred characters say enough. */
    private static final int MAX_REASON_LENGTH = 300;

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            // The connection is already broken; there is no one to answer.
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        try {
            if (status >= 500) {
                log.error("The web container failed a request with status {}", status, throwable);
                ProblemResponses.write(request, response, known == null ? HttpStatus.INTERNAL_SERVER_ERROR : known,
                        "internal-error", "Internal error",
                        "The node failed to answer this request; the cause is recorded in its log.");
            } else {
                ProblemResponses.write(request, response, known == null ? HttpStatus.BAD_REQUEST : known,
                        "malformed-request", "Malformed request",
                        "This node cannot read the request: " + reason(response, throwable));
            }
        } catch (IOException | IllegalStateException e) {
            // The client went away or the response cannot take a body any more; nothing to answer.
            log.debug("Could not write the error report for status {}", status, e);
        }
    }

    /**
     * Tomcat's own message first, as its stock report does; an exception's message only when there
     * is none, and only its first line, so nothing beyond the reason for refusing leaves the node.
     */
    private static String reason(Response response, Throwable throwable) {
        String reason = response.getMessage();
        if ((reason == null || reason.isBlank()) && throwable != null && throwable.getMessage() != null) {
            reason = throwable.getMessage();
        }
        if (reason == null || reason.isBlank()) {
            HttpStatus known = HttpStatus.resolve(response.getStatus());
            return known == null ? "status " + response.getStatus() : known.getReasonPhrase();
        }
        return ProblemResponses.firstLine(reason, MAX_REASON_LENGTH);
    }
}

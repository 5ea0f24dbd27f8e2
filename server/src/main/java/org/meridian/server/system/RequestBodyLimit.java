package org.meridian.server.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies beyond a size, before anything reads them. Tomcat bounds form posts
 * but not JSON, which Jackson would read into memory whole: the largest legitimate body, a bulk
 * record write of 10,000 records, is well under the limit.
 */
public final class RequestBodyLimit extends OncePerRequestFilter {
    static final String CODE = "body-too-large";
    static final String TITLE = "Request body too large";

    private final long maxBytes;

    /**
     * Reading a body without a declared length went past the limit. The handler reading it fails
     * with this as the cause, and {@link ProblemResponses} answers 413, as for a declared length.
     */
    public static final class BodyTooLargeException extends IOException {
        BodyTooLargeException(long maxBytes) {
            super("The request body has more than " + maxBytes + " bytes; this node accepts at most " + maxBytes);
        }
    }

    public RequestBodyLimit(long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        this.maxBytes = maxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            ProblemResponses.write(request, response, HttpStatus.CONTENT_TOO_LARGE, CODE, TITLE,
                    "The request body has " + request.getContentLengthLong() + " bytes; this node accepts at most "
                            + maxBytes);
            return;
        }
        // Without a length (chunked), count while reading: reading past the limit fails.
        chain.doFilter(request.getContentLengthLong() < 0 ? new Limited(request, maxBytes) : request, response);
    }

    private static final class Limited extends HttpServletRequestWrapper {
        private final long maxBytes;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), maxBytes);
            }
            return stream;
        }
    }

    private static final class CountingStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long maxBytes;
        private long read;

        CountingStream(ServletInputStream in, long maxBytes) {
            this.in = in;
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int value = in.read();
            if (value >= 0) {
                count(1);
            }
            return value;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int count = in.read(buffer, offset, length);
            if (count > 0) {
                count(count);
            }
            return count;
        }

        private void count(int bytes) throws IOException {
            read += bytes;
            if (read > maxBytes) {
                throw new BodyTooLargeException(maxBytes);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}

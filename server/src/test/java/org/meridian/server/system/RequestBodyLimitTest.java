package org.meridian.server.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.ServletRequest;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RequestBodyLimitTest {
    private final RequestBodyLimit limit = new RequestBodyLimit(10);

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedBeforeAnythingReadsIt() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/records");
        request.setContent(new byte[11]);
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicReference<ServletRequest> reached = new AtomicReference<>();

        limit.doFilter(request, response, (req, res) -> reached.set(req));

        assertThat(reached.get()).isNull();
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getContentAsString()).contains("body-too-large");
    }

    @Test
    void aBodyWithoutALengthFailsToReadPastTheLimitAndSmallBodiesPass() throws Exception {
        MockHttpServletRequest chunked = new MockHttpServletRequest("POST", "/api/v1/records") {
            @Override
            public long getContentLengthLong() {
                return -1;
            }
        };
        chunked.setContent(new byte[20]);
        MockHttpServletRequest small = new MockHttpServletRequest("POST", "/api/v1/records");
        small.setContent(new byte[10]);
        AtomicReference<ServletRequest> reached = new AtomicReference<>();

        limit.doFilter(chunked, new MockHttpServletResponse(), (req, res) -> reached.set(req));
        assertThatThrownBy(() -> reached.get().getInputStream().readAllBytes()).isInstanceOf(RequestBodyLimit.BodyTooLargeException.class)
                .hasMessageContaining("more than 10 bytes");
        limit.doFilter(small, new MockHttpServletResponse(), (req, res) -> reached.set(req));
        assertThat(reached.get().getInputStream().readAllBytes()).hasSize(10);
    }
}

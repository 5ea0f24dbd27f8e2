package org.meridian.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.meridian.catalog.search.InvalidQueryException;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every kind of failure a caller can provoke, rendered by {@link ProblemResponses}, through a probe
 * controller in a standalone MockMvc. Spring Boot's test type filter keeps classes nested in a
 * test out of component scans, so the probe never appears in an application context.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProblemResponsesTest {
    private final MockMvcTester mvc = MockMvcTester.create(MockMvcBuilders.standaloneSetup(new Probe())
            .setControllerAdvice(new ProblemResponses())
            .build());

    @RestController
    static class Probe {
        record Order(int size, String name) {
        }

        @GetMapping("/api/probe/count")
        String count(@RequestParam int count) {
            return "count " + count;
        }

        @PostMapping("/api/probe/order")
        String order(@RequestBody Order order) {
            return order.name();
        }

        @GetMapping("/api/probe/problem")
        String problem() {
            throw new QuotaExceededException();
        }

        @GetMapping("/api/probe/query")
        String query() {
            throw new InvalidQueryException("limit", "Parameter limit must be a whole number >= 0, got 'x'");
        }

        @GetMapping("/api/probe/failure")
        String failure() {
            throw new IllegalStateException("connection pool secret-host:5432 exhausted");
        }

        @GetMapping("/api/probe/gone")
        String gone() {
            throw new HttpMessageNotWritableException("Could not write JSON: ServletOutputStream failed to write",
                    new IOException("Broken pipe"));
        }

        @GetMapping("/api/probe/unwritable")
        String unwritable() {
            throw new HttpMessageNotWritableException("Could not write JSON: no serializer for the answer");
        }

        @GetMapping("/pages/failure")
        String pageFailure() {
            throw new IllegalStateException("page failure");
        }
    }

    static class QuotaExceededException extends ProblemException {
        private static final long serialVersionUID = 1L;

        QuotaExceededException() {
            super("quota-exceeded", HttpStatus.TOO_MANY_REQUESTS, "Quota exceeded", "At most 10 requests per second");
        }

        @Override
        public Map<String, Object> members() {
            return Map.of("limit", 10);
        }
    }

    @Test
    void aClientThatWentAwayMidAnswerIsLeftAloneButAnAnswerThatCannotBeWrittenIsAFailure(CapturedOutput output) {
        MvcTestResult gone = mvc.get().uri("/api/probe/gone").exchange();
        MvcTestResult unwritable = mvc.get().uri("/api/probe/unwritable").exchange();

        // Nobody is left to read an answer: none is written, and nothing is logged as a warning.
        assertThat(gone).hasStatusOk();
        assertThat(gone.getResponse().getContentLength()).isZero();
        assertThat(output.getAll()).doesNotContain("Broken pipe");
        assertThat(unwritable).hasStatus(HttpStatus.INTERNAL_SERVER_ERROR);
    }

    @Test
    void missingParameterIsNamed() {
        MvcTestResult result = mvc.get().uri("/api/probe/count").exchange();

        assertProblem(result, 400);
        assertThat(result).bodyJson().extractingPath("$.parameter").isEqualTo("count");
        assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("'count'");
    }

    @Test
    void mistypedParameterIsNamedWithWhatWasExpected() {
        MvcTestResult result = mvc.get().uri("/api/probe/count?count=many").exchange();

        assertProblem(result, 400);
        assertThat(result).bodyJson().extractingPath("$.parameter").isEqualTo("count");
        assertThat(result).bodyJson().extractingPath("$.detail")
                .isEqualTo("Parameter count must be a whole number, got 'many'");
    }

    @Test
    void unreadableBodyIsABadRequestWithoutParserInternals() {
        MvcTestResult result = mvc.post().uri("/api/probe/order").contentType(MediaType.APPLICATION_JSON)
                .content("{\"size\": ").exchange();

        assertProblem(result, 400);
        assertThat(result).bodyJson().extractingPath("$.detail").isEqualTo("The request body is not readable");
    }

    @Test
    void mistypedBodyFieldIsNamed() {
        MvcTestResult result = mvc.post().uri("/api/probe/order").contentType(MediaType.APPLICATION_JSON)
                .content("{\"size\": \"large\", \"name\": \"x\"}").exchange();

        assertProblem(result, 400);
        assertThat(result).bodyJson().extractingPath("$.field").isEqualTo("size");
        assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("field size");
    }

    @Test
    void wrongMethodAndMediaTypeAreProblemsToo() {
        assertProblem(mvc.delete().uri("/api/probe/count?count=1").exchange(), 405);
        assertProblem(mvc.post().uri("/api/probe/order").contentType(MediaType.TEXT_PLAIN).content("x").exchange(), 415);
    }

    @Test
    void unknownPathIsNotFound() {
        assertProblem(mvc.get().uri("/api/probe/nothing").exchange(), 404);
    }

    @Test
    void problemExceptionsKeepTheirCodeTitleStatusAndMembers() {
        MvcTestResult result = mvc.get().uri("/api/probe/problem").exchange();

        assertProblem(result, 429);
        assertThat(result).bodyJson().extractingPath("$.type").isEqualTo("urn:meridian:problem:quota-exceeded");
        assertThat(result).bodyJson().extractingPath("$.code").isEqualTo("quota-exceeded");
        assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Quota exceeded");
        assertThat(result).bodyJson().extractingPath("$.detail").isEqualTo("At most 10 requests per second");
        assertThat(result).bodyJson().extractingPath("$.limit").isEqualTo(10);
    }

    @Test
    void invalidQueriesNameTheParameter() {
        MvcTestResult result = mvc.get().uri("/api/probe/query").exchange();

        assertProblem(result, 400);
        assertThat(result).bodyJson().extractingPath("$.type").isEqualTo("urn:meridian:problem:invalid-query");
        assertThat(result).bodyJson().extractingPath("$.parameter").isEqualTo("limit");
    }

    @Test
    void unexpectedFailureOnAMachinePathRevealsNothingInternal() throws Exception {
        MvcTestResult result = mvc.get().uri("/api/probe/failure").exchange();

        assertProblem(result, 500);
        assertThat(result).bodyJson().extractingPath("$.code").isEqualTo("internal-error");
        assertThat(result.getResponse().getContentAsString())
                .doesNotContain("secret-host", "IllegalStateException", "trace", "ProblemResponsesTest");
    }

    @Test
    void unexpectedFailureElsewhereIsLeftToTheErrorPage() {
        MvcTestResult result = mvc.get().uri("/pages/failure").exchange();

        assertThat(result).hasFailed();
        assertThat(result.getUnresolvedException()).hasRootCauseMessage("page failure");
    }

    private static void assertProblem(MvcTestResult result, int status) {
        assertThat(result).hasStatus(status).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(status);
        assertThat(result).bodyJson().extractingPath("$.title").asString().isNotBlank();
    }
}

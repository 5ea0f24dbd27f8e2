package org.meridian.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hand-written OpenAPI document and the code agree: every {@code /api/v1} handler in the
 * server, whatever its feature, is documented with its method, and everything documented exists.
 * A new endpoint therefore fails this test until it is described.
 */
class OpenApiDocumentTest {
    private static final String PREFIX = "/api/v1/";

    private final MockMvcTester mvc = MockMvcTester.create(MockMvcBuilders.standaloneSetup(new OpenApiController()).build());

    @Test
    void servesAnOpenApi31Document() {
        MvcTestResult result = mvc.get().uri("/api/v1/openapi.json").exchange();

        assertThat(result).hasStatusOk().hasContentType(MediaType.APPLICATION_JSON);
        assertThat(document(result).path("openapi").asString()).isEqualTo("3.1.0");
    }

    @Test
    void documentsExactlyTheApiHandlers() {
        JsonNode document = document(mvc.get().uri("/api/v1/openapi.json").exchange());
        Set<String> documented = new TreeSet<>();
        document.path("paths").properties().forEach(path -> path.getValue().propertyNames()
                .forEach(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));

        assertThat(documented).isEqualTo(handlers());
    }

    @Test
    void everyReferenceResolves() {
        JsonNode document = document(mvc.get().uri("/api/v1/openapi.json").exchange());
        List<String> references = new ArrayList<>();
        collectReferences(document, references);

        assertThat(references).isNotEmpty().allSatisfy(reference -> {
            assertThat(reference).startsWith("#/");
            assertThat(document.at(reference.substring(1)).isMissingNode()).as(reference).isFalse();
        });
    }

    /** {@code METHOD /path} for every handler method under {@code /api/v1} in the server's main code. */
    private static Set<String> handlers() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Controller.class));
        Set<String> handlers = new TreeSet<>();
        for (var candidate : scanner.findCandidateComponents("org.meridian.server")) {
            Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), OpenApiDocumentTest.class.getClassLoader());
            if (isTestCode(type)) {
                continue;
            }
            RequestMapping typeMapping = AnnotatedElementUtils.findMergedAnnotation(type, RequestMapping.class);
            List<String> prefixes = typeMapping == null || typeMapping.path().length == 0
                    ? List.of("") : List.of(typeMapping.path());
            for (Method method : type.getDeclaredMethods()) {
                RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(method, RequestMapping.class);
                if (mapping == null) {
                    continue;
                }
                for (String prefix : prefixes) {
                    for (String path : mapping.path().length == 0 ? new String[] {""} : mapping.path()) {
                        String full = prefix + path;
                        if (!full.startsWith(PREFIX)) {
                            continue;
                        }
                        RequestMethod[] methods = mapping.method().length == 0 ? RequestMethod.values() : mapping.method();
                        for (RequestMethod requestMethod : methods) {
                            handlers.add(requestMethod.name() + " " + full);
                        }
                    }
                }
            }
        }
        assertThat(handlers).as("the scan finds the native API's handlers").isNotEmpty();
        return handlers;
    }

    /** Test sources hold probe controllers that are not part of the API. */
    private static boolean isTestCode(Class<?> type) {
        try {
            Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            return location.endsWith("test-classes");
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate " + type, e);
        }
    }

    private static void collectReferences(JsonNode node, List<String> references) {
        if (node.isObject()) {
            node.properties().forEach(property -> {
                if (property.getKey().equals("$ref")) {
                    references.add(property.getValue().asString());
                } else {
                    collectReferences(property.getValue(), references);
                }
            });
        } else if (node.isArray()) {
            node.forEach(element -> collectReferences(element, references));
        }
    }

    private static JsonNode document(MvcTestResult result) {
        return JsonMapper.builder().build().readTree(result.getResponse().getContentAsByteArray());
    }
}

package org.meridian.server.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the OpenAPI description of the native API. The document is written by hand next to this
 * class; {@code OpenApiDocumentTest} fails when a {@code /api/v1} handler and the document
 * disagree, so it cannot drift from the code.
 */
@RestController
class OpenApiController {
    static final String DOCUMENT = "openapi.json";

    private final byte[] document;

    OpenApiController() {
        try (InputStream in = OpenApiController.class.getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI document " + DOCUMENT + " is missing from the classpath");
            }
            this.document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the OpenAPI document " + DOCUMENT, e);
        }
    }

    @GetMapping("/api/v1/openapi.json")
    ResponseEntity<byte[]> document() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(document);
    }
}

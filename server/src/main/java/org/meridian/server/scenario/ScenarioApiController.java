package org.meridian.server.scenario;

import static java.util.Objects.requireNonNull;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.meridian.server.identity.Caller;
import org.meridian.server.system.RequestIds;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Scenario models and runs as JSON, for signed-in users. Runs are the caller's own or shared
 * with one of their organisations; no other endpoint of the node, and no peer, ever serves them.
 */
@RestController
class ScenarioApiController {
    private final ScenarioRuns scenarios;

    ScenarioApiController(ScenarioRuns scenarios) {
        this.scenarios = requireNonNull(scenarios, "scenarios is null");
    }

    record ModelSummary(String id, String name, String technology, String addedBy, String updatedAt) {
        static ModelSummary of(ScenarioModelEntry model) {
            return new ModelSummary(model.id(), model.name(), model.technology(), model.addedBy(),
                    model.updatedAt().toString());
        }
    }

    record ModelRequest(String name, String source) {
    }

    record RunRequest(String model, Integer samples, Long seed) {
    }

    record ShareRequest(String organisation) {
    }

    @GetMapping(value = "/api/v1/scenarios/models", produces = MediaType.APPLICATION_JSON_VALUE)
    List<ModelSummary> models(Caller caller) {
        return scenarios.models(caller).stream().map(ModelSummary::of).toList();
    }

    @GetMapping(value = "/api/v1/scenarios/models/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ScenarioModelEntry model(@PathVariable String id, Caller caller) {
        return scenarios.model(caller, id);
    }

    @PostMapping("/api/v1/scenarios/models")
    ResponseEntity<ModelSummary> addModel(@RequestBody ModelRequest body, Caller caller, HttpServletRequest request) {
        ScenarioModelEntry model = scenarios.addModel(caller, RequestIds.of(request), body.name(), body.source());
        return ResponseEntity.status(HttpStatus.CREATED).body(ModelSummary.of(model));
    }

    @PutMapping("/api/v1/scenarios/models/{id}")
    ModelSummary replaceModel(@PathVariable String id, @RequestBody ModelRequest body, Caller caller,
            HttpServletRequest request) {
        return ModelSummary.of(scenarios.replaceModel(caller, RequestIds.of(request), id, body.source()));
    }

    @GetMapping(value = "/api/v1/scenarios/runs", produces = MediaType.APPLICATION_JSON_VALUE)
    List<ScenarioRun> runs(@RequestParam(defaultValue = "100") int limit, Caller caller) {
        return scenarios.runs(caller, limit);
    }

    @PostMapping("/api/v1/scenarios/runs")
    ResponseEntity<ScenarioRun> start(@RequestBody RunRequest body, Caller caller, HttpServletRequest request) {
        ScenarioRun run = scenarios.start(caller, RequestIds.of(request), body.model(),
                body.samples() == null ? 100_000 : body.samples(), body.seed() == null ? 42 : body.seed());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(run);
    }

    @GetMapping(value = "/api/v1/scenarios/runs/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ScenarioRun run(@PathVariable String id, Caller caller) {
        return scenarios.run(caller, id);
    }

    @PostMapping("/api/v1/scenarios/runs/{id}/cancel")
    ScenarioRun cancel(@PathVariable String id, Caller caller, HttpServletRequest request) {
        return scenarios.cancel(caller, RequestIds.of(request), id);
    }

    @PostMapping("/api/v1/scenarios/runs/{id}/share")
    ScenarioRun share(@PathVariable String id, @RequestBody ShareRequest body, Caller caller,
            HttpServletRequest request) {
        Optional<String> organisation = Optional.ofNullable(body.organisation()).filter(value -> !value.isBlank());
        return scenarios.share(caller, RequestIds.of(request), id, organisation);
    }
}

package io.carelens.jobs.ingest.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The resources of a FHIR folder read independently of Spark (Jackson), so tests can compare what ingest produced
 * with what the files hold.
 */
final class FhirCounts {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<JsonNode> resources = new ArrayList<>();

    FhirCounts(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".ndjson")) {
                    for (String line : Files.readAllLines(f)) {
                        if (!line.isBlank()) {
                            resources.add(JSON.readTree(line));
                        }
                    }
                } else if (name.endsWith(".json")) {
                    JsonNode n = JSON.readTree(f.toFile());
                    if ("Bundle".equals(n.path("resourceType").asText())) {
                        n.path("entry").forEach(e -> resources.add(e.path("resource")));
                    } else {
                        resources.add(n);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<JsonNode> ofType(String type) {
        return resources.stream().filter(r -> type.equals(r.path("resourceType").asText())).toList();
    }

    long count(String type) {
        return ofType(type).size();
    }

    long count(String type, Predicate<JsonNode> which) {
        return ofType(type).stream().filter(which).count();
    }

    /** Observations plus their components (each component is a row of its own). */
    long observationRows() {
        return ofType("Observation").stream().mapToLong(o -> 1 + o.path("component").size()).sum();
    }

    long count(Predicate<JsonNode> which) {
        return resources.stream().filter(which).count();
    }
}

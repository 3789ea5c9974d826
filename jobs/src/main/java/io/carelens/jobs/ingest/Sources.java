package io.carelens.jobs.ingest;

import io.carelens.common.config.ConfigurationException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

/** The source adapters {@code carelens ingest --source} knows, by name. */
public final class Sources {
    private static final List<Supplier<SourceAdapter>> ADAPTERS = List.of(
            CanonicalSource::new,
            io.carelens.jobs.ingest.fhir.FhirSource::new);

    private Sources() {
    }

    public static SourceAdapter byName(String name) {
        for (Supplier<SourceAdapter> s : ADAPTERS) {
            SourceAdapter a = s.get();
            if (a.name().equalsIgnoreCase(name)) {
                return a;
            }
        }
        throw new ConfigurationException("unknown source '" + name + "'; expected one of " + names());
    }

    public static List<String> names() {
        List<String> n = new ArrayList<>();
        ADAPTERS.forEach(s -> n.add(s.get().name()));
        return n;
    }

    /** Completion candidates for the CLI. */
    public static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return names().iterator();
        }
    }
}

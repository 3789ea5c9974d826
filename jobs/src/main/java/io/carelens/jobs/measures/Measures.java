package io.carelens.jobs.measures;

import io.carelens.common.config.ConfigurationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Every measure CareLens computes, by id, in report order. */
public final class Measures {
    private Measures() {
    }

    public static List<Measure> all() {
        List<Measure> all = new ArrayList<>(List.of(new Cms122(), new Cms165(), new Cms125(), new Cms130(), new Cms2(),
                new Cms159()));
        all.addAll(Cms138.groups());
        all.add(new SdohScreening());
        all.addAll(SdohPositive.perDomain());
        all.addAll(SdohReferral.both());
        return all;
    }

    /**
     * The measures named by {@code ids} (all when empty). A measure family name selects all its groups
     * ({@code CMS138} = CMS138-1, -2, -3; {@code SDOH-2} = every domain).
     */
    public static List<Measure> select(Collection<String> ids) {
        List<Measure> all = all();
        if (ids == null || ids.isEmpty()) {
            return all;
        }
        Map<String, Measure> chosen = new LinkedHashMap<>();
        for (String raw : ids) {
            String id = raw.trim().toUpperCase(Locale.ROOT);
            List<Measure> hits = all.stream().filter(m -> m.id().equals(id) || m.id().startsWith(id + "-")).toList();
            if (hits.isEmpty()) {
                throw new ConfigurationException("unknown measure '" + raw + "'; known: "
                        + String.join(", ", all.stream().map(Measure::id).toList()));
            }
            hits.forEach(m -> chosen.put(m.id(), m));
        }
        return new ArrayList<>(chosen.values());
    }
}

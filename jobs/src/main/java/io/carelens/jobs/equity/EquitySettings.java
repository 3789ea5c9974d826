package io.carelens.jobs.equity;

import com.typesafe.config.Config;
import io.carelens.common.config.CareLensConfig;
import io.carelens.common.config.ConfigurationException;
import io.carelens.common.stats.Polarity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The equity stage's settings ({@code carelens.equity} in equity.conf): the dimensions and their groups, reference
 * groups, ordered dimensions, each measure's favourable direction, the suppression threshold and the standard
 * population. Read once and validated, so a typo fails the run before Spark starts counting.
 *
 * @param confidence two-sided confidence level as a fraction
 * @param threshold largest suppressed count (CMS: 10)
 * @param dimensions the built-in dimensions reported, in order
 * @param custom the user-added dimensions
 * @param ageBands lower bounds of the age bands
 * @param languages preferred languages reported as their own group
 * @param references reference rule or group per dimension, with "default"
 * @param ordered ordered dimensions: groups from least to most advantaged
 * @param lowerIsBetter quality measure ids whose lower rate is better
 * @param defaultPolarity direction of the other quality measures
 * @param utilizationPolarity direction of utilization rates
 * @param adverseFraming whether the AHRQ rule reframes favourable proportions as their complement
 * @param standardPopulation name of the standard population, empty for none
 * @param simulations Monte Carlo repetitions for SII/RII limits
 * @param seed Monte Carlo seed
 */
public record EquitySettings(double confidence, int threshold, List<String> dimensions,
                             List<CustomDimension> custom, List<Integer> ageBands, List<String> languages,
                             Map<String, String> references, Map<String, List<String>> ordered,
                             Set<String> lowerIsBetter, Polarity defaultPolarity, Polarity utilizationPolarity,
                             boolean adverseFraming, String standardPopulation, int simulations, long seed) {

    /** The built-in dimensions. */
    public static final List<String> BUILT_IN = List.of("age_band", "sex", "race", "ethnicity", "race_ethnicity",
            "payer", "dual_status", "rurality", "adi_quintile", "preferred_language");

    /** Reference rules that are not group names. */
    public static final String LARGEST = "largest";
    public static final String BEST = "best";
    public static final String OVERALL = "overall";

    /**
     * A dimension read from a column a user added to the patient or area table.
     *
     * @param name the dimension name in the outputs
     * @param table patient or area
     * @param column the column
     */
    public record CustomDimension(String name, String table, String column) {
    }

    /** Reads and validates {@code carelens.equity}. */
    public static EquitySettings from(CareLensConfig config) {
        Config c = config.section("equity");
        try {
            List<String> dimensions = c.getStringList("dimensions");
            for (String d : dimensions) {
                if (!BUILT_IN.contains(d)) {
                    throw new ConfigurationException("carelens.equity.dimensions: unknown dimension '" + d
                            + "' (built in: " + String.join(", ", BUILT_IN) + "; add others as custom-dimensions)");
                }
            }
            List<CustomDimension> custom = c.getConfigList("custom-dimensions").stream().map(d -> {
                String table = d.getString("table");
                if (!table.equals("patient") && !table.equals("area")) {
                    throw new ConfigurationException("carelens.equity.custom-dimensions: table must be patient or area, not '"
                            + table + "'");
                }
                return new CustomDimension(d.getString("name"), table, d.getString("column"));
            }).toList();
            List<Integer> bands = c.getIntList("age-bands");
            for (int i = 1; i < bands.size(); i++) {
                if (bands.get(i) <= bands.get(i - 1)) {
                    throw new ConfigurationException("carelens.equity.age-bands must be increasing: " + bands);
                }
            }
            if (bands.isEmpty()) {
                throw new ConfigurationException("carelens.equity.age-bands must not be empty");
            }
            Map<String, String> references = new LinkedHashMap<>();
            c.getConfig("reference").entrySet().forEach(e ->
                    references.put(e.getKey().replace("\"", ""), String.valueOf(e.getValue().unwrapped())));
            Map<String, List<String>> ordered = new LinkedHashMap<>();
            Config o = c.getConfig("ordered");
            o.root().keySet().forEach(k -> ordered.put(k, o.getStringList(k)));
            String framing = c.getString("significance-framing");
            if (!framing.equals("as-measured") && !framing.equals("adverse")) {
                throw new ConfigurationException("carelens.equity.significance-framing must be as-measured or adverse, not '"
                        + framing + "'");
            }
            int threshold = config.smallCellThreshold();
            if (threshold < 1) {
                throw new ConfigurationException("carelens.privacy.small-cell-threshold must be at least 1 for equity");
            }
            return new EquitySettings(config.confidence(), threshold,
                    List.copyOf(dimensions), custom, List.copyOf(bands), List.copyOf(c.getStringList("languages")),
                    references, ordered, Set.copyOf(c.getStringList("direction.lower-is-better")),
                    direction(c.getString("direction.default")), direction(c.getString("direction.utilization")),
                    framing.equals("adverse"), c.getString("standard-population"), c.getInt("simulations"),
                    c.getLong("seed"));
        } catch (com.typesafe.config.ConfigException | IllegalArgumentException e) {
            throw new ConfigurationException("invalid carelens.equity configuration: " + e.getMessage());
        }
    }

    /** These settings with only the given built-in dimensions and no custom ones (for another stage's strata). */
    public EquitySettings withDimensions(List<String> builtIn) {
        return new EquitySettings(confidence, threshold, List.copyOf(builtIn), List.of(), ageBands, languages,
                references, ordered, lowerIsBetter, defaultPolarity, utilizationPolarity, adverseFraming,
                standardPopulation, simulations, seed);
    }

    /** All dimensions reported: built-in then custom. */
    public List<String> dimensionNames() {
        List<String> names = new java.util.ArrayList<>(dimensions);
        custom.forEach(d -> names.add(d.name()));
        return names;
    }

    /** The reference rule or group of a dimension. */
    public String reference(String dimension) {
        return references.getOrDefault(dimension, references.getOrDefault("default", LARGEST));
    }

    /** The favourable direction of a quality measure. */
    public Polarity polarity(String measureId) {
        if (lowerIsBetter.contains(measureId)) {
            return Polarity.LOWER_IS_BETTER;
        }
        return defaultPolarity;
    }

    private static Polarity direction(String value) {
        return switch (value) {
            case "higher-is-better" -> Polarity.HIGHER_IS_BETTER;
            case "lower-is-better" -> Polarity.LOWER_IS_BETTER;
            default -> throw new ConfigurationException("direction must be higher-is-better or lower-is-better, not '"
                    + value + "'");
        };
    }
}

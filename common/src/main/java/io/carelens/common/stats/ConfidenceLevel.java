package io.carelens.common.stats;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * A two-sided confidence level, accepted as a fraction (0.95) or a percentage (95) and held as a fraction.
 *
 * <p>Levels below 90% are rejected, as PHE does, so that a mistyped level (for example 0.5) cannot silently produce
 * narrow intervals.
 *
 * @param fraction the level as a fraction in [0.90, 1]
 */
public record ConfidenceLevel(double fraction) {

    /** The lowest level accepted. */
    public static final double MINIMUM = 0.90;

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    /** Validates the fraction. */
    public ConfidenceLevel {
        if (!(fraction >= MINIMUM && fraction <= 1.0)) {
            throw new IllegalArgumentException("confidence level must be between 0.90 and 1 (or 90 and 100): " + fraction);
        }
    }

    /**
     * Normalises a level given as 0.95 or 95.
     *
     * @param level a fraction in [0.90, 1] or a percentage in [90, 100]
     * @return the level
     */
    public static ConfidenceLevel of(double level) {
        return new ConfidenceLevel(level > 1.0 ? level / 100.0 : level);
    }

    /** @return the total tail probability α = 1 − level */
    public double alpha() {
        return 1.0 - fraction;
    }

    /** @return the standard normal quantile z(1 − α/2); infinite at level 1 */
    public double z() {
        return STANDARD_NORMAL.inverseCumulativeProbability(1.0 - alpha() / 2.0);
    }
}

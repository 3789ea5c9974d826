package io.carelens.common.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Inequality across ordered groups (deprivation deciles, income quintiles), groups listed from least to most
 * advantaged (statistics.md §7): the slope and relative indices of inequality by PHE's method (Low &amp; Low 2004
 * weighted least squares on midpoint ridits, optional log/logit transform, Monte Carlo limits) and the relative and
 * absolute concentration indices.
 */
public final class OrderedInequality {

    /** The z value PHE fixes when it derives a standard error from 95% limits. */
    public static final double PHE_LIMITS_Z = 1.959964;

    private OrderedInequality() {
    }

    /** PHE's value types: how a group value is simulated and, if requested, transformed before the fit. */
    public enum ValueType {
        /** A plain value (e.g. life expectancy), simulated on its own scale; cannot be transformed. */
        VALUE,
        /** A rate, simulated on the log scale; transformed by log. */
        RATE,
        /** A proportion in (0, 1), simulated on the logit scale; transformed by logit. */
        PROPORTION
    }

    /**
     * Point values of the slope index.
     *
     * @param sii slope index of inequality: multiplier × (fitted value at rank 1 − fitted value at rank 0)
     * @param rii relative index: fitted value at rank 1 / fitted value at rank 0 (inverted for a negative multiplier)
     * @param intercept fitted value at rank 0, on the original scale
     */
    public record SlopeIndex(double sii, double rii, double intercept) {
    }

    /**
     * Simulated confidence limits of the slope and relative indices at one level.
     *
     * @param confidence the level as a fraction
     * @param sii SII limits (estimate = the point SII)
     * @param rii RII limits (estimate = the point RII)
     */
    public record SlopeIndexLimits(double confidence, Interval sii, Interval rii) {
    }

    /**
     * Midpoint ridits R_j = Σ_{k&lt;j} p_k + p_j/2 of groups in order.
     *
     * @param groups groups ordered from least to most advantaged
     * @return the relative rank of each group
     */
    public static double[] ridits(List<GroupEstimate> groups) {
        double total = groups.stream().mapToDouble(GroupEstimate::population).sum();
        double[] ridits = new double[groups.size()];
        double cumulative = 0;
        for (int j = 0; j < ridits.length; j++) {
            double share = groups.get(j).population() / total;
            ridits[j] = cumulative + share / 2.0;
            cumulative += share;
        }
        return ridits;
    }

    /**
     * SII and RII by PHE's method: regress √a_j·y_j on √a_j and R_j·√a_j without intercept (a_j = population share);
     * SII = multiplier·(f(β0 + β1) − f(β0)), RII = f(β0 + β1)/f(β0), with f the back-transform when
     * {@code transform} is set. Groups with a missing value or population give NaN results.
     *
     * @param groups groups ordered from least to most advantaged (quantile 1 first)
     * @param type the value type
     * @param transform fit on log (rates) or logit (proportions)
     * @param multiplier scales the SII; a negative multiplier also inverts the RII
     * @return the point values
     */
    public static SlopeIndex slopeIndex(List<GroupEstimate> groups, ValueType type, boolean transform,
                                        double multiplier) {
        checkTransform(type, transform);
        Design design = new Design(groups);
        double[] values = groups.stream().mapToDouble(GroupEstimate::estimate).toArray();
        if (transform) {
            values = Arrays.stream(values).map(v -> toLinkScale(type, v)).toArray();
        }
        double[] beta = design.fit(values);
        return index(beta, type, transform, multiplier);
    }

    /**
     * Monte Carlo limits as PHE computes them: draw each group value from N(y_j, s_j) on the simulation scale of its
     * value type (log for rates, logit for proportions, with s_j on that scale), refit, and take the ordered results
     * at positions round(reps·α/2) and round(reps·(1 − α/2)). Seeded, so results repeat exactly for a given seed.
     *
     * @param groups groups ordered from least to most advantaged, with standard errors on the simulation scale
     * @param type the value type
     * @param transform fit on log (rates) or logit (proportions)
     * @param multiplier scales the SII; a negative multiplier also inverts the RII
     * @param confidences the levels (each 0.95 or 95 style)
     * @param repetitions number of simulations (PHE default 100,000)
     * @param seed random seed
     * @return limits for each level, in the order given
     */
    public static List<SlopeIndexLimits> simulatedLimits(List<GroupEstimate> groups, ValueType type,
                                                         boolean transform, double multiplier,
                                                         List<Double> confidences, int repetitions, long seed) {
        checkTransform(type, transform);
        SlopeIndex point = slopeIndex(groups, type, transform, multiplier);
        Design design = new Design(groups);
        SplittableRandom random = new SplittableRandom(seed);
        int size = groups.size();
        double[] simulated = new double[size];
        double[] siis = new double[repetitions];
        double[] riis = new double[repetitions];
        for (int rep = 0; rep < repetitions; rep++) {
            for (int j = 0; j < size; j++) {
                GroupEstimate group = groups.get(j);
                double draw = toLinkScale(type, group.estimate()) + group.standardError() * random.nextGaussian();
                double value = fromLinkScale(type, draw);
                simulated[j] = transform ? toLinkScale(type, value) : value;
            }
            SlopeIndex index = index(design.fit(simulated), type, transform, multiplier);
            siis[rep] = index.sii();
            riis[rep] = index.rii();
        }
        Arrays.sort(siis);
        Arrays.sort(riis);
        List<SlopeIndexLimits> limits = new ArrayList<>();
        for (double confidence : confidences) {
            ConfidenceLevel level = ConfidenceLevel.of(confidence);
            int lower = (int) Math.rint(repetitions * level.alpha() / 2.0) - 1;
            int upper = (int) Math.rint(repetitions * (1.0 - level.alpha() / 2.0)) - 1;
            limits.add(new SlopeIndexLimits(level.fraction(),
                    new Interval(point.sii(), siis[Math.max(lower, 0)], siis[upper]),
                    new Interval(point.rii(), riis[Math.max(lower, 0)], riis[upper])));
        }
        return limits;
    }

    /**
     * The standard error PHE derives from a group's 95% limits, (U − L)/(2 × 1.959964) after log (rates) or logit
     * (proportions) transformation of the limits.
     *
     * @param type the value type
     * @param lower the group's lower 95% limit
     * @param upper the group's upper 95% limit
     * @return the standard error on the simulation scale
     */
    public static double standardErrorFromLimits(ValueType type, double lower, double upper) {
        return (toLinkScale(type, upper) - toLinkScale(type, lower)) / (2.0 * PHE_LIMITS_Z);
    }

    /**
     * Relative concentration index RCI = (2/μ)·Σ p_j y_j R_j − 1.
     *
     * @param groups groups ordered from least to most advantaged
     * @return RCI in [−1, 1]; negative when the outcome concentrates in the least advantaged groups
     */
    public static double relativeConcentrationIndex(List<GroupEstimate> groups) {
        double mean = DisparitySummary.weightedMean(groups);
        double total = groups.stream().mapToDouble(GroupEstimate::population).sum();
        double[] ridits = ridits(groups);
        double sum = 0;
        for (int j = 0; j < ridits.length; j++) {
            sum += groups.get(j).population() / total * groups.get(j).estimate() * ridits[j];
        }
        return 2.0 * sum / mean - 1.0;
    }

    /**
     * Absolute (generalised) concentration index ACI = μ·RCI.
     *
     * @param groups groups ordered from least to most advantaged
     * @return ACI on the scale of the estimates
     */
    public static double absoluteConcentrationIndex(List<GroupEstimate> groups) {
        return DisparitySummary.weightedMean(groups) * relativeConcentrationIndex(groups);
    }

    private static SlopeIndex index(double[] beta, ValueType type, boolean transform, double multiplier) {
        double atZero = transform ? fromLinkScale(type, beta[0]) : beta[0];
        double atOne = transform ? fromLinkScale(type, beta[0] + beta[1]) : beta[0] + beta[1];
        double rii = atOne / atZero;
        return new SlopeIndex(multiplier * (atOne - atZero), multiplier < 0 ? 1.0 / rii : rii, atZero);
    }

    private static void checkTransform(ValueType type, boolean transform) {
        if (transform && type == ValueType.VALUE) {
            throw new IllegalArgumentException("only rates and proportions can be transformed");
        }
    }

    private static double toLinkScale(ValueType type, double value) {
        return switch (type) {
            case VALUE -> value;
            case RATE -> Math.log(value);
            case PROPORTION -> Math.log(value / (1.0 - value));
        };
    }

    private static double fromLinkScale(ValueType type, double value) {
        return switch (type) {
            case VALUE -> value;
            case RATE -> Math.exp(value);
            case PROPORTION -> 1.0 / (1.0 + Math.exp(-value));
        };
    }

    /** The weighted design of the PHE regression, fixed by the populations; only the values change per fit. */
    private static final class Design {
        private final double[] shares;
        private final double[] ridits;
        private final double s0;
        private final double s1;
        private final double s2;

        Design(List<GroupEstimate> groups) {
            double total = groups.stream().mapToDouble(GroupEstimate::population).sum();
            shares = groups.stream().mapToDouble(g -> g.population() / total).toArray();
            ridits = OrderedInequality.ridits(groups);
            double sumA = 0;
            double sumAb = 0;
            double sumAb2 = 0;
            for (int j = 0; j < shares.length; j++) {
                sumA += shares[j];
                sumAb += shares[j] * ridits[j];
                sumAb2 += shares[j] * ridits[j] * ridits[j];
            }
            s0 = sumA;
            s1 = sumAb;
            s2 = sumAb2;
        }

        /** @return {β0, β1} minimising Σ a_j (y_j − β0 − β1·R_j)² */
        double[] fit(double[] values) {
            double t0 = 0;
            double t1 = 0;
            for (int j = 0; j < values.length; j++) {
                t0 += shares[j] * values[j];
                t1 += shares[j] * ridits[j] * values[j];
            }
            double determinant = s0 * s2 - s1 * s1;
            return new double[] {(s2 * t0 - s1 * t1) / determinant, (s0 * t1 - s1 * t0) / determinant};
        }
    }
}

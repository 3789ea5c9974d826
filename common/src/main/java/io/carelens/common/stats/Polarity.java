package io.carelens.common.stats;

/**
 * The favourable direction of a measure: whether a higher value is better (screening rates) or worse (admissions,
 * mortality). It decides the "best" group and whether a meaningful difference is better or worse.
 */
public enum Polarity {
    /** Higher values are favourable. */
    HIGHER_IS_BETTER,
    /** Lower values are favourable. */
    LOWER_IS_BETTER;

    /** @return the polarity of the inverse measure (e.g. "not screened" for "screened") */
    public Polarity inverse() {
        return this == HIGHER_IS_BETTER ? LOWER_IS_BETTER : HIGHER_IS_BETTER;
    }

    /**
     * @param value a value
     * @param other another value
     * @return true when {@code value} is strictly more favourable than {@code other}
     */
    public boolean isBetter(double value, double other) {
        return this == HIGHER_IS_BETTER ? value > other : value < other;
    }
}

package io.carelens.jobs.equity;

import java.time.LocalDate;

/**
 * What one stratified table is about: a measure in a period (and, for utilization, a program and arm; {@code all}
 * for quality measures).
 *
 * @param measureId the measure
 * @param programId the program, or {@code all}
 * @param arm the arm, or {@code all}
 * @param periodStart first day of the period
 * @param periodEnd last day of the period
 */
public record RateKey(String measureId, String programId, String arm, LocalDate periodStart, LocalDate periodEnd) {

    /** Whether {@code other} is the same measure, program and arm in another period. */
    boolean sameSeries(RateKey other) {
        return measureId.equals(other.measureId) && programId.equals(other.programId) && arm.equals(other.arm);
    }

    /** Length of the period in days. */
    long days() {
        return java.time.temporal.ChronoUnit.DAYS.between(periodStart, periodEnd) + 1;
    }
}

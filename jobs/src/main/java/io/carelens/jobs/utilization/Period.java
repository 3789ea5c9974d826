package io.carelens.jobs.utilization;

import java.time.LocalDate;

/** A reporting period: a closed date range of whole months, {@code [start, end]}. */
public record Period(LocalDate start, LocalDate end) {
}

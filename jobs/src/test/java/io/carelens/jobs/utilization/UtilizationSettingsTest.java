package io.carelens.jobs.utilization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.carelens.common.config.CareLensConfig;
import io.carelens.common.config.ConfigurationException;
import io.carelens.common.period.ReportingPeriod;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** carelens.utilization.periods: periods in the one syntax, each of whole months. */
class UtilizationSettingsTest {

    @Test
    void periodsAreYearsOrRanges() {
        assertEquals(List.of(ReportingPeriod.calendarYear(2025),
                        new ReportingPeriod(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 6, 30))),
                settings(List.of("2025", "2026-01-01..2026-06-30")).periods());
    }

    @Test
    void aPeriodMustBeWholeMonths() {
        String message = assertThrows(ConfigurationException.class,
                () -> settings(List.of("2025-01-15..2025-12-31"))).getMessage();
        assertEquals("utilization period 2025-01-15..2025-12-31 must start on a month's first day and end on a "
                + "later month's last day", message);
    }

    @Test
    void theOldObjectFormIsExplained() {
        String message = assertThrows(ConfigurationException.class,
                () -> settings(List.of(Map.of("start", "2025-01-01", "end", "2025-12-31")))).getMessage();
        assertTrue(message.startsWith("carelens.utilization.periods must be a list of periods, each "
                + ReportingPeriod.SYNTAX), message);
    }

    private static UtilizationSettings settings(List<?> periods) {
        return UtilizationSettings.from(CareLensConfig.load(null, Map.of("utilization.periods", periods)));
    }
}

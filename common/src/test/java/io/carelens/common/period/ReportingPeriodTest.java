package io.carelens.common.period;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.carelens.common.config.ConfigurationException;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one period syntax: a year or a range, with errors that name the key, the value and the syntax. */
class ReportingPeriodTest {
    private static final String KEY = "carelens.evaluation.baseline";

    @Test
    void aYearIsItsCalendarYear() {
        ReportingPeriod p = ReportingPeriod.parse(KEY, " 2026 ");
        assertEquals(new ReportingPeriod(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)), p);
        assertEquals(12, p.months());
        assertTrue(p.isWholeMonths());
        assertEquals("2026-01-01..2026-12-31", p.toString());
        assertEquals("period_start = DATE'2026-01-01' AND period_end = DATE'2026-12-31'", p.predicate());
    }

    @Test
    void aRangeIsItsFirstAndLastDay() {
        ReportingPeriod p = ReportingPeriod.parse(KEY, "2025-03-15..2026-02-28");
        assertEquals(LocalDate.of(2025, 3, 15), p.start());
        assertEquals(LocalDate.of(2026, 2, 28), p.end());
        assertEquals(12, p.months());
        assertFalse(p.isWholeMonths());
        assertEquals(p, ReportingPeriod.parse(KEY, p.toString()));
    }

    @Test
    void errorsNameTheKeyAndTheValue() {
        String badDate = assertThrows(ConfigurationException.class,
                () -> ReportingPeriod.parse(KEY, "2026-02-30..2026-12-31")).getMessage();
        assertTrue(badDate.startsWith(KEY + ": '2026-02-30..2026-12-31'"), badDate);
        String backwards = assertThrows(ConfigurationException.class,
                () -> ReportingPeriod.parse(KEY, "2026-12-31..2026-01-01")).getMessage();
        assertEquals(KEY + ": period '2026-12-31..2026-01-01' ends before it starts", backwards);
        String neither = assertThrows(ConfigurationException.class,
                () -> ReportingPeriod.parse(KEY, "last year")).getMessage();
        assertEquals(KEY + ": 'last year' is not a period; write " + ReportingPeriod.SYNTAX, neither);
    }

    @Test
    void readsASingleKeyAndAList() {
        Config c = ConfigFactory.parseString("baseline = \"2024\", periods = [\"2025\", \"2026-01-01..2026-06-30\"]");
        assertEquals(ReportingPeriod.calendarYear(2024), ReportingPeriod.read(c, "carelens.evaluation", "baseline"));
        assertEquals(List.of(ReportingPeriod.calendarYear(2025),
                        new ReportingPeriod(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 6, 30))),
                ReportingPeriod.readList(c, "carelens.utilization", "periods"));
    }

    @Test
    void theOldObjectFormSaysHowToWriteItNow() {
        Config c = ConfigFactory.parseString("baseline { start = \"2024-01-01\", end = \"2024-12-31\" }\n"
                + "periods = [{ start = \"2025-01-01\", end = \"2025-12-31\" }]");
        String single = assertThrows(ConfigurationException.class,
                () -> ReportingPeriod.read(c, "carelens.evaluation", "baseline")).getMessage();
        assertTrue(single.startsWith("carelens.evaluation.baseline must be " + ReportingPeriod.SYNTAX), single);
        assertTrue(single.contains("{ start, end } form is no longer read"), single);
        String list = assertThrows(ConfigurationException.class,
                () -> ReportingPeriod.readList(c, "carelens.utilization", "periods")).getMessage();
        assertTrue(list.startsWith("carelens.utilization.periods must be a list of periods"), list);
    }
}

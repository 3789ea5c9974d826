package io.carelens.jobs.utilization;

import com.typesafe.config.Config;
import io.carelens.common.config.CareLensConfig;
import io.carelens.common.config.ConfigurationException;
import io.carelens.common.period.ReportingPeriod;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * The utilization stage's settings ({@code carelens.utilization}, defaults in utilization.conf), read and checked
 * once so that every rule class gets typed values and a bad setting fails before any data is read.
 */
public record UtilizationSettings(
        List<ReportingPeriod> periods,
        LocalDate asOfDate,
        MemberMonthRule memberMonthRule,
        List<String> edClasses,
        List<String> edStatuses,
        int admissionWindowDays,
        boolean nyuTreatAndReleaseOnly,
        List<String> inpatientClasses,
        List<String> observationClasses,
        List<String> inpatientStatuses,
        List<String> followUpClasses,
        List<String> followUpStatuses,
        int followUpAdmissionExclusionDays,
        boolean followUpRequiresMatchingDiagnosis,
        DiagnosisSubset mentalIllness,
        DiagnosisSubset substanceUse,
        List<String> obstetricExclusionMeasures,
        List<String> transferAdmitSources,
        int lookBackMonths,
        String attributionProgramId,
        List<String> attributionClasses,
        List<String> attributionStatuses,
        List<String> primaryCareTypes,
        String intervalMethod,
        double confidence,
        int suppressionThreshold) {

    /** When a calendar month counts as a member month. */
    public enum MemberMonthRule {
        /** covered on any day of the month */
        ANY_DAY,
        /** covered on the month's first day */
        FIRST_DAY,
        /** covered on the 15th */
        MID_MONTH
    }

    /**
     * An ED-visit subset defined by diagnosis code prefixes (ICD-10-CM, no dots): FUM's mental illness, FUA's
     * substance use.
     */
    public record DiagnosisSubset(int minimumAge, List<String> principalPrefixes, List<String> anyPrefixes) {
    }

    public static UtilizationSettings from(CareLensConfig config) {
        Config c = config.section("utilization");
        try {
            return new UtilizationSettings(
                    periods(c),
                    c.getString("as-of-date").isBlank() ? null : date(c.getString("as-of-date"), "as-of-date"),
                    memberMonthRule(c.getString("member-month.rule")),
                    c.getStringList("ed-visit.encounter-classes"),
                    c.getStringList("ed-visit.statuses"),
                    nonNegative(c.getInt("ed-visit.admission-window-days"), "ed-visit.admission-window-days"),
                    nyuVisits(c.getString("ed-visit.nyu-visits")),
                    c.getStringList("inpatient.encounter-classes"),
                    c.getStringList("inpatient.observation-classes"),
                    c.getStringList("inpatient.statuses"),
                    c.getStringList("follow-up.encounter-classes"),
                    c.getStringList("follow-up.statuses"),
                    nonNegative(c.getInt("follow-up.admission-exclusion-days"), "follow-up.admission-exclusion-days"),
                    c.getBoolean("follow-up.require-matching-diagnosis"),
                    subset(c.getConfig("follow-up.mental-illness")),
                    subset(c.getConfig("follow-up.substance-use")),
                    c.getStringList("pqi.obstetric-exclusion-measures"),
                    c.getStringList("pqi.transfer-admit-sources"),
                    positive(c.getInt("attribution.look-back-months"), "attribution.look-back-months"),
                    c.getString("attribution.program-id"),
                    c.getStringList("attribution.encounter-classes"),
                    c.getStringList("attribution.statuses"),
                    c.getStringList("attribution.primary-care-types"),
                    intervalMethod(c.getString("rates.interval-method")),
                    config.confidence(),
                    config.smallCellThreshold());
        } catch (com.typesafe.config.ConfigException e) {
            throw new ConfigurationException("invalid utilization setting: " + e.getMessage());
        }
    }

    private static List<ReportingPeriod> periods(Config c) {
        List<ReportingPeriod> periods = ReportingPeriod.readList(c, "carelens.utilization", "periods");
        for (ReportingPeriod p : periods) {
            if (!p.isWholeMonths()) {
                throw new ConfigurationException("utilization period " + p
                        + " must start on a month's first day and end on a later month's last day");
            }
        }
        return periods;
    }

    private static MemberMonthRule memberMonthRule(String s) {
        return switch (s) {
            case "any-day" -> MemberMonthRule.ANY_DAY;
            case "first-day" -> MemberMonthRule.FIRST_DAY;
            case "mid-month" -> MemberMonthRule.MID_MONTH;
            default -> throw new ConfigurationException(
                    "utilization.member-month.rule must be any-day, first-day or mid-month, not '" + s + "'");
        };
    }

    private static boolean nyuVisits(String s) {
        return switch (s) {
            case "treat-and-release" -> true;
            case "all" -> false;
            default -> throw new ConfigurationException(
                    "utilization.ed-visit.nyu-visits must be treat-and-release or all, not '" + s + "'");
        };
    }

    private static String intervalMethod(String s) {
        String m = s.toLowerCase(Locale.ROOT);
        if (!List.of("phe", "exact", "byar").contains(m)) {
            throw new ConfigurationException("utilization.rates.interval-method must be phe, exact or byar, not '" + s + "'");
        }
        return m;
    }

    private static DiagnosisSubset subset(Config c) {
        return new DiagnosisSubset(c.getInt("minimum-age"), c.getStringList("principal-diagnosis-prefixes"),
                c.getStringList("any-diagnosis-prefixes"));
    }

    private static LocalDate date(String s, String key) {
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new ConfigurationException("utilization." + key + " is not a date (YYYY-MM-DD): '" + s + "'");
        }
    }

    private static int nonNegative(int v, String key) {
        if (v < 0) {
            throw new ConfigurationException("utilization." + key + " must not be negative: " + v);
        }
        return v;
    }

    private static int positive(int v, String key) {
        if (v <= 0) {
            throw new ConfigurationException("utilization." + key + " must be positive: " + v);
        }
        return v;
    }
}

package io.carelens.jobs.evaluation;

import com.typesafe.config.Config;
import io.carelens.common.config.CareLensConfig;
import io.carelens.common.config.ConfigurationException;
import io.carelens.common.period.ReportingPeriod;
import io.carelens.jobs.equity.EquitySettings;
import java.util.List;

/**
 * The evaluation stage's settings ({@code carelens.evaluation} in evaluation.conf): the program, the baseline and
 * performance periods, when to use within-person changes, the equity dimensions, the suppression threshold, the
 * utilization outcomes and the performance-based adjustment. Read once and validated. Each dimension's reference
 * group is the equity stage's ({@code carelens.equity.reference}, see {@link ReferenceGroups}).
 *
 * @param programId the program whose arms are compared
 * @param baseline the baseline period
 * @param performance the performance period
 * @param pairedMinimumShare share of people observed in both periods needed for the paired estimator
 * @param dimensions equity dimensions besides overall
 * @param threshold largest suppressed count (CMS: 10)
 * @param utilization utilization measure ids, or ["all"] for every one of gold/utilization_events
 * @param pba the performance-based adjustment rules
 */
public record EvaluationSettings(String programId, ReportingPeriod baseline, ReportingPeriod performance,
                                 double pairedMinimumShare, List<String> dimensions, int threshold,
                                 List<String> utilization, PbaRules pba) {

    /** The dimensions the stage can derive: the equity stage's built-in ones. */
    public static final List<String> BUILT_IN = EquitySettings.BUILT_IN;

    private static final String SECTION = "carelens.evaluation";

    /** Reads and validates {@code carelens.evaluation}. */
    public static EvaluationSettings from(CareLensConfig config) {
        Config c = config.section("evaluation");
        try {
            ReportingPeriod baseline = ReportingPeriod.read(c, SECTION, "baseline");
            ReportingPeriod performance = ReportingPeriod.read(c, SECTION, "performance");
            if (!baseline.end().isBefore(performance.start())) {
                throw new ConfigurationException("carelens.evaluation: the baseline period must end before the "
                        + "performance period starts");
            }
            List<String> dimensions = c.getStringList("dimensions");
            for (String d : dimensions) {
                if (!BUILT_IN.contains(d)) {
                    throw new ConfigurationException("carelens.evaluation.dimensions: unknown dimension '" + d
                            + "' (built in: " + String.join(", ", BUILT_IN) + ")");
                }
            }
            double share = c.getDouble("paired-minimum-share");
            if (share < 0 || share > 1) {
                throw new ConfigurationException("carelens.evaluation.paired-minimum-share must be in [0, 1]: " + share);
            }
            int threshold = config.smallCellThreshold();
            if (threshold < 1) {
                throw new ConfigurationException("carelens.privacy.small-cell-threshold must be at least 1 for the "
                        + "evaluation");
            }
            List<String> utilization = c.getStringList("utilization");
            return new EvaluationSettings(c.getString("program-id"), baseline, performance, share, dimensions,
                    threshold, utilization, PbaRules.from(c.getConfig("pba")));
        } catch (com.typesafe.config.ConfigException e) {
            throw new ConfigurationException("carelens.evaluation: " + e.getMessage());
        }
    }
}

package io.carelens.jobs.evaluation;

import io.carelens.common.stats.DifferenceInDifferences.Result;
import io.carelens.common.stats.Interval;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rows of gold/evaluation from the estimated effects: one effect row per measure and stratum, and one gap row per
 * non-reference group of each dimension. The gap row answers "did the model narrow the gap?": the DiD of the
 * difference between the group and the reference group, which is DiD(group) − DiD(reference), with
 * SE = √(SE_group² + SE_reference²) because the two strata hold different people. A negative gap estimate means the
 * group's outcome fell relative to the reference group's; whether that narrows the gap depends on the measure's
 * direction and on which side the group started. Rows touching a suppressed stratum are withheld.
 */
final class EvaluationRows {
    private EvaluationRows() {
    }

    static List<EvaluationRow> build(List<Effect> effects, Set<CellKey.StratumKey> suppressed,
                                     Map<String, String> references) {
        Map<CellKey.StratumKey, Effect> byKey = new HashMap<>();
        effects.forEach(e -> byKey.put(e.key(), e));
        List<EvaluationRow> rows = new ArrayList<>();
        for (Effect e : effects) {
            EvaluationRow row = effectRow(e);
            rows.add(suppressed.contains(e.key()) ? row.suppress() : row);
        }
        for (Effect e : effects) {
            String reference = references.get(e.key().dimension());
            if (reference == null || reference.equals(e.key().stratum())) {
                continue;
            }
            CellKey.StratumKey refKey = new CellKey.StratumKey(e.key().measureId(), e.key().dimension(), reference);
            Effect ref = byKey.get(refKey);
            if (ref == null) {
                continue;
            }
            EvaluationRow gap = gapRow(e, ref);
            rows.add(suppressed.contains(e.key()) || suppressed.contains(refKey) ? gap.suppress() : gap);
        }
        return rows;
    }

    static EvaluationRow effectRow(Effect e) {
        double k = e.scale();
        EvaluationRow.Cells cells = new EvaluationRow.Cells(mean(e.t0()) * k, mean(e.t1()) * k, mean(e.c0()) * k,
                mean(e.c1()) * k, people(e.t0()), people(e.t1()), people(e.c0()), people(e.c1()));
        return new EvaluationRow(e.key().measureId(), e.kind(), e.unit(), e.key().dimension(), e.key().stratum(),
                EvaluationRow.EFFECT, null, e.method(), statistics(e.result(), k), cells, false);
    }

    static EvaluationRow gapRow(Effect group, Effect reference) {
        double k = group.scale();
        Result result = group.result() == null || reference.result() == null ? null
                : new Result(group.result().estimate() - reference.result().estimate(),
                        Math.hypot(group.result().standardError(), reference.result().standardError()));
        EvaluationRow.Cells cells = new EvaluationRow.Cells(
                (mean(group.t0()) - mean(reference.t0())) * k, (mean(group.t1()) - mean(reference.t1())) * k,
                (mean(group.c0()) - mean(reference.c0())) * k, (mean(group.c1()) - mean(reference.c1())) * k,
                people(group.t0()), people(group.t1()), people(group.c0()), people(group.c1()));
        return new EvaluationRow(group.key().measureId(), group.kind(), group.unit(), group.key().dimension(),
                group.key().stratum(), EvaluationRow.GAP, reference.key().stratum(), group.method(),
                statistics(result, k), cells, false);
    }

    private static EvaluationRow.Statistics statistics(Result result, double scale) {
        if (result == null) {
            return null;
        }
        Interval ci90 = result.interval(0.90);
        Interval ci95 = result.interval(0.95);
        return new EvaluationRow.Statistics(result.estimate() * scale, result.standardError() * scale,
                ci90.lower() * scale, ci90.upper() * scale, ci95.lower() * scale, ci95.upper() * scale,
                result.pValue());
    }

    private static double mean(RatioSums cell) {
        return cell == null ? Double.NaN : cell.mean();
    }

    private static long people(RatioSums cell) {
        return cell == null ? 0 : cell.people();
    }
}

package io.carelens.common.schema;

import static io.carelens.common.schema.GoldColumn.count;
import static io.carelens.common.schema.GoldColumn.date;
import static io.carelens.common.schema.GoldColumn.flag;
import static io.carelens.common.schema.GoldColumn.integer;
import static io.carelens.common.schema.GoldColumn.number;
import static io.carelens.common.schema.GoldColumn.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The gold tables the stages publish: the output-side counterpart of {@link CanonicalTable}. Each table names its
 * path under the warehouse root, its grain (the columns that identify a row; checked unique on every write), its
 * columns with their types and meaning, and the one stage that writes it. docs/gold-tables.md is generated from
 * this enum ({@link GoldTableDoc}) and table paths in the code come from here, never from string literals.
 */
public enum GoldTable {

    MEASURE_PATIENT("gold/measure_patient", "measures",
            "Person x measure x period: the eCQM and social-needs populations each person falls in, and the evidence "
                    + "that decided them. A measure with several population groups (CMS138) has one id per group.",
            List.of("person_id", "measure_id", "period_start", "period_end"), Stream.of(
                    List.of(text("person_id", "the source's patient id, or its keyed pseudonym when "
                                    + "`carelens.privacy.pseudonymize` is on"),
                            text("measure_id", "`CMS122`, `CMS165`, `CMS125`, `CMS130`, `CMS2`, `CMS159`, `CMS138-1`, "
                                    + "`CMS138-2`, `CMS138-3`, `SDOH-1`, ...")),
                    period(),
                    List.of(integer("initial_population", "1: in the initial population (every row is)"),
                            integer("denominator", "1: in the denominator"),
                            integer("denominator_exclusion", "1: excluded; exclusions win over the numerator"),
                            integer("numerator", "1: meets the numerator"),
                            integer("denominator_exception", "1: a denominator exception (applies when not in the "
                                    + "numerator)"),
                            text("stratum", "the measure's own stratum (e.g. CMS125 `42-51`), null if none"),
                            text("evidence", "what decided the numerator or exclusion, e.g. `HbA1c 9.1 % on "
                                    + "2026-01-03`"))).flatMap(List::stream).toList()),

    MEASURE_RATES("gold/measure_rates", "equity",
            "Measure x period x dimension x group: each measure's overall row (`overall` / `all`), its own strata "
                    + "(`measure_stratum`) and every equity group, suppressed jointly so that no withheld count can be "
                    + "derived from the others. Rate = numerator / performance denominator with a Wilson interval at "
                    + "`carelens.confidence`.",
            List.of("measure_id", "period_start", "period_end", "dimension", "stratum"), Stream.of(
                    List.of(text("measure_id", "as in `gold/measure_patient`")),
                    period(),
                    List.of(text("dimension", "`overall`, `measure_stratum`, `age_band`, `sex`, `race`, `ethnicity`, "
                                    + "`race_ethnicity`, `payer`, `dual_status`, `rurality`, `adi_quintile`, "
                                    + "`preferred_language`, or a user column"),
                            text("stratum", "the group within the dimension (`all` for overall; `unknown` is always "
                                    + "its own group)"),
                            count("initial_population", "persons in the initial population"),
                            count("denominator", "persons in the denominator"),
                            count("denominator_exclusion", "denominator persons excluded"),
                            count("denominator_exception", "denominator persons excepted (not excluded, not in the "
                                    + "numerator)"),
                            count("numerator", "performance-denominator persons meeting the numerator"),
                            count("performance_denominator", "denominator - exclusions - exceptions (eCQM reporting)"),
                            number("rate", "numerator / performance_denominator"),
                            number("ci_lower", "lower Wilson limit"),
                            number("ci_upper", "upper Wilson limit"),
                            flag("suppressed", "true when the rate is withheld; its counts and rate are then null. "
                                    + "Other counts withheld to protect a small one are null on rows that keep their "
                                    + "rate"),
                            number("share", "the group's share of the initial population (null when withheld)"),
                            number("standardized_rate", "directly age-standardised rate (docs/equity.md)"),
                            number("standardized_ci_lower", "lower Dobson limit of the standardised rate"),
                            number("standardized_ci_upper", "upper Dobson limit of the standardised rate"),
                            text("standard_population", "the standard population, null when none"))
            ).flatMap(List::stream).toList()),

    MEMBER_MONTHS("gold/member_months", "utilization",
            "Person x covered month x reporting period x attributed program: the denominator of every utilization "
                    + "rate (docs/utilization.md).",
            List.of("person_id", "month_start", "period_start", "period_end", "program_id", "practice_id"), Stream.of(
                    List.of(text("person_id", "person id (pseudonymized when configured)"),
                            date("month_start", "first day of the covered month")),
                    period(),
                    List.of(integer("age", "whole years of age on the month's first day"),
                            text("payer_type", "payer type of the month's coverage"),
                            text("dual_status", "dual Medicare-Medicaid status of the month's coverage"),
                            text("program_id", "attributed program, null when unattributed"),
                            text("arm", "`intervention`, `comparison` or null"),
                            text("practice_id", "attributed practice, null when unattributed"))
            ).flatMap(List::stream).toList()),

    ED_VISITS("gold/ed_visits", "utilization",
            "One ED visit (person, facility, day) with its NYU classification and follow-up.",
            List.of("visit_id"), List.of(
                    text("visit_id", "the visit's id (its first encounter; pseudonymized when configured)"),
                    text("person_id", "person id (pseudonymized when configured)"),
                    date("visit_date", "day of the visit"),
                    text("facility_id", "facility"),
                    count("encounter_count", "ED encounters merged into the visit"),
                    flag("admitted", "the visit ended in an inpatient admission"),
                    text("principal_dx_system", "code system of the principal diagnosis"),
                    text("principal_dx_code", "principal diagnosis code"),
                    flag("mapped", "the principal diagnosis is ICD-10-CM"),
                    number("ne", "NYU: non-emergent"),
                    number("epct", "NYU: emergent, primary-care treatable"),
                    number("edcnpa", "NYU: emergent, ED care needed, preventable or avoidable"),
                    number("edcnnpa", "NYU: emergent, ED care needed, not preventable"),
                    number("injury", "NYU: injury"),
                    number("mental", "NYU: mental health"),
                    number("alcohol", "NYU: alcohol"),
                    number("drug", "NYU: drug"),
                    number("unclassified", "NYU: unclassified"),
                    flag("followup_eligible", "eligible for the follow-up measures"),
                    integer("followup_days", "days to the first outpatient follow-up, null when none"),
                    flag("mental_illness", "principal diagnosis of mental illness (FUM)"),
                    integer("mental_health_followup_days", "days to the first mental-health follow-up"),
                    flag("substance_use", "principal diagnosis of substance use (FUA)"),
                    integer("substance_use_followup_days", "days to the first substance-use follow-up"))),

    UTILIZATION_EVENTS("gold/utilization_events", "utilization",
            "One numerator event per person, measure and source record (visit or stay).",
            List.of("person_id", "measure_id", "source_id"), List.of(
                    text("person_id", "person id (pseudonymized when configured)"),
                    text("measure_id", "utilization measure id (docs/utilization.md)"),
                    text("source_id", "the visit or stay id (pseudonymized when configured)"),
                    date("event_date", "day of the event"),
                    number("events", "event count (NYU categories: a probability)"),
                    integer("eligible", "1 for follow-up proportions, else null"))),

    UTILIZATION_PERSON("gold/utilization_person", "utilization",
            "Person x rate measure x period: the person-years a person contributes at the measure's ages and the "
                    + "events in those months; what the equity stage stratifies.",
            List.of("person_id", "measure_id", "period_start", "period_end"), Stream.of(
                    List.of(text("person_id", "person id (pseudonymized when configured)"),
                            text("measure_id", "utilization rate measure id")),
                    period(),
                    List.of(number("events", "events in the covered months at the measure's ages"),
                            number("person_years", "covered months at the measure's ages / 12"))
            ).flatMap(List::stream).toList()),

    UTILIZATION_RATES("gold/utilization_rates", "utilization",
            "Measure x period x program x arm x practice: utilization rates of the whole population and of each "
                    + "program, arm and practice (dimension `overall`). Rates by equity group are in "
                    + "`gold/utilization_group_rates`.",
            List.of("measure_id", "period_start", "period_end", "program_id", "arm", "practice_id", "dimension",
                    "stratum"), Stream.of(
                    List.of(text("measure_id", "utilization measure id (docs/utilization.md)"),
                            text("measure_name", "readable name"),
                            text("unit", "`per 1,000 person-years`, `per 100,000 person-years` or `proportion of "
                                    + "eligible ED visits`")),
                    period(),
                    List.of(text("program_id", "`all` = the whole covered population, else the program"),
                            text("arm", "`all`, `intervention`, `comparison` or `unassigned`"),
                            text("practice_id", "`all` when rolled up, else the practice"),
                            text("dimension", "`overall`"),
                            text("stratum", "`all`"),
                            number("events", "numerator (sums of probabilities for NYU rows; passed visits for "
                                    + "proportions)"),
                            number("person_years", "member months in the measure's age band / 12"),
                            count("eligible", "eligible ED visits (proportions only, else null)"),
                            number("rate", "per 1,000 / 100,000 person-years, or a proportion (0-1)"),
                            number("share", "NYU rows: events / NYU-classified visits in the cell; else null"),
                            number("ci_lower", "lower confidence limit (null when unavailable)"),
                            number("ci_upper", "upper confidence limit (null when unavailable)"),
                            text("ci_method", "`Exact`, `Byars` or `Wilson`"),
                            number("confidence", "the confidence level of the limits"),
                            flag("suppressed", "small cell: counts, rate, share and limits are null"))
            ).flatMap(List::stream).toList()),

    UTILIZATION_GROUP_RATES("gold/utilization_group_rates", "equity",
            "Measure x period x program x arm x dimension x group: utilization rates by equity group (the overall "
                    + "group included), suppressed jointly on the counts of persons, with and without an event.",
            List.of("measure_id", "period_start", "period_end", "program_id", "arm", "practice_id", "dimension",
                    "stratum"), Stream.of(
                    List.of(text("measure_id", "utilization rate measure id")),
                    period(),
                    List.of(text("program_id", "`all` or the program"),
                            text("arm", "`all` or the arm"),
                            text("practice_id", "`all`"),
                            text("dimension", "`overall` or an equity dimension"),
                            text("stratum", "the group within the dimension"),
                            count("persons", "persons in the group"),
                            number("events", "events of the group"),
                            number("person_years", "person-years of the group"),
                            number("rate", "per 1,000 person-years (PQI per 100,000)"),
                            number("ci_lower", "lower exact / Byar limit"),
                            number("ci_upper", "upper exact / Byar limit"),
                            flag("suppressed", "true when withheld"),
                            number("share", "the group's share of the persons (null when withheld)"),
                            number("standardized_rate", "directly age-standardised rate"),
                            number("standardized_ci_lower", "lower Dobson limit"),
                            number("standardized_ci_upper", "upper Dobson limit"),
                            text("standard_population", "the standard population, null when none"))
            ).flatMap(List::stream).toList()),

    ATTRIBUTION("gold/attribution", "utilization",
            "Only when `silver/attribution` is empty: the plurality attribution of each person to a practice for "
                    + "each period, with its evidence.",
            List.of("person_id", "program_id", "start_date"), List.of(
                    text("person_id", "person id (pseudonymized when configured)"),
                    text("program_id", "the configured attribution program"),
                    text("practice_id", "the practice with the most primary-care visits"),
                    text("arm", "null: a computed attribution has no arm"),
                    date("start_date", "first day of the attribution period"),
                    date("end_date", "last day of the attribution period"),
                    count("visits", "primary-care visits to the practice in the look-back"),
                    date("look_back_start", "first day of the look-back"),
                    date("last_visit_date", "day of the latest of those visits"),
                    text("method", "how the attribution was made"),
                    text("run_id", "the run that computed it"))),

    DISPARITIES("gold/disparities", "equity",
            "Measure x period x dimension x metric x group: pairwise differences and ratios against the reference "
                    + "group, summary indices and the change of each since the previous period (docs/equity.md).",
            List.of("measure_id", "program_id", "arm", "period_start", "period_end", "dimension", "metric", "stratum"),
            Stream.of(
                    List.of(text("measure_id", "measure id"),
                            text("program_id", "program (`all` for eCQMs)"),
                            text("arm", "arm (`all` for eCQMs)")),
                    period(),
                    List.of(text("dimension", "the dimension"),
                            text("metric", "`rate_difference`, `rate_ratio`, a summary index, or `change_in_<metric>`"),
                            text("stratum", "compared group (pairwise metrics), null for summary metrics"),
                            text("reference_group", "the reference group"),
                            text("reference_rule", "how the reference group was chosen"),
                            number("estimate", "the metric (null if suppressed or undefined)"),
                            number("ci_lower", "lower limit"),
                            number("ci_upper", "upper limit"),
                            number("standard_error", "SE on the metric's scale (log scale for ratios)"),
                            number("p_value", "AHRQ rule input"),
                            number("relative_difference", "AHRQ rule input"),
                            text("verdict", "`better`, `worse` or `same` (pairwise)"),
                            integer("groups_used", "number of groups the metric rests on"),
                            flag("suppressed", "true when the metric rests on a withheld rate"),
                            text("direction", "`higher_is_better` or `lower_is_better`"),
                            date("baseline_period_start", "for `change_in_*` rows: the earlier period"),
                            date("baseline_period_end", "for `change_in_*` rows: the earlier period"),
                            text("trend", "for `change_in_*` rows: whether the gap narrowed"))
            ).flatMap(List::stream).toList()),

    EVALUATION("gold/evaluation", "evaluation",
            "Program x measure x stratum x row type: the difference-in-differences of intervention vs comparison, "
                    + "baseline vs performance period (docs/evaluation.md).",
            List.of("program_id", "measure_id", "dimension", "stratum", "row_type"), List.of(
                    text("program_id", "the program"),
                    text("measure_id", "CMS id or utilization id"),
                    text("measure_kind", "`quality` or `utilization`"),
                    text("unit", "the unit of the estimate"),
                    text("dimension", "`overall` or an equity dimension"),
                    text("stratum", "`all` or the group"),
                    text("row_type", "`effect` (DiD of the stratum) or `gap` (DiD of its gap to the reference)"),
                    text("reference_stratum", "for a gap row, the reference group"),
                    text("method", "`paired` or `independent`"),
                    date("baseline_start", "first day of the baseline period"),
                    date("baseline_end", "last day of the baseline period"),
                    date("performance_start", "first day of the performance period"),
                    date("performance_end", "last day of the performance period"),
                    number("estimate", "the DiD in the unit"),
                    number("standard_error", "its standard error"),
                    number("ci90_lower", "90 % normal interval"),
                    number("ci90_upper", "90 % normal interval"),
                    number("ci95_lower", "95 % normal interval"),
                    number("ci95_upper", "95 % normal interval"),
                    number("p_value", "two-sided"),
                    number("intervention_baseline_mean", "cell mean (gap rows: group - reference)"),
                    number("intervention_performance_mean", "cell mean"),
                    number("comparison_baseline_mean", "cell mean"),
                    number("comparison_performance_mean", "cell mean"),
                    count("intervention_baseline_n", "people in the cell"),
                    count("intervention_performance_n", "people in the cell"),
                    count("comparison_baseline_n", "people in the cell"),
                    count("comparison_performance_n", "people in the cell"),
                    flag("suppressed", "true when a cell is withheld; statistics and cells are then null"))),

    PBA("gold/pba", "evaluation",
            "Program x practice: a Primary Care First style performance-based adjustment from acute hospital "
                    + "utilization against a benchmark (docs/evaluation.md).",
            List.of("program_id", "practice_id"), List.of(
                    text("program_id", "the program"),
                    text("practice_id", "the intervention practice"),
                    date("performance_start", "first day of the performance period"),
                    date("performance_end", "last day of the performance period"),
                    count("stays", "acute stays"),
                    number("person_years", "attributed person-years"),
                    number("ahu_rate", "acute stays per 1,000 person-years"),
                    number("ahu_ci95_lower", "95 % lower limit"),
                    number("ahu_ci95_upper", "95 % upper limit"),
                    text("benchmark", "`comparison-arm` or `fixed`"),
                    number("benchmark_rate", "the benchmark rate"),
                    number("ratio", "rate / benchmark"),
                    integer("tier", "the tier reached"),
                    number("adjustment", "the adjustment, -0.10 to +0.50"),
                    text("status", "`scored`, or why not"),
                    flag("suppressed", "true when the practice's counts are withheld"))),

    CARE_GAPS("gold/care_gaps", "care-gaps",
            "Person x measure x period x program: the persons in a measure's denominator who are neither excluded nor "
                    + "excepted and miss its numerator (for an inverse measure such as CMS122: who are in it), with "
                    + "the practice they are attributed to in the period (the source's `silver/attribution` when it "
                    + "has rows, else `gold/attribution`; of several spans the latest-starting). Persons attributed "
                    + "to no practice, and the SDOH-2 screen-positive rates, have no rows. Exported one practice at a "
                    + "time by `carelens care-gaps`, never shown on the dashboard.",
            List.of("person_id", "measure_id", "period_start", "period_end", "program_id"), Stream.of(
                    List.of(text("measure_id", "as in `gold/measure_patient`")),
                    period(),
                    List.of(text("program_id", "the program of the attribution span"),
                            text("practice_id", "the practice the person is attributed to in the period"),
                            text("person_id", "as in `gold/measure_patient` (the pseudonym when pseudonymization is on)"),
                            text("stratum", "the measure's own stratum, null if none"),
                            text("gap", "`not in the numerator`, or `in the numerator (lower is better)` for an "
                                    + "inverse measure"),
                            text("evidence", "the `gold/measure_patient` evidence that decided the outcome"),
                            text("close_gap", "what would close the gap, one sentence per measure"),
                            text("run_id", "the run that wrote the row")))
                    .flatMap(List::stream).toList());

    private static final Map<String, GoldTable> BY_PATH = Arrays.stream(values())
            .collect(Collectors.toMap(GoldTable::path, Function.identity()));

    private final String path;
    private final String owner;
    private final String description;
    private final List<String> grain;
    private final List<GoldColumn> columns;

    GoldTable(String path, String owner, String description, List<String> grain, List<GoldColumn> columns) {
        this.path = path;
        this.owner = owner;
        this.description = description;
        this.grain = List.copyOf(grain);
        this.columns = List.copyOf(columns);
    }

    private static List<GoldColumn> period() {
        return List.of(date("period_start", "first day of the period"), date("period_end", "last day of the period"));
    }

    /** The path under the warehouse root, e.g. {@code gold/measure_rates}. */
    public String path() {
        return path;
    }

    /** The name of the one stage that writes the table. */
    public String owner() {
        return owner;
    }

    public String description() {
        return description;
    }

    /** The columns that identify a row. */
    public List<String> grain() {
        return grain;
    }

    public List<GoldColumn> columns() {
        return columns;
    }

    /**
     * The contract as a Spark schema, columns in contract order: what a writer builds its rows with, so no stage
     * declares a gold table's columns a second time. Every column is nullable: the contract does not say which may be
     * null (even grain columns are on some rows, e.g. {@code gold/disparities.stratum} of a summary metric), and
     * Delta stores a table written from a DataFrame as nullable anyway.
     */
    public StructType schema() {
        return new StructType(columns.stream().map(c -> DataTypes.createStructField(c.name(), c.type(), true))
                .toArray(StructField[]::new));
    }

    /** The table at {@code path}, if it is a gold table. */
    public static Optional<GoldTable> byPath(String path) {
        return Optional.ofNullable(BY_PATH.get(path));
    }

    /**
     * How {@code schema} differs from the contract: a column missing, one not in the contract, or one of another
     * type (nullability is not compared). Empty when it conforms.
     */
    public List<String> schemaProblems(StructType schema) {
        Map<String, DataType> actual = Arrays.stream(schema.fields())
                .collect(Collectors.toMap(StructField::name, StructField::dataType, (a, b) -> a));
        List<String> problems = new ArrayList<>();
        for (GoldColumn c : columns) {
            DataType t = actual.remove(c.name());
            if (t == null) {
                problems.add("missing column " + c.name());
            } else if (!t.sameType(c.type())) {
                problems.add("column " + c.name() + " is " + t.simpleString() + ", not " + c.type().simpleString());
            }
        }
        actual.keySet().stream().sorted().forEach(n -> problems.add("column " + n + " is not in the contract"));
        return problems;
    }
}

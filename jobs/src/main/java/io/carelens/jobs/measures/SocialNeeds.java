package io.carelens.jobs.measures;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.to_date;

import io.carelens.common.spark.Seqs;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The social-needs building blocks of the SDOH measures: adults seen in the period, their screenings per domain and
 * their positive screens (with the first positive date per domain).
 */
final class SocialNeeds {
    private SocialNeeds() {
    }

    static List<String> valueSets() {
        List<String> ids = new ArrayList<>();
        for (SocialNeedDomain d : SocialNeedDomain.values()) {
            ids.add(d.screeningSet());
            ids.add(d.positiveSet());
        }
        return ids;
    }

    /** Adults (18 or older at the period end) with a finished encounter of any type in the period. */
    static Dataset<Row> adultsSeen(MeasureContext c) {
        return c.shared("sdoh-adultsSeen", () -> adultsSeenOf(c));
    }

    private static Dataset<Row> adultsSeenOf(MeasureContext c) {
        Dataset<Row> seen = c.encounters().where(col("status").equalTo("finished")
                        .and(to_date(col("start_ts")).between(c.period().startDate(), c.period().endDate())))
                .select("person_id");
        return MeasureContext.both(c.agedBetween(c.period().endDate(), 18, null), seen);
    }

    /** Screening answers in the period (final, amended or corrected, with a value), tagged with their domain. */
    static Dataset<Row> screenings(MeasureContext c) {
        return c.shared("sdoh-screenings", () -> screeningsOf(c));
    }

    private static Dataset<Row> screeningsOf(MeasureContext c) {
        Dataset<Row> all = null;
        for (SocialNeedDomain d : SocialNeedDomain.values()) {
            Dataset<Row> rows = c.events(d.screeningSet())
                    .where(Status.observationDone().and(col("value_num").isNotNull().or(col("value_code").isNotNull()))
                            .and(Timing.endsWithin(c.period().startDate(), c.period().endDate())))
                    .withColumn("domain", lit(d.name()));
            all = all == null ? rows : all.unionByName(rows);
        }
        return all;
    }

    /** Persons screened in all five domains in the period. */
    static Dataset<Row> screenedAllDomains(MeasureContext c) {
        return c.shared("sdoh-screenedAllDomains", () -> screenedAllDomainsOf(c));
    }

    private static Dataset<Row> screenedAllDomainsOf(MeasureContext c) {
        return screenings(c).groupBy("person_id").agg(countDistinct("domain").as("domains"))
                .where(col("domains").equalTo(SocialNeedDomain.values().length))
                .select(col("person_id"), lit("screened in all five domains").as("evidence"));
    }

    /** Per person and domain, the first positive screen of the period: (person_id, domain, screen_day). */
    static Dataset<Row> positives(MeasureContext c) {
        return c.shared("sdoh-positives", () -> positivesOf(c));
    }

    private static Dataset<Row> positivesOf(MeasureContext c) {
        Dataset<Row> screens = screenings(c);
        Dataset<Row> positive = null;
        for (SocialNeedDomain d : SocialNeedDomain.values()) {
            Dataset<Row> answers = c.valueEvents(d.positiveSet()).select("record_id");
            Column positiveScore = d == SocialNeedDomain.SAFETY
                    ? col("code").equalTo(SocialNeedDomain.HITS_TOTAL).and(col("value_num").geq(SocialNeedDomain.HITS_POSITIVE_SCORE))
                    : lit(false);
            Dataset<Row> inDomain = screens.where(col("domain").equalTo(d.name()));
            Dataset<Row> byAnswer = inDomain.join(answers, Seqs.of(List.of("record_id")), "left_semi");
            Dataset<Row> rows = byAnswer.unionByName(inDomain.where(positiveScore));
            positive = positive == null ? rows : positive.unionByName(rows);
        }
        return positive.groupBy("person_id", "domain").agg(min(Timing.latestDay()).as("screen_day"));
    }
}

package io.carelens.jobs.measures;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.map;

import io.carelens.common.spark.Seqs;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The social-needs referral loop, from the referral table (person-based, like every CareLens measure):
 * <ul>
 *   <li>SDOH-REFERRAL-30D: adults with a positive screen in the period; numerator: every domain they screened
 *       positive in has a referral for that domain dated 0 to 30 days after the first positive screen;</li>
 *   <li>SDOH-REFERRAL-CLOSED: persons with a referral dated in the period; numerator: every such referral is
 *       closed (has a closed date).</li>
 * </ul>
 * Referrals entered in error do not count.
 */
final class SdohReferral extends Measure {
    private final boolean closed;

    private SdohReferral(boolean closed) {
        this.closed = closed;
    }

    static List<Measure> both() {
        return List.of(new SdohReferral(false), new SdohReferral(true));
    }

    @Override
    public String id() {
        return closed ? "SDOH-REFERRAL-CLOSED" : "SDOH-REFERRAL-30D";
    }

    @Override
    public String title() {
        return closed ? "Social-needs referrals closed" : "Positive social-needs screens referred within 30 days";
    }

    @Override
    public Set<String> valueSets() {
        return new HashSet<>(SocialNeeds.valueSets());
    }

    private static Dataset<Row> referrals(MeasureContext c) {
        return c.referrals().where(col("status").notEqual("entered-in-error"));
    }

    @Override
    public Dataset<Row> initialPopulation(MeasureContext c) {
        if (closed) {
            return referrals(c).where(col("referred_date").between(c.period().startDate(), c.period().endDate()))
                    .select("person_id");
        }
        return MeasureContext.both(SocialNeeds.positives(c), SocialNeeds.adultsSeen(c));
    }

    @Override
    public Dataset<Row> numerator(MeasureContext c) {
        if (closed) {
            Dataset<Row> inPeriod = referrals(c).where(col("referred_date").between(c.period().startDate(), c.period().endDate()));
            Dataset<Row> open = inPeriod.where(col("closed_date").isNull());
            return MeasureContext.without(inPeriod, open).withColumn("evidence", lit("all referrals closed"));
        }
        Dataset<Row> positives = SocialNeeds.positives(c);
        List<String> key = List.of("person_id", "domain");
        Dataset<Row> refs = referrals(c).select(col("person_id"), col("referred_date"), domainOf(col("domain")).as("domain"));
        Dataset<Row> referredPairs = positives.join(refs, Seqs.of(key))
                .where(col("referred_date").between(col("screen_day"), date_add(col("screen_day"), 30)))
                .select("person_id", "domain").distinct();
        Dataset<Row> unreferred = positives.join(referredPairs, Seqs.of(key), "left_anti");
        return MeasureContext.without(positives, unreferred)
                .withColumn("evidence", lit("every positive domain referred within 30 days"));
    }

    /** Maps the referral table's domain names to {@link SocialNeedDomain} names. */
    private static Column domainOf(Column referralDomain) {
        List<Column> entries = new ArrayList<>();
        for (SocialNeedDomain d : SocialNeedDomain.values()) {
            entries.add(lit(d.referralDomain()));
            entries.add(lit(d.name()));
        }
        return element_at(map(entries.toArray(Column[]::new)), lower(referralDomain));
    }
}

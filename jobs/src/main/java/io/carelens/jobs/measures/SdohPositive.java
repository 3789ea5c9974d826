package io.carelens.jobs.measures;

import static org.apache.spark.sql.functions.col;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * SDOH-2-&lt;DOMAIN&gt;, after CMS "Screen Positive Rate for SDOH": of the adults screened for all five domains, the
 * share screening positive in one domain.
 */
final class SdohPositive extends Measure {
    private final SocialNeedDomain domain;

    SdohPositive(SocialNeedDomain domain) {
        this.domain = domain;
    }

    static List<Measure> perDomain() {
        return Arrays.stream(SocialNeedDomain.values()).map(d -> (Measure) new SdohPositive(d)).toList();
    }

    @Override
    public String id() {
        return "SDOH-2-" + domain.suffix();
    }

    @Override
    public String title() {
        return "Screen Positive Rate for SDOH: " + domain.referralDomain().replace('_', ' ');
    }

    @Override
    public Set<String> valueSets() {
        return new HashSet<>(SocialNeeds.valueSets());
    }

    @Override
    public Dataset<Row> initialPopulation(MeasureContext c) {
        return SocialNeeds.adultsSeen(c);
    }

    @Override
    public Optional<Dataset<Row>> denominator(MeasureContext c) {
        return Optional.of(SocialNeeds.screenedAllDomains(c));
    }

    @Override
    public Dataset<Row> numerator(MeasureContext c) {
        return SocialNeeds.positives(c).where(col("domain").equalTo(domain.name()))
                .select(col("person_id"), SharedExclusions.evidence("screened positive", col("screen_day")).as("evidence"));
    }
}

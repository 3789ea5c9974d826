package io.carelens.jobs.privacy;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.carelens.common.config.ConfigurationException;
import io.carelens.common.privacy.Pseudonymizer;
import io.carelens.jobs.testing.SharedSpark;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class PseudonymizerTest {
    @Test
    void sparkExpressionEqualsJavaHmacSha256ForShortAndLongKeys() throws Exception {
        for (String key : List.of("a-sixteen-char-k", "k".repeat(100))) {
            List<String> ids = List.of("p1", "8956ebb5-d3c0-4112-a34a-200961713efd", "");
            List<Row> rows = SharedSpark.spark().createDataset(ids, Encoders.STRING()).toDF("id")
                    .select(col("id"), new Pseudonymizer(key).pseudonym(col("id")).as("h")).collectAsList();
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            for (Row r : rows) {
                String expected = HexFormat.of().formatHex(mac.doFinal(r.getString(0).getBytes(StandardCharsets.UTF_8)));
                assertEquals(expected, r.getString(1));
            }
        }
    }

    @Test
    void differentKeysGiveDifferentPseudonymsAndAShortKeyIsRefused() {
        String a = SharedSpark.spark().sql("select 'p1' as id")
                .select(new Pseudonymizer("key-number-one-123").pseudonym(col("id"))).head().getString(0);
        String b = SharedSpark.spark().sql("select 'p1' as id")
                .select(new Pseudonymizer("key-number-two-123").pseudonym(col("id"))).head().getString(0);
        assertNotEquals(a, b);
        assertThrows(ConfigurationException.class, () -> new Pseudonymizer("short"));
    }
}

package io.carelens.common.spark;

import java.util.List;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/** Java lists as the Scala sequences some Dataset methods (join on columns) take. */
public final class Seqs {
    private Seqs() {
    }

    public static <T> Seq<T> of(List<T> list) {
        return JavaConverters.asScalaBuffer(list).toSeq();
    }
}

///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS org.msde4j:msde4j-spark:0.1.0-SNAPSHOT
//DEPS org.apache.spark:spark-sql_2.13:4.0.1
//JAVA_OPTIONS -Xmx4g -Dai.djl.offline=true -XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true

/**
 * msde-spark-score: scores an archive of images on Apache Spark (master local[*] here; on a cluster,
 * spark-submit the shaded jar, docs/spark.md).
 */
public class MsdeSparkScore {
    public static void main(String[] args) {
        org.msde4j.spark.SparkScoreCommand.main(args);
    }
}

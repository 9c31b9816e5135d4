///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS org.msde4j:msde4j-bench:0.1.0-SNAPSHOT
//JAVA_OPTIONS -Xmx4g -Dai.djl.offline=true

/** msde-bench: runs the benchmark mains of msde4j and prints their tables. */
public class MsdeBenchCli {
    public static void main(String[] args) throws Exception {
        org.msde4j.bench.BenchCommand.main(args);
    }
}

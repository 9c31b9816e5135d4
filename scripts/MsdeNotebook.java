///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS org.msde4j:msde4j-notebook:0.1.0-SNAPSHOT

/** msde-notebook: runs notebooks headlessly and writes their outputs back (see docs/notebooks.md). */
public class MsdeNotebook {
    public static void main(String[] args) throws Exception {
        org.msde4j.notebook.Main.main(args);
    }
}

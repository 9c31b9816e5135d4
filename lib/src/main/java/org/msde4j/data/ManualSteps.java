package org.msde4j.data;

import java.nio.file.Path;
import java.util.Locale;

/** The instructions a person follows to get a dataset by hand, written from its manifest. */
final class ManualSteps {

    private ManualSteps() {
    }

    static String text(Manifest m, Path folder) {
        StringBuilder out = new StringBuilder();
        out.append(m.title()).append(" (").append(m.id()).append(")\n");
        if (m.access() != null) {
            out.append("Access: ").append(m.access().kind().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                    .append(" — ").append(m.access().conditions()).append('\n');
        }
        if (m.licence() != null) {
            out.append("Licence: ").append(m.licence().name())
                    .append(m.licence().url() == null ? "" : " <" + m.licence().url() + ">")
                    .append(m.licence().verified() ? "" : " (unverified)").append('\n');
        }
        int n = 1;
        for (Manifest.Source s : m.sources()) {
            out.append("\nOption ").append(n++).append(": ").append(s.name()).append(" [")
                    .append(s.kind().name().toLowerCase(Locale.ROOT)).append("]")
                    .append(s.homepage() == null ? "" : " <" + s.homepage() + ">").append('\n');
            for (Manifest.RemoteFile f : s.files()) {
                out.append("  file: ").append(f.url()).append(" → ").append(f.file())
                        .append(f.sizeBytes() == null ? "" : ", " + f.sizeBytes() + " bytes")
                        .append(f.sha256() == null ? ", no checksum known" : ", SHA-256 " + f.sha256())
                        .append(f.verified() ? "" : " (unverified)").append('\n');
            }
            int step = 1;
            for (String line : s.steps()) {
                out.append("  ").append(step++).append(". ").append(line).append('\n');
            }
            if (s.kind() == Manifest.SourceKind.DOWNLOAD) {
                out.append("  msde4j downloads this one itself: DataCatalog.fetch(\"").append(m.id()).append("\", …)\n");
            }
            if (!".".equals(s.root())) {
                out.append("  The dataset is the folder ").append(s.root()).append("/ inside the unpacked files.\n");
            }
            if (s.note() != null) {
                out.append("  Note: ").append(s.note()).append('\n');
            }
        }
        out.append("\nPut the files in ").append(folder).append(" so that it holds ").append(m.layout().describe())
                .append(".\nExpected: ").append(m.splits().counts())
                .append(m.splits().verified() ? "" : " (unverified: " + m.splits().note() + ")")
                .append(".\nThen check it: DataCatalog.builtIn().verify(\"").append(m.id()).append("\")\n");
        if (!m.citations().isEmpty()) {
            out.append("Cite: ").append(String.join("; ", m.citations())).append('\n');
        }
        return out.toString();
    }
}

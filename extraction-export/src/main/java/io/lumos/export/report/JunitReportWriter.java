package io.lumos.export.report;

import io.lumos.domain.diff.DatasetDiff;
import io.lumos.domain.diff.Downstream;
import io.lumos.domain.diff.Finding;
import io.lumos.domain.diff.GateReport;
import io.lumos.spi.report.DiffReportWriter;
import io.lumos.spi.report.ReportOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML for Jenkins and other CI (buf/oasdiff mapping): a testsuite per dataset, a testcase per
 * finding, a failure for each blocking one, skipped for ignored ones. A clean run still writes one
 * passing case, so a {@code junit} step without {@code allowEmptyResults} does not fail.
 */
public final class JunitReportWriter implements DiffReportWriter {
    @Override
    public String format() {
        return "junit";
    }

    @Override
    public String extension() {
        return "xml";
    }

    @Override
    public String description() {
        return "diff/gate report as JUnit XML: a suite per dataset, a case per finding";
    }

    @Override
    public void write(GateReport report, OutputStream out, ReportOptions options) throws IOException {
        Map<String, List<Finding>> findings = new TreeMap<>();
        Map<String, List<GateReport.Ignored>> ignored = new TreeMap<>();
        for (DatasetDiff d : report.datasets()) {
            findings.computeIfAbsent(d.dataset().shortName(), k -> new ArrayList<>())
                    .addAll(d.findings());
        }
        for (GateReport.Ignored i : report.ignored()) {
            ignored.computeIfAbsent(i.finding().dataset().shortName(), k -> new ArrayList<>())
                    .add(i);
            findings.computeIfAbsent(i.finding().dataset().shortName(), k -> new ArrayList<>());
        }
        findings.values().removeIf(List::isEmpty);
        ignored.keySet().forEach(k -> findings.putIfAbsent(k, new ArrayList<>()));
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            x.writeAttribute("name", "lumos schema gate");
            long total = (long) report.findings().size() + report.ignored().size();
            x.writeAttribute("tests", Long.toString(Math.max(total, 1)));
            x.writeAttribute("failures", Long.toString(report.blockingCount()));
            x.writeCharacters("\n");
            if (findings.isEmpty()) {
                x.writeStartElement("testsuite");
                x.writeAttribute("name", "lumos");
                x.writeAttribute("tests", "1");
                x.writeAttribute("failures", "0");
                x.writeAttribute("skipped", "0");
                x.writeEmptyElement("testcase");
                x.writeAttribute("classname", "lumos");
                x.writeAttribute("name", "no schema changes");
                x.writeEndElement();
                x.writeCharacters("\n");
            }
            for (Map.Entry<String, List<Finding>> e : findings.entrySet()) {
                List<Finding> list = e.getValue();
                List<GateReport.Ignored> skipped = ignored.getOrDefault(e.getKey(), List.of());
                long failures = list.stream().filter(report::blocking).count();
                x.writeStartElement("testsuite");
                x.writeAttribute("name", e.getKey());
                x.writeAttribute("tests", Integer.toString(list.size() + skipped.size()));
                x.writeAttribute("failures", Long.toString(failures));
                x.writeAttribute("skipped", Integer.toString(skipped.size()));
                x.writeCharacters("\n");
                for (Finding f : list) {
                    x.writeStartElement("testcase");
                    x.writeAttribute("classname", e.getKey());
                    x.writeAttribute("name", name(f));
                    if (report.blocking(f)) {
                        x.writeStartElement("failure");
                        x.writeAttribute("type", f.ruleId());
                        x.writeAttribute("message", f.message());
                        x.writeCharacters(details(f));
                        x.writeEndElement();
                    } else {
                        x.writeStartElement("system-out");
                        x.writeCharacters(f.severity().name() + ": " + details(f));
                        x.writeEndElement();
                    }
                    x.writeEndElement();
                    x.writeCharacters("\n");
                }
                for (GateReport.Ignored i : skipped) {
                    x.writeStartElement("testcase");
                    x.writeAttribute("classname", e.getKey());
                    x.writeAttribute("name", name(i.finding()));
                    x.writeEmptyElement("skipped");
                    x.writeAttribute("message", "ignored: " + i.entry().reason());
                    x.writeEndElement();
                    x.writeCharacters("\n");
                }
                x.writeEndElement();
                x.writeCharacters("\n");
            }
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.flush();
        } catch (XMLStreamException e) {
            throw new IOException("could not write the JUnit report: " + e.getMessage(), e);
        }
        out.flush();
    }

    private static String name(Finding f) {
        return f.ruleId() + (f.path().isEmpty() ? "" : " " + f.path());
    }

    private static String details(Finding f) {
        StringBuilder s = new StringBuilder(f.message());
        if (f.before() != null || f.after() != null) {
            s.append("\nbefore: ").append(f.before()).append("\nafter: ").append(f.after());
        }
        for (Downstream d : f.downstream()) {
            s.append("\nbreaks ").append(Reports.downstreamText(d));
        }
        if (f.hint() != null) {
            s.append("\nhint: ").append(f.hint());
        }
        return s.toString();
    }
}

/**
 * The port for diff and gate report writers ({@code lumos diff/gate -f FORMAT}): register an
 * implementation of {@link io.lumos.spi.report.DiffReportWriter} in
 * {@code META-INF/services/io.lumos.spi.report.DiffReportWriter}.
 */
package io.lumos.spi.report;

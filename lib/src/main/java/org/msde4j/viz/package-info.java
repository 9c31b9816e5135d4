/**
 * Figures (tablesaw-jsplot / Plotly) and self-contained HTML reports that open offline.
 */
package org.msde4j.viz;

/**
 * One report model ({@link Report}, one {@link BuildReport} per build, one record per section)
 * built from a triage run's trace and evidence, and one renderer per output format over it.
 * {@link ReportBuilder} only orders the sections; each section has its own small builder
 * ({@code HypothesesSection}, {@code DiagnosisSection}, {@code WhyNotSection}, {@code FixSection},
 * {@code UncheckedSection}, {@code ConfigFindingsSection}, {@code WhatIfSection},
 * {@code CountsSection}, {@code KeyNumbersSection}, {@code EvidenceSection}, {@code ChartsSection},
 * {@code ReasoningSection}, {@code RetrofitSection}). The JSON form is written by Jackson over the
 * records ({@link JsonRenderer}) and documented in docs/json-reference.md; field names are the snake_case of
 * the record components and null fields are left out. A config block set inside a text, Markdown
 * or HTML report is written by {@link InlineJson}.
 */
package io.posmortem.report;

/**
 * One report model ({@link Report}) built from a triage run's trace and evidence, and one
 * renderer per output format over it. The JSON form is documented in the README; field names
 * are the snake_case of the record components.
 */
package io.posmortem.report;

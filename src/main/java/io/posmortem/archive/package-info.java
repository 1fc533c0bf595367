/**
 * The incident archive: every triage kept in a database (SQLite by default, PostgreSQL when
 * shared) with the input as submitted, the verdicts, the compressed report and trace, and the
 * fingerprints of the rules and knowledge base that gave them; the causes engineers confirm; a
 * replay of the archive against another rule pack; and the calibration of the confidences
 * measured on the confirmed incidents. Schema versions are Flyway migrations in
 * {@code src/main/resources/db/archive/}; every query is parameterised.
 */
package io.posmortem.archive;

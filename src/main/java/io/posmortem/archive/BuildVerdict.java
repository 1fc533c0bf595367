package io.posmortem.archive;

/**
 * What the report concluded about one build of an archived incident.
 *
 * @param verdict    {@code diagnosed}, {@code not-positional}, {@code insufficient-evidence} or {@code not-explained}
 * @param hypothesis the leading hypothesis, or null
 * @param confidence its certainty factor, or null
 * @param fix        the first recommended fix, or null
 */
public record BuildVerdict(String build, String verdict, String hypothesis, Double confidence, String fix) {}

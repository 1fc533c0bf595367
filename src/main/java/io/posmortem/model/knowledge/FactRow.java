package io.posmortem.model.knowledge;

import java.util.List;

/**
 * A row of knowledge-base/runtime-facts.yaml: when a build's facts are in the states its
 * conditions name, each candidate among {@code hypotheses} gets a support of {@code weight}.
 *
 * @param id         the support's rule id in reports and traces (e.g. {@code match.runtime.base-differs})
 * @param fact       the fact whose sentence explains the support
 * @param decisive   the fact directly shows the mechanism misapplied (see {@link Support#decisive()})
 * @param reading    what the fact means for the hypotheses, appended to the fact's sentence
 */
public record FactRow(String id, List<String> hypotheses, String fact, double weight, boolean decisive, String reading) implements java.io.Serializable {}

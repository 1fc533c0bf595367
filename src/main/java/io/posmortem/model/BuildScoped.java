package io.posmortem.model;

/** A fact that belongs to one build of a symptom file; reports and traces group facts by it. */
public interface BuildScoped {
    String build();
}

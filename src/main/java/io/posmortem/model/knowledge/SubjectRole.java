package io.posmortem.model.knowledge;

/** Why a subject's numbers were computed: as a candidate explanation of a build, or as a proposed fix. */
public enum SubjectRole { CANDIDATE, FIX }

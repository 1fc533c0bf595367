package io.posmortem.model;

/** What an observation (or a prediction) says happened to a capability, relative to the baseline. */
public enum Outcome { DEGRADED, PRESERVED, IMPROVED }

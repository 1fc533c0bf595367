package io.posmortem.report;

/** A number worth seeing next to the answer: what it is about and what it says. */
public record KeyNumber(String about, String text) {}

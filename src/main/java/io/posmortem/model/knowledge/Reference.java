package io.posmortem.model.knowledge;

/** A literature entry rules and knowledge cite by id. */
public record Reference(String id, String citation, String url, String note) implements java.io.Serializable {}

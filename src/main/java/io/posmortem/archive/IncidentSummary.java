package io.posmortem.archive;

import java.time.Instant;
import java.util.List;

/**
 * One archived incident as {@code history} lists it.
 *
 * @param source       who or what submitted it ({@code --source}, or the client address in the service), or null
 * @param model        the model's name as the input gives it, or null
 * @param fingerprint  SHA-256 over the rules, knowledge base and version that triaged it
 */
public record IncidentSummary(long id, Instant triagedAt, String source, String input, String inputSha256, String title, String model,
        String rulesFingerprint, String knowledgeBaseFingerprint, String fingerprint, String version, List<BuildVerdict> verdicts,
        List<Confirmation> confirmations) {}

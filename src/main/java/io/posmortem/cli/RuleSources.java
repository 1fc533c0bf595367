package io.posmortem.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The rule pack and knowledge base a command reads: {@code --rules DIR} and {@code --kb DIR}. */
final class RuleSources {

    @Option(names = "--rules", paramLabel = "DIR", defaultValue = "rules", description = "Rule directory (default: ${DEFAULT-VALUE}).")
    Path rules = Path.of("rules");

    @Option(names = "--kb", paramLabel = "DIR", defaultValue = "knowledge-base", description = "Knowledge-base directory (default: ${DEFAULT-VALUE}).")
    Path kb = Path.of("knowledge-base");

    Triage load() throws io.posmortem.knowledge.KnowledgeBaseException, io.posmortem.inference.RulePackException {
        return Triage.load(rules, kb);
    }
}

package io.posmortem.cli;

import io.posmortem.engine.PackLocation;
import io.posmortem.engine.Triage;
import io.posmortem.inference.SessionLimits;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The rule pack and knowledge base a command reads ({@code --rules DIR}, {@code --kb DIR}, else
 * as {@link PackLocation} resolves them) and
 * what one rule session may use ({@code --rule-timeout S}, {@code --rule-memory MB}).
 */
final class RuleSources {

    /** The longest --rule-timeout accepted: one day. */
    static final long MAX_RULE_TIMEOUT_SECONDS = 86_400;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec mixee;

    @Option(names = "--rules", paramLabel = "DIR",
            description = "Rule directory (default: $POSMORTEM_RULES, else ./rules when ./rules and ./knowledge-base exist, else the bundled rules).")
    Path rules;

    @Option(names = "--kb", paramLabel = "DIR",
            description = "Knowledge-base directory (default: $POSMORTEM_KB, else ./knowledge-base when ./rules and ./knowledge-base exist, else the bundled knowledge base).")
    Path kb;

    /** The rule and knowledge-base directories after the resolution order of {@link PackLocation}. */
    PackLocation location() {
        return PackLocation.resolve(rules, kb);
    }

    Duration ruleTimeout = SessionLimits.DEFAULT_TIME;

    Long ruleMemoryMb;

    @Option(names = "--rule-timeout", paramLabel = "S", defaultValue = "60",
            description = "Seconds the rules may run over one build before the session is stopped (inference.timeout; default: ${DEFAULT-VALUE}).")
    void ruleTimeout(double seconds) {
        if (!(seconds > 0) || seconds > MAX_RULE_TIMEOUT_SECONDS) {
            throw new CommandLine.ParameterException(mixee.commandLine(),
                    "--rule-timeout must be more than 0 and at most " + MAX_RULE_TIMEOUT_SECONDS + " seconds, got " + seconds);
        }
        ruleTimeout = Duration.ofNanos(Math.max(1_000_000L, (long) (seconds * 1e9)));
    }

    @Option(names = "--rule-memory", paramLabel = "MB",
            description = "Megabytes one rule session may allocate before it is stopped (inference.memory; default: a quarter of the maximum heap).")
    void ruleMemory(long megabytes) {
        long min = SessionLimits.MIN_MEMORY >> 20;
        if (megabytes < min || megabytes > (Long.MAX_VALUE >> 20)) {
            throw new CommandLine.ParameterException(mixee.commandLine(), "--rule-memory must be at least " + min + " MB, got " + megabytes);
        }
        ruleMemoryMb = megabytes;
    }

    /** The per-session limits from --rule-timeout and --rule-memory. */
    SessionLimits limits() {
        SessionLimits limits = SessionLimits.defaults().withTime(ruleTimeout);
        return ruleMemoryMb == null ? limits : limits.withMemory(ruleMemoryMb << 20);
    }

    Triage load() throws io.posmortem.knowledge.KnowledgeBaseException, io.posmortem.inference.RulePackException {
        return Triage.load(location().rules(), location().kb()).withSessionLimits(limits());
    }
}

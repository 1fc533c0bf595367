package io.posmortem.inference;

import io.posmortem.knowledge.KnowledgeBase;
import io.posmortem.model.Layer;
import io.posmortem.model.Problem;
import io.posmortem.model.Spelling;
import io.posmortem.trace.RuleInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderConfiguration;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.builder.ResultSeverity;
import org.kie.internal.builder.conf.PropertySpecificOption;
import org.kie.internal.io.ResourceFactory;

/**
 * The compiled rule base: every {@code .drl} file under a directory (read at run time from disk,
 * or from posmortem's jar for the bundled pack),
 * with each rule's metadata checked against the rule contract (rules/README.md):
 * {@code @id} unique; {@code @layer} one of the four layers, with a salience inside the layer's
 * band; {@code @hypothesis} a knowledge-base hypothesis or {@code any}; {@code @weight} a number
 * in [-1, 1]; {@code @explanation} non-empty; {@code @reference} a literature id; every
 * {@code Threshold(id == "...")} naming a knowledge-base threshold.
 */
public final class RulePack {

    static final List<String> REQUIRED_METADATA = List.of("id", "layer", "hypothesis", "explanation", "reference");
    /** Metadata a rule may carry besides the required keys: @weight (matching rules only, where it is required) and @coverage. */
    static final List<String> OPTIONAL_METADATA = List.of("weight", "coverage");

    private final KieBase kieBase;
    private final Map<String, RuleInfo> rulesById;
    private final Map<String, String> idByName;
    /** The id of each rule object of the rule base (the ones a firing names), filled once, only read after. */
    private final Map<Rule, String> idByRule = new java.util.IdentityHashMap<>();
    private final String fingerprint;
    private final IdleSessions sessions;

    private RulePack(KieBase kieBase, Map<String, RuleInfo> rulesById, Map<String, String> idByName, String fingerprint) {
        this.fingerprint = fingerprint;
        this.kieBase = kieBase;
        this.sessions = new IdleSessions(kieBase, Math.max(2, Runtime.getRuntime().availableProcessors()));
        this.rulesById = Collections.unmodifiableMap(rulesById);
        this.idByName = Collections.unmodifiableMap(idByName);
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) idByRule.put(rule, idOfName(rule));
        }
    }

    public KieBase kieBase() {
        return kieBase;
    }

    /** Sessions of this pack's rule base kept between builds (one per core at most). */
    IdleSessions sessions() {
        return sessions;
    }

    /** Rule id -> metadata, in file and line order. */
    public Map<String, RuleInfo> rules() {
        return rulesById;
    }

    /**
     * Rule id whose generated code a stack frame of class {@code className} belongs to, or null.
     * Drools compiles each rule's consequence and {@code eval}s into classes named after one stem
     * per rule ({@code Rule_<name>_<hash>}, its invokers {@code Rule_<name>_<hash>...Invoker}).
     */
    String ruleOfFrame(String className) {
        Map<String, String> stems = classStems;
        if (stems == null) classStems = stems = classStems();
        for (var e : stems.entrySet()) {
            if (className.startsWith(e.getKey())) return e.getValue();
        }
        return null;
    }

    /**
     * Ids of rules (in pack order) whose condition joins at least two patterns without any
     * constraint to the first: the join builds every combination of the facts those patterns
     * match, which grows as the power of the number of facts.
     */
    List<String> crossJoins() {
        List<String> ids = new ArrayList<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                if (!(rule instanceof RuleImpl impl) || impl.getLhs() == null || !impl.getLhs().isAnd()) continue;
                int patterns = 0;
                int unconstrained = 0;
                for (var element : impl.getLhs().getChildren()) {
                    if (!(element instanceof org.drools.base.rule.Pattern pattern)) continue;
                    patterns++;
                    // a pattern over a 'from' or 'accumulate' source matches what that source gives, not working memory
                    if (patterns > 1 && pattern.getSource() == null && pattern.getConstraints().isEmpty()) unconstrained++;
                }
                if (unconstrained >= 2) ids.add(idOf(rule));
            }
        }
        List<String> ordered = new ArrayList<>(rulesById.keySet());
        ordered.retainAll(ids);
        return ordered;
    }

    private volatile Map<String, String> classStems;

    private Map<String, String> classStems() {
        Map<String, String> stems = new LinkedHashMap<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                if (!(rule instanceof RuleImpl impl) || impl.getConsequence() == null) continue;
                String name = impl.getConsequence().getClass().getName();
                Matcher m = GENERATED_STEM.matcher(name);
                if (m.find()) stems.put(name.substring(0, m.end()), idOf(rule));
            }
        }
        return Map.copyOf(stems);
    }

    private static final Pattern GENERATED_STEM = Pattern.compile("^(?:.*\\.)?Rule_[A-Za-z0-9_$]*?_?[0-9a-f]{6,}(?=[A-Z]|$)");

    /** Rule id of a DRL rule name (names are unique within a package; ids across the pack). */
    String idOf(Rule rule) {
        String id = idByRule.get(rule);
        return id != null ? id : idOfName(rule);
    }

    private String idOfName(Rule rule) {
        return idByName.getOrDefault(rule.getPackageName() + "." + rule.getName(), rule.getName());
    }

    /** Loads the rules in {@code dir}: {@link #compile} then {@link Compiled#against}. */
    public static RulePack load(Path dir, KnowledgeBase kb) throws RulePackException {
        return compile(dir).against(kb);
    }

    /**
     * The rules in {@code dir} read from the compiled-rule cache, or compiled (and cached); syntax and
     * compile errors are thrown here, every one found. Needs no knowledge base, so a caller may load
     * that at the same time and check the rules against it afterwards.
     */
    public static Compiled compile(Path dir) throws RulePackException {
        List<Path> files = ruleFiles(dir);
        Map<Path, String> sources = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        for (Path file : files) {
            try {
                sources.put(file, Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                problems.add(new Problem("rules.unreadable", file.toString(), "", 0, 0, "cannot read: " + e.getMessage(), null, null));
            }
        }
        if (!problems.isEmpty()) throw new RulePackException(problems);

        String fingerprint = fingerprint(dir, sources);
        KieBase kieBase = CompiledRuleCache.read(dir, fingerprint, System.err);
        if (kieBase == null) {
            KnowledgeBuilder builder = newBuilder();
            for (Path file : files) builder.add(resource(file, sources.get(file)), ResourceType.DRL);
            if (builder.hasErrors()) {
                // One syntax error can hide a file's other errors and another file's: compile each on its own.
                for (Path file : files) problems.addAll(compileErrors(file, sources.get(file)));
                if (problems.isEmpty()) problems.addAll(errors(builder, files, sources));
                throw new RulePackException(problems);
            }
            kieBase = builder.newKieBase();
            CompiledRuleCache.write(dir, fingerprint, kieBase);
        }
        return new Compiled(files, sources, fingerprint, kieBase);
    }

    /**
     * Compiled rules not yet checked against a knowledge base.
     *
     * @param files   the rule files, in the order they were compiled
     * @param sources each file's text
     */
    public record Compiled(List<Path> files, Map<Path, String> sources, String fingerprint, KieBase kieBase) {
        /** Checks every rule's metadata, threshold references and fact vocabulary against {@code kb}; every problem found is thrown at once. */
        public RulePack against(KnowledgeBase kb) throws RulePackException {
            List<Problem> problems = new ArrayList<>();
            Map<String, RuleInfo> byId = new LinkedHashMap<>();
            Map<String, String> idByName = new LinkedHashMap<>();
            List<RuleInfo> infos = new ArrayList<>();
            Map<Rule, Path> ruleFiles = new LinkedHashMap<>();
            for (KiePackage pkg : kieBase.getKiePackages()) {
                for (Rule rule : pkg.getRules()) {
                    Path file = fileOf(rule, files);
                    ruleFiles.put(rule, file);
                    String source = sources.getOrDefault(file, "");
                    int line = lineOf(source, rule.getName());
                    RuleInfo info = metadata(rule, file, line, kb, problems);
                    if (info == null) continue;
                    if (byId.containsKey(info.id())) {
                        RuleInfo other = byId.get(info.id());
                        problems.add(problem("rules.duplicate-id", file, line, "rule id '" + info.id() + "' is also used by "
                                + other.file() + ":" + other.line(), "give every rule its own @id"));
                        continue;
                    }
                    byId.put(info.id(), info);
                    idByName.put(rule.getPackageName() + "." + rule.getName(), info.id());
                    infos.add(info);
                }
            }
            for (Path file : files) problems.addAll(thresholdReferences(file, sources.get(file), kb));
            problems.addAll(RuleVocabulary.check(sources, ruleFiles, kb));
            if (!problems.isEmpty()) throw new RulePackException(problems);

            infos.sort((a, b) -> a.file().equals(b.file()) ? Integer.compare(a.line(), b.line()) : a.file().compareTo(b.file()));
            Map<String, RuleInfo> ordered = new LinkedHashMap<>();
            infos.forEach(i -> ordered.put(i.id(), i));
            return new RulePack(kieBase, ordered, idByName, fingerprint);
        }
    }

    /** SHA-256 over every rule file's path (relative to the rule directory, in path order) and bytes. */
    public String fingerprint() {
        return fingerprint;
    }

    private static String fingerprint(Path dir, Map<Path, String> sources) {
        java.security.MessageDigest digest = io.posmortem.model.Sha256.digest();
        List<Path> paths = new ArrayList<>(sources.keySet());
        paths.sort(java.util.Comparator.comparing(p -> dir.relativize(p).toString().replace('\\', '/')));
        for (Path p : paths) {
            digest.update(dir.relativize(p).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(sources.get(p).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
        return io.posmortem.model.Sha256.hex(digest);
    }

    /**
     * A builder with property reactivity off: every fact is an immutable record that no rule ever
     * modifies, so tracking which properties a pattern reacts to buys nothing (and Drools warns
     * about constraints that reference other patterns' variables).
     */
    private static KnowledgeBuilder newBuilder() {
        KnowledgeBuilderConfiguration conf = KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration();
        conf.setOption(PropertySpecificOption.ALLOWED);
        return KnowledgeBuilderFactory.newKnowledgeBuilder(conf);
    }

    static List<Path> ruleFiles(Path dir) throws RulePackException {
        if (!Files.isDirectory(dir)) {
            throw new RulePackException(List.of(new Problem("rules.missing", dir.toString(), "", 0, 0,
                    "rules directory not found", "a directory of .drl files", "pass --rules DIR or run from the project root")));
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> files = walk.filter(p -> p.toString().endsWith(".drl") && Files.isRegularFile(p)).sorted().toList();
            if (files.isEmpty()) {
                throw new RulePackException(List.of(new Problem("rules.empty", dir.toString(), "", 0, 0,
                        "no .drl files", "at least one rule file", null)));
            }
            return files;
        } catch (IOException e) {
            throw new RulePackException(List.of(new Problem("rules.unreadable", dir.toString(), "", 0, 0, e.getMessage(), null, null)));
        }
    }

    private static List<Problem> compileErrors(Path file, String source) {
        KnowledgeBuilder single = newBuilder();
        single.add(resource(file, source), ResourceType.DRL);
        return single.hasErrors() ? errors(single, List.of(file), Map.of(file, source)) : List.of();
    }

    /**
     * A rule file as a Drools resource whose source path is the file's path as given: a file on disk
     * as such, a file inside posmortem's jar (the bundled pack) by its text.
     */
    private static org.kie.api.io.Resource resource(Path file, String source) {
        if (file.getFileSystem() == java.nio.file.FileSystems.getDefault()) return ResourceFactory.newFileResource(file.toFile());
        org.kie.api.io.Resource resource = ResourceFactory.newByteArrayResource(source.getBytes(StandardCharsets.UTF_8));
        resource.setSourcePath(file.toString());
        resource.setResourceType(ResourceType.DRL);
        return resource;
    }

    private static final Pattern PARSER_POSITION = Pattern.compile("Line (\\d+):(\\d+)");
    private static final Pattern MVEL_POSITION = Pattern.compile("\\[Line: (\\d+), Column: (\\d+)]");

    private static final Pattern FIELD_READER = Pattern.compile("Field Reader does not exist for declaration '[^']*' in '[^:']*:\\s*(\\w+)");
    private static final Pattern STRICT_METHOD = Pattern.compile("unable to resolve method using strict-mode: [\\w.$]+\\.(\\w+)\\(\\)");
    private static final Pattern UNRESOLVED_VARIABLE = Pattern.compile("(\\$\\w+) cannot be resolved to a variable");

    /** The builder's errors as problems located in the files as given, with hints where one is possible. */
    private static List<Problem> errors(KnowledgeBuilder builder, List<Path> files, Map<Path, String> sources) {
        List<Problem> out = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        for (KnowledgeBuilderError error : builder.getErrors()) {
            if (error.getSeverity() == ResultSeverity.ERROR) messages.add(error.getMessage());
        }
        for (KnowledgeBuilderError error : builder.getErrors()) {
            if (error.getSeverity() != ResultSeverity.ERROR) continue;
            String message = error.getMessage();
            if (message.contains("Parser returned a null Package")) continue; // consequence of an error already listed
            Matcher unresolved = UNRESOLVED_VARIABLE.matcher(message);
            if (unresolved.find() && isConsequenceOfFieldError(unresolved.group(1), messages)) continue;
            Path file = given(error, files);
            int line = error.getLines().length > 0 ? error.getLines()[0] : 0;
            int column = 0;
            Matcher parser = PARSER_POSITION.matcher(message);
            Matcher mvel = MVEL_POSITION.matcher(message);
            if (parser.find()) {
                line = Integer.parseInt(parser.group(1));
                column = Integer.parseInt(parser.group(2)) + 1;
            } else if (mvel.find()) {
                column = Integer.parseInt(mvel.group(2));
            }
            String source = sources.getOrDefault(file, "");
            String field = unknownField(message);
            String hint = field == null ? syntaxHint(message) : fieldHint(field, source, line);
            if (field != null && column == 0) column = columnOf(field, source, line);
            out.add(new Problem("rules.compile", file.toString(), "", Math.max(line, 0), column, compact(message), null, hint));
        }
        out.sort((a, b) -> a.source().equals(b.source()) ? Integer.compare(a.line(), b.line()) : a.source().compareTo(b.source()));
        return out;
    }

    /** The field a compile error says does not exist, or null. */
    private static String unknownField(String message) {
        Matcher m = FIELD_READER.matcher(message);
        if (m.find()) return m.group(1);
        Matcher strict = STRICT_METHOD.matcher(message);
        return strict.find() ? strict.group(1) : null;
    }

    /** 1-based column of {@code word} on a source line, or 0. */
    private static int columnOf(String word, String source, int line) {
        String[] lines = source.split("\n", -1);
        if (line <= 0 || line > lines.length) return 0;
        Matcher m = Pattern.compile("\\b" + Pattern.quote(word) + "\\b").matcher(lines[line - 1]);
        return m.find() ? m.start() + 1 : 0;
    }

    private static String syntaxHint(String message) {
        if (message.contains("mismatched input 'then'")) return "a pattern in the when part is not closed: check its parentheses";
        if (message.contains("mismatched input 'end'")) return "the then part is not closed: check braces and semicolons";
        return null;
    }

    /** A "$x cannot be resolved" in a consequence that only follows from $x's pattern failing to compile. */
    private static boolean isConsequenceOfFieldError(String variable, List<String> messages) {
        return messages.stream().anyMatch(m -> m.contains("declaration '" + variable + "'") || m.contains(variable + " :"));
    }

    /** The rule file as given on the command line for a builder error's resource. */
    private static Path given(KnowledgeBuilderError error, List<Path> files) {
        if (error.getResource() != null && error.getResource().getSourcePath() != null) {
            String source = error.getResource().getSourcePath();
            for (Path f : files) if (f.toString().equals(source)) return f;
            for (Path f : files) {
                if (f.getFileSystem() != java.nio.file.FileSystems.getDefault()) continue;
                if (f.toAbsolutePath().normalize().toString().equals(Path.of(source).toAbsolutePath().normalize().toString())) return f;
            }
        }
        return files.get(0);
    }

    /** The packages a rule file imports its fact types from: shared types first, then one per stage. */
    private static final List<String> FACT_PACKAGES = List.of("io.posmortem.model", "io.posmortem.model.input",
            "io.posmortem.model.positional", "io.posmortem.model.knowledge", "io.posmortem.model.evidence",
            "io.posmortem.model.derived");

    /** The fact type a rule names by its simple name, looked up in {@link #FACT_PACKAGES}. */
    private static Class<?> factClass(String simpleName) throws ClassNotFoundException {
        for (String pkg : FACT_PACKAGES) {
            try {
                return Class.forName(pkg + "." + simpleName);
            } catch (ClassNotFoundException e) {
                // not in this package; try the next
            }
        }
        throw new ClassNotFoundException(simpleName);
    }

    /**
     * "did you mean ...?" for an unknown field: the fact type is read from the pattern on the
     * error's line ({@code Type( ... field ...)}) and its record components are the candidates.
     */
    private static String fieldHint(String field, String source, int line) {
        if (line <= 0) return null;
        String[] lines = source.split("\n", -1);
        if (line > lines.length) return null;
        String text = lines[line - 1];
        int at = text.indexOf(field);
        if (at < 0) return null;
        Matcher type = Pattern.compile("(\\w+)\\s*\\([^()]*$").matcher(text.substring(0, at));
        if (!type.find()) return null;
        try {
            Class<?> fact = factClass(type.group(1));
            if (!fact.isRecord()) return null;
            List<String> names = java.util.Arrays.stream(fact.getRecordComponents()).map(java.lang.reflect.RecordComponent::getName).toList();
            return Spelling.closest(field, names).map(s -> "did you mean '" + s + "'? (" + type.group(1) + " has "
                    + String.join(", ", names) + ")").orElse(type.group(1) + " has " + String.join(", ", names));
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    /**
     * First line of a Drools message without its own "[ERR n] Line l:c" prefix (the problem has
     * line and column), plus the MVEL "unable to resolve" detail when present.
     */
    private static String compact(String message) {
        String[] lines = message.split("\\R");
        StringBuilder sb = new StringBuilder(lines[0].strip().replaceFirst("^\\[ERR \\d+] Line \\d+:\\d+\\s*", ""));
        for (String l : lines) {
            String t = l.strip();
            if (t.startsWith("[Error:")) sb.append(' ').append(t);
        }
        return sb.toString().replaceAll("\\s+", " ");
    }

    private static RuleInfo metadata(Rule rule, Path file, int line, KnowledgeBase kb, List<Problem> problems) {
        Map<String, Object> md = rule.getMetaData();
        int before = problems.size();
        for (String key : REQUIRED_METADATA) {
            if (!md.containsKey(key) || String.valueOf(md.get(key)).isBlank()) {
                problems.add(problem("rules.metadata-missing", file, line, "rule \"" + rule.getName() + "\" has no @" + key,
                        "every rule carries @" + String.join(", @", REQUIRED_METADATA)));
            }
        }
        for (String key : md.keySet()) {
            if (!REQUIRED_METADATA.contains(key) && !OPTIONAL_METADATA.contains(key)) {
                List<String> known = new ArrayList<>(REQUIRED_METADATA);
                known.addAll(OPTIONAL_METADATA);
                problems.add(problem("rules.metadata-unknown", file, line, "rule \"" + rule.getName() + "\" has unknown metadata @" + key,
                        Spelling.closest(key, known).map(s -> "did you mean @" + s + "?").orElse(null)));
            }
        }
        if (problems.size() > before) return null;
        String id = text(md.get("id"));
        Layer layer = null;
        try {
            layer = Layer.valueOf(text(md.get("layer")).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(problem("rules.metadata-value", file, line, "rule " + id + ": unknown @layer '" + text(md.get("layer")) + "'",
                    "one of interpretation, prediction, matching, conclusion"));
        }
        int salience = rule instanceof RuleImpl impl ? impl.getSalienceValue() : 0;
        if (layer != null && !layer.admits(salience)) {
            problems.add(problem("rules.salience", file, line, "rule " + id + " is in layer " + layer.name().toLowerCase(Locale.ROOT)
                    + " but has salience " + salience, "use a salience from " + layer.lowestSalience() + " to " + layer.highestSalience()));
        }
        String hypothesis = text(md.get("hypothesis"));
        if (!hypothesis.equals("any") && !kb.hypotheses().containsKey(hypothesis)) {
            problems.add(problem("rules.metadata-value", file, line, "rule " + id + ": unknown @hypothesis '" + hypothesis + "'",
                    Spelling.closest(hypothesis, kb.hypotheses().keySet()).map(s -> "did you mean '" + s + "'?")
                            .orElse("use a hypothesis id from knowledge-base/hypotheses.yaml, or any")));
        }
        // @weight is the size of one piece of evidence, so only matching rules (whose supports enter
        // the belief) have one; anywhere else it would be a number nothing reads.
        double weight = 1.0;
        if (layer == Layer.MATCHING) {
            if (!md.containsKey("weight")) {
                problems.add(problem("rules.metadata-missing", file, line, "matching rule " + id + " has no @weight",
                        "a matching rule's @weight is the certainty one agreement (positive) or contradiction (negative) adds"));
            } else {
                weight = Double.NaN;
                try {
                    weight = Double.parseDouble(text(md.get("weight")));
                } catch (NumberFormatException e) {
                    // reported below
                }
                if (!(weight >= -1 && weight <= 1)) {
                    problems.add(problem("rules.metadata-value", file, line, "rule " + id + ": @weight must be a number in [-1, 1], got "
                            + text(md.get("weight")), null));
                }
            }
        } else if (layer != null && md.containsKey("weight")) {
            problems.add(problem("rules.metadata-unused", file, line, "rule " + id + " is in layer " + layer.name().toLowerCase(Locale.ROOT)
                    + " and has @weight, which only matching rules use", "remove @weight (its supports' weights come from matching rules)"));
        }
        String reference = text(md.get("reference"));
        if (!kb.references().containsKey(reference)) {
            problems.add(problem("rules.metadata-value", file, line, "rule " + id + ": unknown @reference '" + reference + "'",
                    Spelling.closest(reference, kb.references().keySet()).map(s -> "did you mean '" + s + "'?")
                            .orElse("add it to knowledge-base/literature.yaml")));
        }
        boolean everyBuild = false;
        if (md.containsKey("coverage")) {
            everyBuild = text(md.get("coverage")).equals("every-build");
            if (!everyBuild) problems.add(problem("rules.metadata-value", file, line, "rule " + id + ": unknown @coverage '"
                    + text(md.get("coverage")) + "'", "the only value is every-build"));
        }
        if (problems.size() > before) return null;
        return new RuleInfo(id, rule.getName(), layer, hypothesis, weight, text(md.get("explanation")), reference,
                file.toString().replace('\\', '/'), line, salience, everyBuild);
    }

    private static final Pattern THRESHOLD_REF = Pattern.compile("Threshold\\s*\\(\\s*id\\s*==\\s*\"([^\"]+)\"");

    private static List<Problem> thresholdReferences(Path file, String source, KnowledgeBase kb) {
        List<Problem> out = new ArrayList<>();
        Set<String> known = kb.thresholds().keySet();
        Matcher m = THRESHOLD_REF.matcher(source);
        while (m.find()) {
            if (!known.contains(m.group(1))) {
                int line = 1 + (int) source.substring(0, m.start()).chars().filter(c -> c == '\n').count();
                out.add(problem("rules.unknown-threshold", file, line, "threshold '" + m.group(1) + "' is not in the knowledge base",
                        Spelling.closest(m.group(1), known).map(s -> "did you mean '" + s + "'?")
                                .orElse("add it to knowledge-base/thresholds.yaml")));
            }
        }
        return out;
    }

    private static Path fileOf(Rule rule, List<Path> files) {
        if (rule instanceof RuleImpl impl && impl.getResource() != null && impl.getResource().getSourcePath() != null) {
            String source = impl.getResource().getSourcePath();
            for (Path f : files) if (f.toString().equals(source) || f.toAbsolutePath().toString().equals(source)) return f;
            for (Path f : files) if (source.endsWith(f.getFileName().toString())) return f;
        }
        return files.get(0);
    }

    /** 1-based line of {@code rule "name"} (or {@code rule name}) in a DRL source; 0 when not found. */
    static int lineOf(String source, String ruleName) {
        String[] lines = source.split("\n", -1);
        Pattern p = Pattern.compile("^\\s*rule\\s+(\"" + Pattern.quote(ruleName) + "\"|'" + Pattern.quote(ruleName) + "'|"
                + Pattern.quote(ruleName) + "(\\s|$))");
        for (int i = 0; i < lines.length; i++) if (p.matcher(lines[i]).find()) return i + 1;
        return 0;
    }

    private static Problem problem(String code, Path file, int line, String message, String hint) {
        return new Problem(code, file.toString(), "", line, 0, message, null, hint);
    }

    private static String text(Object value) {
        if (value == null) return "";
        String s = String.valueOf(value).strip();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) s = s.substring(1, s.length() - 1);
        return s;
    }
}

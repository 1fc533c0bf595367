package io.posmortem.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * Where a command reads its rule pack and knowledge base. posmortem ships {@code rules/} and
 * {@code knowledge-base/} inside its jar (copied from the repository's directories at build time)
 * as the default pack; for each of the two the first of these that applies wins:
 * <ol>
 *   <li>the command-line option ({@code --rules DIR}, {@code --kb DIR});</li>
 *   <li>the environment variable ({@link #RULES_VARIABLE}, {@link #KB_VARIABLE});</li>
 *   <li>{@code ./rules} and {@code ./knowledge-base} in the working directory, when both are
 *       directories (a checkout of the repository: edited rules take effect without a rebuild);</li>
 *   <li>the bundled pack.</li>
 * </ol>
 * Bundled files are read in place from the jar (a zip file system) under the same relative paths
 * as in the repository, so a rule error names {@code rules/3-matching/facts.drl:12:5} and the
 * fingerprints of the same content are the same whichever way it was loaded.
 *
 * @param rules  the rule directory
 * @param kb     the knowledge-base directory
 */
public record PackLocation(Path rules, Path kb) {

    public static final String RULES_VARIABLE = "POSMORTEM_RULES";
    public static final String KB_VARIABLE = "POSMORTEM_KB";
    /** The label of a directory from the bundled pack (in messages, {@code verify} and reports). */
    public static final String BUNDLED = "bundled";

    /**
     * Resolves both directories. {@code option} is the command-line value or null, {@code env} the
     * environment, {@code workingDir} the directory {@code ./rules} is looked up in, {@code bundled}
     * gives the bundled directory of a name ("rules", "knowledge-base").
     */
    public static PackLocation resolve(Path rulesOption, Path kbOption, Map<String, String> env, Path workingDir,
            Function<String, Path> bundled) {
        boolean checkout = Files.isDirectory(workingDir.resolve("rules")) && Files.isDirectory(workingDir.resolve("knowledge-base"));
        return new PackLocation(pick(rulesOption, env.get(RULES_VARIABLE), checkout, "rules", bundled),
                pick(kbOption, env.get(KB_VARIABLE), checkout, "knowledge-base", bundled));
    }

    /** Both directories as the running process sees them (its environment and working directory, this jar's pack). */
    public static PackLocation resolve(Path rulesOption, Path kbOption) {
        return resolve(rulesOption, kbOption, System.getenv(), Path.of(""), PackLocation::bundled);
    }

    /** The knowledge-base directory alone, for commands that read no rules. */
    public static Path knowledgeBase(Path kbOption) {
        return resolve(Path.of("rules"), kbOption).kb();
    }

    private static Path pick(Path option, String variable, boolean checkout, String name, Function<String, Path> bundled) {
        if (option != null) return option;
        if (variable != null && !variable.isBlank()) return Path.of(variable);
        if (checkout) return Path.of(name);
        return bundled.apply(name);
    }

    /** {@code dir} as messages show it: "bundled" for the pack inside posmortem, else the path as given. */
    public static String describe(Path dir) {
        return isBundled(dir) ? BUNDLED + " (" + dir + ")" : dir.toString();
    }

    /**
     * Which of the two directories are bundled, as a report says it: "bundled" (both), "rules
     * bundled", "knowledge base bundled", or null (both read from directories).
     */
    public static String bundledParts(Path rules, Path kb) {
        boolean r = isBundled(rules);
        boolean k = isBundled(kb);
        if (r && k) return BUNDLED;
        if (r) return "rules " + BUNDLED;
        return k ? "knowledge base " + BUNDLED : null;
    }

    /** Whether {@code dir} is (inside) the bundled pack. */
    public static boolean isBundled(Path dir) {
        Path root = Bundle.ROOT;
        if (root == null) return false;
        if (dir.getFileSystem() != root.getFileSystem()) return false;
        return root.toString().isEmpty() || dir.toAbsolutePath().normalize().startsWith(root);
    }

    /** The bundled directory {@code name} ("rules" or "knowledge-base"). */
    public static Path bundled(String name) {
        Path root = Bundle.ROOT;
        if (root == null) throw new IllegalStateException("posmortem's classes are neither in a jar nor in a directory: no bundled pack");
        return root.toString().isEmpty() ? root.getFileSystem().getPath(name) : root.resolve(name);
    }

    /**
     * The root of the bundled pack, opened once per process: the jar as a zip file system (the
     * empty relative path, so bundled files keep their repository-relative names), or the class
     * directory when the classes are not in a jar (a build tree: target/classes).
     */
    private static final class Bundle {
        static final Path ROOT = open();

        private static Path open() {
            try {
                var source = PackLocation.class.getProtectionDomain().getCodeSource();
                if (source == null) return null;
                Path code = Path.of(source.getLocation().toURI());
                if (Files.isDirectory(code)) return code.toAbsolutePath().normalize();
                FileSystem jar = FileSystems.newFileSystem(code, (ClassLoader) null);
                return jar.getPath("");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open posmortem's jar to read the bundled pack", e);
            } catch (URISyntaxException | RuntimeException e) {
                return null;
            }
        }
    }
}

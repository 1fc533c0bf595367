package io.posmortem.inference;

import java.security.Permission;

/**
 * Keeps a rule from ending the process. A rule pack is trusted code, but a {@code System.exit}
 * in a consequence would end a batch with exit code 0 and no records, and let {@code verify}
 * "pass" without a verdict.
 *
 * <p>On Java 17 a security manager can still be installed at run time: the one installed here
 * permits everything except an exit ({@code System.exit} or {@code Runtime.halt}) from a session
 * thread or a thread a rule started, which it refuses with {@link Refused} and records for the
 * session ({@code inference.exit}). The JDK's one-time deprecation notice for
 * {@code System.setSecurityManager} is kept off stderr where {@code java.lang} is open to this
 * code (see {@link #quietDeprecationNotice()}). Where the JDK no longer allows
 * one ({@code -Djava.security.manager=disallow}, the default from Java 18), a shutdown hook is
 * the backstop: an exit that starts on a session thread ends the process with exit code 4 and a
 * message instead of the rule's status. {@code Runtime.halt} skips shutdown hooks, so only the
 * security manager can contain it.
 */
public final class ExitGuard {

    /** Exit status when a rule's exit got past the guard: "the rules could not finish". */
    static final int RULES_EXIT = 4;

    private static boolean installed;
    private static boolean refusing;

    private ExitGuard() {}

    /** The exit a rule attempted, refused. */
    static final class Refused extends SecurityException {
        private static final long serialVersionUID = 1L;
        final int status;

        Refused(int status) {
            super("a rule may not end the process (exit status " + status + " refused)");
            this.status = status;
        }
    }

    /**
     * Installs the guard once per process (later calls do nothing). Returns true when exits from
     * rules are refused, false when only the shutdown-hook backstop is in place.
     */
    @SuppressWarnings("removal")
    public static synchronized boolean install() {
        if (installed) return refusing;
        installed = true;
        Runtime.getRuntime().addShutdownHook(new Thread(ExitGuard::backstop, "posmortem-exit-guard"));
        if (System.getSecurityManager() != null) return refusing = false;
        try {
            quietDeprecationNotice();
            System.setSecurityManager(new Manager());
            refusing = true;
        } catch (UnsupportedOperationException | SecurityException e) {
            refusing = false;
        }
        return refusing;
    }

    /**
     * The JDK prints a four-line deprecation notice to the process's original stderr the first
     * time each class calls {@code System.setSecurityManager}; it keeps the callers it has warned
     * about in {@code System.CallersHolder.callers}. Where {@code java.lang} is open to this code
     * (the jar's manifest says {@code Add-Opens: java.base/java.lang}) this class is entered there
     * first, so the notice is not printed; elsewhere (e.g. a test JVM) it is printed once.
     */
    private static void quietDeprecationNotice() {
        try {
            java.lang.reflect.Field callers = Class.forName("java.lang.System$CallersHolder").getDeclaredField("callers");
            callers.setAccessible(true);
            @SuppressWarnings("unchecked")
            java.util.Map<Class<?>, Boolean> map = (java.util.Map<Class<?>, Boolean>) callers.get(null);
            map.putIfAbsent(ExitGuard.class, Boolean.TRUE);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // not open to this code, or another JDK: the notice is printed once, nothing else changes
        }
    }

    /** Whether exits from rules are refused (true) or only caught by the backstop. */
    public static synchronized boolean refusing() {
        return refusing;
    }

    /** Runs at shutdown: if a session thread is the one exiting, exit 4 with a message instead. */
    private static void backstop() {
        for (var e : Thread.getAllStackTraces().entrySet()) {
            if (!Watchdog.inSession(e.getKey()) || !exiting(e.getValue())) continue;
            String what = e.getKey() instanceof Watchdog.SessionThread s ? s.activity() : "a thread started by a rule";
            System.err.println("posmortem: " + what + ": a rule called System.exit; the run did not finish [inference.exit], exit code " + RULES_EXIT);
            System.err.flush();
            Runtime.getRuntime().halt(RULES_EXIT);
        }
    }

    private static boolean exiting(StackTraceElement[] stack) {
        for (StackTraceElement f : stack) {
            if ((f.getClassName().equals("java.lang.Runtime") || f.getClassName().equals("java.lang.Shutdown")) && f.getMethodName().equals("exit")) {
                return true;
            }
        }
        return false;
    }

    /** Permits everything but an exit from a rule. */
    @SuppressWarnings("removal")
    private static final class Manager extends SecurityManager {
        @Override
        public void checkPermission(Permission perm) {
            // everything is permitted: this manager exists only for checkExit
        }

        @Override
        public void checkPermission(Permission perm, Object context) {
            // everything is permitted: this manager exists only for checkExit
        }

        // The checks the JDK makes most often are answered here directly, without building a
        // Permission object for checkPermission to ignore: with them a run costs what it costs
        // without a security manager.
        @Override
        public void checkPropertyAccess(String key) {
            // permitted
        }

        @Override
        public void checkPropertiesAccess() {
            // permitted
        }

        @Override
        public void checkRead(String file) {
            // permitted
        }

        @Override
        public void checkRead(java.io.FileDescriptor fd) {
            // permitted
        }

        @Override
        public void checkRead(String file, Object context) {
            // permitted
        }

        @Override
        public void checkWrite(String file) {
            // permitted
        }

        @Override
        public void checkWrite(java.io.FileDescriptor fd) {
            // permitted
        }

        @Override
        public void checkDelete(String file) {
            // permitted
        }

        @Override
        public void checkPackageAccess(String pkg) {
            // permitted
        }

        @Override
        public void checkAccess(Thread t) {
            // permitted
        }

        @Override
        public void checkAccess(ThreadGroup g) {
            // permitted
        }

        @Override
        public void checkCreateClassLoader() {
            // permitted
        }

        @Override
        public void checkLink(String lib) {
            // permitted
        }

        @Override
        public void checkConnect(String host, int port) {
            // permitted
        }

        @Override
        public void checkAccept(String host, int port) {
            // permitted
        }

        @Override
        public void checkListen(int port) {
            // permitted
        }

        @Override
        public void checkExit(int status) {
            Thread current = Thread.currentThread();
            if (Watchdog.inSession(current)) {
                Watchdog.exitAttempted(current, status);
                throw new Refused(status);
            }
        }
    }
}

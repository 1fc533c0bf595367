package io.posmortem.cli;

import io.posmortem.engine.ProductVersion;
import picocli.CommandLine;

/** {@code --version}: posmortem's version, from the build. */
public final class Version implements CommandLine.IVersionProvider {

    public static final String VALUE = ProductVersion.VALUE;

    @Override
    public String[] getVersion() {
        return new String[] {"posmortem " + VALUE};
    }
}

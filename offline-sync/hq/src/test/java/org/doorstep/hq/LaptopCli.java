package org.doorstep.hq;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.doorstep.cli.VaultCli;
import org.doorstep.vault.Fixture;

/**
 * The laptop's command line ({@code doorstep-cli}) through its real entry, {@link VaultCli#run}, with the officer's
 * passphrase in the environment as support staff give it.
 */
public final class LaptopCli {

    /** What one run printed and returned. */
    public record Result(int code, String out, String err) {
    }

    private LaptopCli() {
    }

    public static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = VaultCli.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("DOORSTEP_PASSPHRASE", Fixture.PASSPHRASE));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}

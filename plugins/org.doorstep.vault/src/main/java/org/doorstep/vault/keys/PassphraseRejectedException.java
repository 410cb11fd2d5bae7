package org.doorstep.vault.keys;

import java.util.List;

import org.doorstep.vault.crypto.PassphrasePolicy.Problem;

/** A new passphrase does not meet the policy; {@link #problems()} says every reason. */
public class PassphraseRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<Problem> problems;

    public PassphraseRejectedException(List<Problem> problems) {
        super("passphrase refused: " + problems);
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}

package org.doorstep.vault;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.doorstep.vault.keys.UnlockResult;

/**
 * The child process of {@link CrashTest}: unlocks the vault and writes cases as fast as it can until it is
 * killed. Each case's label says how many items it has and the digest of their contents, written in the
 * same transaction, so whoever opens the vault later can check any case it finds, printed or not. After a
 * call returns (committed) it prints a line; the parent holds the child to those lines.
 *
 * <pre>
 *   READY
 *   CREATED &lt;case id&gt;
 *   STATE &lt;case id&gt; &lt;state&gt;
 * </pre>
 */
public final class CrashWriter {

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        Random random = new Random(Long.parseLong(args[1]));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Fixture f = new Fixture(dataDir);
        Vault vault = f.reopen();
        if (!(vault.unlock(Fixture.WANG.id(), Fixture.PASSPHRASE.toCharArray()) instanceof UnlockResult.Unlocked)) {
            throw new IllegalStateException("the child could not unlock the vault");
        }
        // real image bytes, but small, so that many transactions (and so many kill points) fit in a run
        byte[] photo = java.util.Arrays.copyOf(Fixture.resource("obama.jpg"), 48 * 1024);
        byte[] finger = Fixture.resource("wsq-original.wsq");
        // carry on with the cases earlier (killed) runs left open, so cases get all the way to shredding
        List<String> open = new ArrayList<>(vault.cases().list().stream()
                .filter(c -> c.state() != CaseState.SHREDDED).map(CaseSummary::id).toList());
        out.println("READY");
        for (int n = 0;; n++) {
            List<NewItem> items = new ArrayList<>();
            String form = "{\"case\":" + n + ",\"seed\":" + random.nextLong() + "}";
            items.add(new NewItem(ItemKind.FORM, "form", "application/json", form.getBytes(StandardCharsets.UTF_8)));
            items.add(new NewItem(ItemKind.PHOTO, "photo", "image/jpeg", varied(photo, random)));
            items.add(new NewItem(ItemKind.FINGERPRINT, "finger.r2", "image/x-wsq", varied(finger, random)));
            items.add(new NewItem(ItemKind.FINGERPRINT, "finger.l2", "image/x-wsq", varied(finger, random)));
            String id = vault.cases().create(label(items), random.nextInt(4) == 0, items).id();
            out.println("CREATED " + id);
            open.add(id);
            if (random.nextBoolean() && !open.isEmpty()) {
                // take the oldest open case one step further, and sometimes all the way to shredding
                String oldest = open.get(0);
                CaseState state = vault.cases().get(oldest).state();
                CaseState next = switch (state) {
                    case DRAFT -> CaseState.COMPLETE;
                    case COMPLETE -> CaseState.SEALED;
                    case SEALED -> CaseState.QUEUED;
                    case QUEUED -> CaseState.SENT;
                    default -> null;
                };
                if (next != null) {
                    vault.cases().moveTo(oldest, next, null);
                    out.println("STATE " + oldest + " " + next.id());
                } else {
                    vault.cases().acceptReceipt(oldest, "R-" + n);
                    out.println("STATE " + oldest + " shredded");
                    open.remove(0);
                }
            }
        }
    }

    /** The item with a few random bytes appended, so no two items are alike. */
    private static byte[] varied(byte[] base, Random random) {
        byte[] out = java.util.Arrays.copyOf(base, base.length + 16);
        byte[] tail = new byte[16];
        random.nextBytes(tail);
        System.arraycopy(tail, 0, out, base.length, 16);
        return out;
    }

    static String label(List<NewItem> items) throws Exception {
        return "crash case items=" + items.size() + " sha=" + digest(items.stream().map(NewItem::content).toList());
    }

    static String digest(List<byte[]> contents) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (byte[] c : contents) {
            sha.update(c);
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}

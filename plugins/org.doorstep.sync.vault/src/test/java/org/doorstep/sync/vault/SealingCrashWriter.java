package org.doorstep.sync.vault;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.doorstep.sync.protocol.HqMessage;
import org.doorstep.vault.CaseState;
import org.doorstep.vault.Fixture;
import org.doorstep.vault.ItemKind;
import org.doorstep.vault.NewItem;
import org.doorstep.vault.PacketRecord;
import org.doorstep.vault.PacketState;
import org.doorstep.vault.Vault;
import org.doorstep.vault.keys.UnlockResult;

/**
 * The child JVM of {@link SealingCrashTest}: starts like the laptop (unlock, recover), then creates, completes and
 * seals cases, marks some sent and takes HQ's receipt for some, reporting each step on stdout only after it
 * returned, until it is killed.
 */
public final class SealingCrashWriter {

    private SealingCrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        Random random = new Random(Long.parseLong(args[1]));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Fixture f = new Fixture(dataDir);
        Vault vault = f.reopen();
        if (!(vault.unlock(Fixture.WANG.id(), Fixture.PASSPHRASE.toCharArray()) instanceof UnlockResult.Unlocked)) {
            throw new IllegalStateException("the child could not unlock the vault");
        }
        CaseSealing sealing = new CaseSealing(vault, new PacketSpoolFolder(dataDir), Clock.systemUTC(), new SecureRandom());
        VaultPacketSpool spool = new VaultPacketSpool(vault, sealing);
        spool.pending(); // what the client does at start: recovery first
        byte[] photo = java.util.Arrays.copyOf(Fixture.resource("obama.jpg"), 200 * 1024);
        byte[] finger = Fixture.resource("probe.png");
        out.println("READY");
        for (int n = 0;; n++) {
            List<NewItem> items = new ArrayList<>();
            items.add(new NewItem(ItemKind.FORM, "form", "application/json",
                    ("{\"case\":" + n + ",\"seed\":" + random.nextLong() + "}").getBytes(StandardCharsets.UTF_8)));
            items.add(new NewItem(ItemKind.PHOTO, "photo", "image/jpeg", photo));
            items.add(new NewItem(ItemKind.FINGERPRINT, "finger.r2", "image/png", finger));
            String id = vault.cases().create("crash " + n, random.nextInt(4) == 0, items).id();
            vault.cases().moveTo(id, CaseState.COMPLETE, null);
            out.println("COMPLETE " + id);
            PacketRecord packet = sealing.seal(id);
            out.println("QUEUED " + id + " " + packet.packetId());
            if (random.nextBoolean()) {
                spool.sent(packet.packetId());
                out.println("SENT " + id + " " + packet.packetId());
            }
            // HQ's receipt for an older packet that is out
            for (PacketRecord p : vault.packets().open()) {
                if (p.state() == PacketState.SENT && random.nextInt(3) == 0) {
                    spool.delivered(p.packetId(), new HqMessage.Receipt(Laptop.DEVICE_ID, p.packetId(), Instant.now(),
                            p.caseId(), p.digest(), Instant.now(), "HQ-R-" + n));
                    out.println("DELIVERED " + p.caseId() + " " + p.packetId());
                    break;
                }
            }
        }
    }
}

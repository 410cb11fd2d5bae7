package org.doorstep.field;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.doorstep.capture.signature.InkPoint;
import org.doorstep.capture.signature.Signature;
import org.doorstep.capture.signature.SignerRole;
import org.doorstep.capture.signature.Stroke;
import org.doorstep.domain.notice.Office;
import org.doorstep.fingerprint.CaptureOptions;
import org.doorstep.vault.Fixture;
import org.doorstep.vault.ItemInfo;
import org.doorstep.vault.Vault;
import org.doorstep.vault.crypto.CryptoSuite;

/** A real vault in a temporary folder (the vault's own fixture: cheap Argon2) and what a guided case needs. */
final class FieldFixture implements AutoCloseable {

    static final Office OFFICE = new Office("北京市公安局出入境管理总队西城大队", "北京市西城区某路 9 号", "010-00000000",
            "周一至周五 9:00–17:00");

    final Fixture fixture;
    final FieldContext context;
    Vault vault;

    FieldFixture(Path dir) throws Exception {
        this(dir, org.doorstep.sync.outbox.OutboxCapacity.DEFAULT);
    }

    /** @param outboxCapacity what the laptop's outbox may hold (a completed case that would not fit waits) */
    FieldFixture(Path dir, org.doorstep.sync.outbox.OutboxCapacity outboxCapacity) throws Exception {
        context = new FieldContext(Clock.system(ZoneId.of("Asia/Shanghai")), OFFICE, CaptureOptions.DEFAULT,
                outboxCapacity);
        fixture = new Fixture(dir);
        vault = fixture.setUp(CryptoSuite.INTL);
    }

    /** Locks and closes the vault (as at shut-down) and opens it again, unlocked. */
    Vault restart() throws Exception {
        vault.close();
        vault = fixture.reopenUnlocked();
        return vault;
    }

    Visits visits() {
        return new Visits(vault, context);
    }

    /** HQ's work order, stored as the command executor stores it. */
    void workOrder(long sequence, String orderId, String name, String idNumber, String address) {
        workOrder(sequence, orderId, name, idNumber, address, java.time.LocalDate.parse("2026-12-01"));
    }

    /** HQ's work order due on {@code due}. */
    void workOrder(long sequence, String orderId, String name, String idNumber, String address, java.time.LocalDate due) {
        String json = "{\"orderId\":\"" + orderId + "\",\"applicant\":{\"name\":\"" + name + "\",\"idNumber\":\""
                + idNumber + "\"},\"address\":\"" + address + "\",\"reason\":\"aged-60-plus\","
                + "\"documents\":[\"passport\"],\"due\":\"" + due + "\"}";
        vault.hqInbox().acceptWorkOrder(sequence, orderId, json.getBytes(StandardCharsets.UTF_8));
    }

    /** Every item of the case with its content, to compare before and after. */
    Map<String, String> snapshot(String caseId) {
        Map<String, String> all = new TreeMap<>();
        for (ItemInfo i : vault.cases().items(caseId)) {
            all.put(i.slot(), i.kind() + " " + i.mediaType() + " " + java.util.HexFormat.of().formatHex(
                    sha256(vault.cases().read(caseId, i.slot()))));
        }
        all.put("(state)", vault.cases().get(caseId).state().id());
        return all;
    }

    static byte[] sha256(byte[] b) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(b);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] resource(String name) {
        try (InputStream in = FieldFixture.class.getResourceAsStream("/testdata/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /testdata/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path file(Path dir, String name) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, resource(name));
        return f;
    }

    /** A handwritten name: three strokes across a 600 × 200 pad. */
    static Signature signature(SignerRole role, String name) {
        List<Stroke> strokes = new ArrayList<>();
        long t = 0;
        for (int s = 0; s < 3; s++) {
            List<InkPoint> points = new ArrayList<>();
            for (int i = 0; i <= 40; i++) {
                double x = 60 + s * 170 + i * 3.5;
                double y = 100 + 50 * Math.sin(i / 5.0 + s);
                points.add(new InkPoint(x, y, t += 12, 0.6));
            }
            strokes.add(new Stroke(points));
            t += 200;
        }
        return new Signature(role, name, 600, 200, strokes, Instant.parse("2026-11-20T02:10:00Z"));
    }

    @Override
    public void close() {
        context.close();
        if (vault != null) {
            vault.close();
        }
    }
}

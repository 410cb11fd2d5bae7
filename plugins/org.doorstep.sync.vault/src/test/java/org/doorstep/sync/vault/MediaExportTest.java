package org.doorstep.sync.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.doorstep.vault.AuditAction;
import org.doorstep.vault.CaseState;
import org.doorstep.vault.PacketRecord;
import org.doorstep.vault.crypto.CryptoSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Packets to removable media: copied whole with an index, recorded, and still waiting for HQ's receipt. */
class MediaExportTest {

    @TempDir
    Path dir;

    @Test
    void everyWaitingPacketIsCopiedWithAnIndexAndStaysWaitingForItsReceipt() throws Exception {
        try (Laptop laptop = Laptop.enrolled(dir.resolve("laptop"), CryptoSuite.INTL)) {
            PacketRecord one = laptop.sealing.seal(laptop.completeCase("一", false));
            PacketRecord two = laptop.sealing.seal(laptop.completeCase("二", true));
            laptop.vault.packets().sent(one.packetId());
            Path usb = Files.createDirectories(dir.resolve("usb"));

            MediaExport.Result result = new MediaExport(laptop.vault, laptop.spool, laptop.fixture.clock).export(usb);
            assertEquals(usb.resolve("doorstep-export-dev-field-07-20261121T080000Z"), result.folder());
            assertEquals(List.of(two.packetId(), one.packetId()), result.packets(), "urgent first");
            assertEquals(one.bytes() + two.bytes(), result.bytes());
            try (Stream<Path> files = Files.list(result.folder())) {
                assertEquals(Set.of("index.json", one.packetId() + ".dspk", two.packetId() + ".dspk"),
                        Set.copyOf(files.map(p -> p.getFileName().toString()).toList()));
            }
            JsonNode index = new ObjectMapper().readTree(result.folder().resolve("index.json").toFile());
            assertEquals("doorstep-export/1", index.get("format").asText());
            assertEquals(Laptop.DEVICE_ID, index.get("deviceId").asText());
            for (JsonNode p : index.get("packets")) {
                byte[] copy = Files.readAllBytes(result.folder().resolve(p.get("file").asText()));
                assertEquals(p.get("sha256").asText(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(copy)));
                assertEquals(p.get("bytes").asLong(), copy.length);
            }
            assertEquals(one.caseId(), laptop.hq.open(result.folder().resolve(one.packetId() + ".dspk"),
                    laptop.identity().deviceCertificate()).manifest().caseId(), "HQ opens the copy");

            assertEquals(CaseState.SENT, laptop.vault.cases().get(one.caseId()).state(), "nothing is delivered by a stick");
            assertEquals(CaseState.QUEUED, laptop.vault.cases().get(two.caseId()).state());
            assertEquals(2, laptop.packetSpool().pending().size());
            assertTrue(laptop.vault.auditEntriesOf(one.caseId()).stream().anyMatch(e -> e.action() == AuditAction.EXPORT
                    && e.detail().contains("removable media")));
            assertTrue(Files.exists(laptop.spool.fileOf(one.packetId())), "the spool keeps its files");
        }
    }

    @Test
    void aDamagedSpoolFileStopsTheExportAndLeavesNothingHalfWritten() throws Exception {
        try (Laptop laptop = Laptop.enrolled(dir.resolve("laptop"), CryptoSuite.INTL)) {
            laptop.sealing.seal(laptop.smallCase("fine"));
            PacketRecord damaged = laptop.sealing.seal(laptop.smallCase("damaged"));
            Path file = laptop.spool.fileOf(damaged.packetId());
            byte[] bytes = Files.readAllBytes(file);
            bytes[bytes.length / 2] ^= 0x55;
            Files.write(file, bytes);
            Path usb = Files.createDirectories(dir.resolve("usb"));

            IOException e = assertThrows(IOException.class,
                    () -> new MediaExport(laptop.vault, laptop.spool, laptop.fixture.clock).export(usb));
            assertTrue(e.getMessage().contains("is not what was sealed"), e.getMessage());
            try (Stream<Path> left = Files.list(usb)) {
                assertEquals(List.of(), left.toList(), "no export folder, whole or partial");
            }
            assertFalse(laptop.vault.auditEntries(1, 1000).stream().anyMatch(a -> a.action() == AuditAction.EXPORT));
        }
    }

    @Test
    void anExportWithNothingToExportIsRefused() throws Exception {
        try (Laptop laptop = Laptop.enrolled(dir.resolve("laptop"), CryptoSuite.INTL)) {
            SyncRefusedException e = assertThrows(SyncRefusedException.class,
                    () -> new MediaExport(laptop.vault, laptop.spool, laptop.fixture.clock).export(dir.resolve("usb")));
            assertTrue(e.getMessage().contains("nothing to export"), e.getMessage());
        }
    }

    @Test
    void aHalfWrittenExportIsNamedAsSoAndASecondExportInTheSameSecondIsRefused() throws Exception {
        try (Laptop laptop = Laptop.enrolled(dir.resolve("laptop"), CryptoSuite.INTL)) {
            laptop.sealing.seal(laptop.smallCase("x"));
            Path usb = Files.createDirectories(dir.resolve("usb"));
            MediaExport export = new MediaExport(laptop.vault, laptop.spool, laptop.fixture.clock);
            // what a stick pulled out mid-copy leaves: a .partial folder without an index
            Path partial = Files.createDirectories(usb.resolve("doorstep-export-dev-field-07-20261121T080000Z.partial"));
            SyncRefusedException e = assertThrows(SyncRefusedException.class, () -> export.export(usb));
            assertTrue(e.getMessage().contains("already on the media"), e.getMessage());
            Files.delete(partial);
            MediaExport.Result result = export.export(usb);
            assertTrue(Files.exists(result.folder().resolve(MediaExport.INDEX)));
            assertFalse(result.folder().getFileName().toString().endsWith(".partial"));
            assertThrows(SyncRefusedException.class, () -> export.export(usb));
            laptop.fixture.clock.advance(java.time.Duration.ofSeconds(1));
            assertTrue(Files.exists(export.export(usb).folder()));
        }
    }
}

package org.doorstep.vault;

/**
 * Something the vault refused or could not do, with a message meant for the officer or support staff.
 * Whatever was refused changed nothing stored.
 */
public class VaultException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public VaultException(String message) {
        super(message);
    }

    public VaultException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The vault is locked (or was never unlocked): an officer has to unlock it first. */
    public static final class Locked extends VaultException {
        private static final long serialVersionUID = 1L;

        public Locked() {
            super("the vault is locked: an enrolled officer must unlock it first");
        }
    }

    /** No case with that id on this laptop. */
    public static final class NoSuchCase extends VaultException {
        private static final long serialVersionUID = 1L;

        public NoSuchCase(String id) {
            super("there is no case '" + id + "' on this laptop");
        }
    }

    /** No packet with that id on this laptop. */
    public static final class NoSuchPacket extends VaultException {
        private static final long serialVersionUID = 1L;

        public NoSuchPacket(java.util.UUID id) {
            super("there is no packet " + id + " on this laptop");
        }
    }

    /** A state change or an edit that the case's current state does not allow. */
    public static final class IllegalTransition extends VaultException {
        private static final long serialVersionUID = 1L;

        public IllegalTransition(String message) {
            super(message);
        }
    }

    /** HQ's command with this number, or a later one, was carried out already; nothing was changed. */
    public static final class CommandReplayed extends VaultException {
        private static final long serialVersionUID = 1L;

        public CommandReplayed(long sequence, long last) {
            super("HQ's command " + sequence + " was already received (the last accepted is " + last
                    + "): nothing was changed");
        }
    }

    /**
     * Sealing the case would take the packets waiting for HQ beyond what the sync service allows: nothing changed, the
     * case stays complete. The sync service words it for the officer.
     */
    public static final class NoRoom extends VaultException {
        private static final long serialVersionUID = 1L;
        private final int packets;
        private final long bytes;

        public NoRoom(int packets, long bytes) {
            super("no room for another packet: " + packets + " packets, " + bytes + " bytes wait for HQ");
            this.packets = packets;
            this.bytes = bytes;
        }

        /** Packets waiting for HQ (being sealed, queued or sent). */
        public int packets() {
            return packets;
        }

        /** Their bytes (a packet still being sealed counts as 0). */
        public long bytes() {
            return bytes;
        }
    }

    /** The case was delivered to HQ and crypto-shredded here: its data no longer exists. */
    public static final class Shredded extends VaultException {
        private static final long serialVersionUID = 1L;

        public Shredded(String id) {
            super("case " + id + " was delivered to HQ and destroyed on this laptop; its data cannot be read");
        }
    }

    /** The disk or the database failed (full, read-only, damaged); nothing of the failed action was kept. */
    public static final class Storage extends VaultException {
        private static final long serialVersionUID = 1L;

        public Storage(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

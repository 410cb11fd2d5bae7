package org.doorstep.fingerprint.drivers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A scanner's live preview, SBI's {@code STREAM} channel: an M-JPEG stream ({@code multipart/x-mixed-replace},
 * one JPEG per part) read on a thread of its own, each frame handed to the caller as it comes, until the device
 * ends the stream or {@link #close()} is called. A frame larger than the driver's answer limit, or a part that is
 * not shaped like one, ends the stream (what was shown stays shown; a capture does not depend on the preview).
 */
public final class SbiStream implements AutoCloseable {

    private final InputStream body;
    private final byte[] boundary;
    private final int maxFrameBytes;
    private final Consumer<byte[]> frames;
    private final Thread reader;
    private final AtomicInteger count = new AtomicInteger();
    private volatile boolean open = true;
    private volatile String ended;

    SbiStream(InputStream body, String boundary, int maxFrameBytes, Consumer<byte[]> frames, int port) {
        this.body = body;
        this.boundary = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        this.maxFrameBytes = maxFrameBytes;
        this.frames = frames;
        this.reader = new Thread(this::read, "doorstep-sbi-stream-" + port);
        reader.setDaemon(true);
        reader.start();
    }

    /** Frames received so far. */
    public int frames() {
        return count.get();
    }

    /** Whether frames may still come. */
    public boolean live() {
        return open && reader.isAlive();
    }

    /** Why the stream ended by itself, if it did (for the log; the screen simply stops showing new frames). */
    public String ended() {
        return ended;
    }

    private void read() {
        try {
            while (open) {
                if (!skipToBoundary()) {
                    ended = "the device closed the stream";
                    return;
                }
                int length = -1;
                for (String header = line(); !header.isEmpty(); header = line()) {
                    String h = header.toLowerCase(Locale.ROOT);
                    if (h.startsWith("content-length:")) {
                        length = Integer.parseInt(h.substring(15).strip());
                    }
                }
                byte[] frame = length >= 0 ? fixed(length) : untilBoundary();
                if (frame.length > 0) {
                    count.incrementAndGet();
                    frames.accept(frame);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (open) {
                ended = e.toString();
            }
        } finally {
            open = false;
        }
    }

    /** Reads up to and including the next boundary line; false at the end of the stream. */
    private boolean skipToBoundary() throws IOException {
        for (String l = line(); ; l = line()) {
            if (l == null) {
                return false;
            }
            if (l.startsWith(new String(boundary, StandardCharsets.US_ASCII))) {
                return !l.endsWith("--");
            }
        }
    }

    private byte[] fixed(int length) throws IOException {
        if (length > maxFrameBytes) {
            throw new IOException("a frame of " + length + " bytes is larger than " + maxFrameBytes);
        }
        byte[] frame = body.readNBytes(length);
        if (frame.length != length) {
            throw new IOException("the stream ended inside a frame");
        }
        return frame;
    }

    /** A part without a length: everything up to the line break before the next boundary. */
    private byte[] untilBoundary() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] marker = ("\r\n" + new String(boundary, StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII);
        int matched = 0;
        for (int b = body.read(); b != -1; b = body.read()) {
            if (b == marker[matched]) {
                matched++;
                if (matched == marker.length) {
                    // put the boundary back in the form skipToBoundary expects: the rest of its line follows
                    pushback = new String(boundary, StandardCharsets.US_ASCII);
                    return out.toByteArray();
                }
                continue;
            }
            if (matched > 0) {
                out.write(marker, 0, matched);
                matched = b == marker[0] ? 1 : 0;
                if (matched == 1) {
                    continue;
                }
            }
            out.write(b);
            if (out.size() > maxFrameBytes) {
                throw new IOException("a frame is larger than " + maxFrameBytes + " bytes");
            }
        }
        return out.toByteArray();
    }

    private String pushback;

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        String prefix = pushback == null ? "" : pushback;
        pushback = null;
        int c = body.read();
        if (c == -1 && prefix.isEmpty()) {
            return null;
        }
        for (; c != -1 && c != '\n'; c = body.read()) {
            if (c != '\r') {
                b.write(c);
            }
            if (b.size() > 8192) {
                throw new IOException("a header line of the stream is too long");
            }
        }
        return prefix + b.toString(StandardCharsets.US_ASCII);
    }

    /** Stops reading and releases the connection; the device ends its stream when the connection closes. */
    @Override
    public void close() {
        open = false;
        try {
            body.close();
        } catch (IOException e) {
            // closing our end of a local connection
        }
        reader.interrupt();
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

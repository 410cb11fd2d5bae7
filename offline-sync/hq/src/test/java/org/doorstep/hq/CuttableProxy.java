package org.doorstep.hq;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on loopback between a client and a broker that a test can cut, as a hospital corridor's hotspot
 * does: {@link #cut()} drops every open connection mid-stream (TLS and all) and refuses new ones until
 * {@link #restore()}. Also counts the bytes relayed upstream, which benchmarks use. (The kernels of the project's
 * build machines have no {@code netem} queueing discipline, so {@code tc} cannot add delay, loss or reordering, and
 * network namespaces need root: cutting a link is done here, in the test, on loopback.)
 */
public final class CuttableProxy implements AutoCloseable {

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicLong upstreamBytes = new AtomicLong();
    private volatile boolean up = true;
    private volatile boolean closed;
    private volatile long cutAfterUpstreamBytes = Long.MAX_VALUE;

    public CuttableProxy(int targetPort) throws IOException {
        this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "proxy-accept-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public long upstreamBytes() {
        return upstreamBytes.get();
    }

    /** Cuts the link once this many more bytes have gone upstream (mid-packet, say). */
    public void cutAfter(long moreUpstreamBytes) {
        cutAfterUpstreamBytes = upstreamBytes.get() + moreUpstreamBytes;
    }

    public boolean isUp() {
        return up;
    }

    public void cut() {
        up = false;
        for (Socket s : open) {
            closeQuietly(s);
        }
        open.clear();
    }

    public void restore() {
        cutAfterUpstreamBytes = Long.MAX_VALUE;
        up = true;
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                if (!up) {
                    closeQuietly(client);
                    continue;
                }
                Socket upstream = new Socket(target.getAddress(), target.getPort());
                open.add(client);
                open.add(upstream);
                pump(client, upstream, true);
                pump(upstream, client, false);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to, boolean upstream) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) > 0;) {
                    if (upstream) {
                        long total = upstreamBytes.addAndGet(n);
                        if (total >= cutAfterUpstreamBytes) {
                            long keep = n - (total - cutAfterUpstreamBytes);
                            out.write(buffer, 0, (int) Math.max(0, keep));
                            out.flush();
                            cut();
                            return;
                        }
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // the other side went, or the test cut the link
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        cut();
        server.close();
    }
}

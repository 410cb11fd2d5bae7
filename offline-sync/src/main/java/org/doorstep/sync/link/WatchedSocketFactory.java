package org.doorstep.sync.link;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The TLS socket factory of one connection attempt, noting whether a handshake completed. A broker that refuses
 * the client certificate sends its alert and closes; the client, still writing its part of the handshake, often
 * sees only "Broken pipe" or "Connection reset" instead of the alert. Knowing that the handshake never completed
 * lets the link say what that most likely means.
 */
final class WatchedSocketFactory extends SSLSocketFactory {

    private static final String NO_SESSION = "SSL_NULL_WITH_NULL_NULL";

    private final SSLSocketFactory delegate;
    private volatile SSLSocket last;

    WatchedSocketFactory(SSLSocketFactory delegate) {
        this.delegate = delegate;
    }

    /**
     * True if the last socket made here completed its handshake. Asked after the attempt failed, when the socket is
     * closed: {@code getSession()} then answers at once, with a "null" session if there never was one.
     */
    boolean handshakeCompleted() {
        SSLSocket socket = last;
        return socket != null && !NO_SESSION.equals(socket.getSession().getCipherSuite());
    }

    private Socket watch(Socket socket) {
        if (socket instanceof SSLSocket tls) {
            last = tls;
        }
        return socket;
    }

    @Override
    public Socket createSocket() throws IOException {
        return watch(delegate.createSocket());
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
        return watch(delegate.createSocket(socket, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return watch(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return watch(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return watch(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return watch(delegate.createSocket(address, port, localAddress, localPort));
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }
}

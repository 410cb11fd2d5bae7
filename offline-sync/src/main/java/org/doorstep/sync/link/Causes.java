package org.doorstep.sync.link;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;

import javax.net.ssl.SSLException;

import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Turns Paho's exceptions into a sentence. Paho reports many failures, TLS ones above all, as reason code 0
 * "Untranslated MqttException" with the real error only in the cause chain; an operator needs to read
 * "TLS handshake failed: certificate_revoked", not "MqttException (0)".
 */
final class Causes {

    private Causes() {
    }

    static String describe(MqttDisconnectResponse response) {
        if (response == null) {
            return "the connection ended";
        }
        if (response.getException() != null) {
            return describe(response.getException());
        }
        String text = "the broker disconnected: " + ReasonCodes.describe(response.getReturnCode());
        String reason = response.getReasonString();
        return reason == null || reason.isBlank() ? text : text + " (" + reason + ")";
    }

    static String describe(Throwable failure) {
        if (failure == null) {
            return "the connection ended";
        }
        String network = network(failure);
        if (failure instanceof MqttException mqtt) {
            int code = mqtt.getReasonCode();
            if (code == ReasonCodes.BANNED) {
                return "the broker refused: " + ReasonCodes.describe(code)
                        + ", which Doorstep's embedded broker answers when the client certificate has been revoked";
            }
            if (code >= 0x80 && code <= 0xFF) {
                return "the broker refused: " + ReasonCodes.describe(code);
            }
            if (network != null) {
                return network;
            }
            return switch (code) {
                case MqttClientException.REASON_CODE_CLIENT_TIMEOUT -> "the broker did not answer in time";
                case MqttClientException.REASON_CODE_CONNECTION_LOST -> "the connection was lost";
                case MqttClientException.REASON_CODE_SERVER_CONNECT_ERROR -> "cannot connect to the broker";
                case MqttClientException.REASON_CODE_CLIENT_NOT_CONNECTED -> "not connected";
                case MqttClientException.REASON_CODE_CLIENT_DISCONNECTING,
                        MqttClientException.REASON_CODE_CLIENT_CLOSED -> "the link is shutting down";
                case MqttClientException.REASON_CODE_MAX_INFLIGHT -> "too many messages await the broker's answer";
                default -> "MQTT client error: " + mqtt.getMessage() + " (Paho code " + code + ")";
            };
        }
        return network != null ? network : failure.toString();
    }

    /**
     * True if the chain holds a plain socket failure — the peer closed or reset the connection — rather than a TLS
     * alert or a timeout.
     */
    static boolean isBrokenConnection(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SSLException) {
                return false;
            }
            if (t instanceof java.net.SocketException || t instanceof EOFException) {
                return true;
            }
        }
        return false;
    }

    /** The first network or TLS problem in the cause chain, in words; null if there is none. */
    private static String network(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CertificateException) {
                return "TLS handshake failed: the certificate was not accepted (" + t.getMessage() + ")";
            }
            if (t instanceof SSLException) {
                return "TLS handshake failed: " + t.getMessage();
            }
            if (t instanceof ConnectException) {
                return "nothing accepts connections there (" + t.getMessage() + ")";
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to the broker (" + t.getMessage() + ")";
            }
            if (t instanceof UnknownHostException) {
                return "unknown broker host " + t.getMessage();
            }
            if (t instanceof SocketTimeoutException) {
                return "the broker did not answer in time (" + t.getMessage() + ")";
            }
            if (t instanceof EOFException) {
                return "the broker closed the connection";
            }
            if (t instanceof java.io.IOException && t.getMessage() != null) {
                return "network error: " + t.getMessage();
            }
        }
        return null;
    }
}

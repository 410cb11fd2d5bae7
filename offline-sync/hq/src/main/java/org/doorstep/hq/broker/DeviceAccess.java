package org.doorstep.hq.broker;

import java.math.BigInteger;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.client.parameter.ClientTlsInformation;
import com.hivemq.extension.sdk.api.client.parameter.Listener;
import com.hivemq.extension.sdk.api.client.parameter.ListenerType;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.auth.ModifiableDefaultPermissions;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.admin.AdminService;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import com.hivemq.extension.sdk.api.services.session.ClientService;

/**
 * The embedded broker's access control, as an embedded HiveMQ extension (HiveMQ CE has no ACL files). At CONNECT
 * it reads the CN of the client certificate the TLS listener verified, refuses a revoked certificate (against the
 * CRL it was last given), refuses a client id other than the CN (with HiveMQ, a connection that takes over another
 * client's session inherits its subscriptions and queued messages, so one laptop could otherwise read another's
 * commands), and sets the connection's topic permissions from {@link TopicAcl}, denying everything else.
 *
 * <p>On the plain-TCP benchmark listener there is no certificate; the client id stands in for the CN there.
 */
final class DeviceAccess implements ExtensionMain {

    private volatile X509CRL crl;
    private final boolean plainTcpListener;
    /** Client id → serial of the certificate it authenticated with, so a new CRL can end revoked connections. */
    private final Map<String, BigInteger> connected = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private volatile ClientService clients;
    private volatile AdminService admin;

    DeviceAccess(X509CRL crl, boolean plainTcpListener) {
        this.crl = crl;
        this.plainTcpListener = plainTcpListener;
    }

    @Override
    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
        // captured now: the static Services belong to whichever HiveMQ started last in this JVM
        clients = Services.clientService();
        admin = Services.adminService();
        Authenticator authenticator = new Authenticator();
        Services.securityRegistry().setAuthenticatorProvider(providerInput -> authenticator);
        started.complete(null);
    }

    @Override
    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
        connected.clear();
    }

    /** Completes when HiveMQ has started this extension (without it every client would be let in). */
    CompletableFuture<Void> started() {
        return started;
    }

    AdminService admin() {
        return admin;
    }

    X509CRL crl() {
        return crl;
    }

    /** Uses {@code newCrl} from now on and disconnects clients whose certificate it revokes; returns how many. */
    int replaceCrl(X509CRL newCrl) {
        crl = newCrl;
        int ended = 0;
        ClientService service = clients;
        for (Map.Entry<String, BigInteger> client : connected.entrySet()) {
            if (newCrl.getRevokedCertificate(client.getValue()) != null && service != null) {
                connected.remove(client.getKey(), client.getValue());
                service.disconnectClient(client.getKey());
                ended++;
            }
        }
        return ended;
    }

    static Optional<String> commonName(X509Certificate certificate) {
        try {
            LdapName name = new LdapName(certificate.getSubjectX500Principal().getName());
            List<Rdn> rdns = name.getRdns();
            for (int i = rdns.size() - 1; i >= 0; i--) {
                if ("CN".equalsIgnoreCase(rdns.get(i).getType())) {
                    return Optional.of(String.valueOf(rdns.get(i).getValue()));
                }
            }
            return Optional.empty();
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }

    private final class Authenticator implements SimpleAuthenticator {

        @Override
        public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
            String clientId = input.getClientInformation().getClientId();
            boolean plain = input.getConnectionInformation().getListener().map(Listener::getListenerType)
                    .map(type -> type == ListenerType.TCP_LISTENER).orElse(false);
            String identity;
            BigInteger serial = null;
            if (plain && plainTcpListener) {
                identity = clientId;
            } else {
                Optional<X509Certificate> certificate = input.getConnectionInformation().getClientTlsInformation()
                        .flatMap(ClientTlsInformation::getClientCertificate);
                if (certificate.isEmpty()) {
                    output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, "a client certificate is required");
                    return;
                }
                X509CRL current = crl;
                if (current != null && current.isRevoked(certificate.get())) {
                    // "banned" rather than "not authorized": Paho drops a CONNACK's reason string, so the code
                    // is all a client learns; it tells a revoked laptop from a misconfigured one
                    output.failAuthentication(ConnackReasonCode.BANNED, "the client certificate has been revoked");
                    return;
                }
                Optional<String> cn = commonName(certificate.get());
                if (cn.isEmpty()) {
                    output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED,
                            "the client certificate names no CN");
                    return;
                }
                if (!cn.get().equals(clientId)) {
                    output.failAuthentication(ConnackReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
                            "the client id must be the certificate's CN");
                    return;
                }
                identity = cn.get();
                serial = certificate.get().getSerialNumber();
            }
            List<TopicAcl.Rule> rules = TopicAcl.rulesFor(identity);
            if (rules.isEmpty()) {
                output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, "no topics are allowed for this client");
                return;
            }
            ModifiableDefaultPermissions permissions = output.getDefaultPermissions();
            for (TopicAcl.Rule rule : rules) {
                permissions.add(permission(rule));
            }
            permissions.setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
            if (serial != null) {
                connected.put(clientId, serial);
            }
            output.authenticateSuccessfully();
        }

        private TopicPermission permission(TopicAcl.Rule rule) {
            return Builders.topicPermission()
                    .topicFilter(rule.filter())
                    .type(TopicPermission.PermissionType.ALLOW)
                    .activity(rule.activity() == TopicAcl.Activity.PUBLISH ? TopicPermission.MqttActivity.PUBLISH
                            : TopicPermission.MqttActivity.SUBSCRIBE)
                    .sharedSubscription(rule.sharedAllowed() ? TopicPermission.SharedSubscription.ALL
                            : TopicPermission.SharedSubscription.NOT_SHARED)
                    .build();
        }
    }
}

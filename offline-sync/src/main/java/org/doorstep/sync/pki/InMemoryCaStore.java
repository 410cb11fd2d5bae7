package org.doorstep.sync.pki;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link CaStore} in memory, for tests and tools; everything is lost when the process ends. */
public final class InMemoryCaStore implements CaStore {

    private final Map<String, CodeRecord> codes = new HashMap<>();
    private final Map<BigInteger, IssuedCertificate> certificates = new LinkedHashMap<>();
    private final Map<BigInteger, Revocation> revocations = new LinkedHashMap<>();
    private BigInteger crlNumber = BigInteger.ZERO;

    @Override
    public synchronized void putCode(CodeRecord code) {
        if (codes.putIfAbsent(code.codeId(), code) != null) {
            throw new IllegalStateException("enrolment code id already in use");
        }
    }

    @Override
    public synchronized Optional<CodeRecord> code(String codeId) {
        return Optional.ofNullable(codes.get(codeId));
    }

    @Override
    public synchronized boolean markCodeUsed(String codeId, Instant at) {
        CodeRecord code = codes.get(codeId);
        if (code == null || code.usedAt().isPresent()) {
            return false;
        }
        codes.put(codeId, new CodeRecord(code.codeId(), code.deviceId(), code.proofKey(), code.issuedAt(),
                code.expiresAt(), Optional.of(at)));
        return true;
    }

    @Override
    public synchronized void putCertificate(IssuedCertificate certificate) {
        if (certificates.putIfAbsent(certificate.serial(), certificate) != null) {
            throw new IllegalStateException("serial " + certificate.serial().toString(16) + " already issued");
        }
    }

    @Override
    public synchronized Optional<IssuedCertificate> certificate(BigInteger serial) {
        return Optional.ofNullable(certificates.get(serial));
    }

    @Override
    public synchronized List<IssuedCertificate> certificatesOf(String subjectName) {
        return certificates.values().stream().filter(c -> c.subjectName().equals(subjectName)).toList();
    }

    @Override
    public synchronized boolean revoke(Revocation revocation) {
        return revocations.putIfAbsent(revocation.serial(), revocation) == null;
    }

    @Override
    public synchronized Optional<Revocation> revocation(BigInteger serial) {
        return Optional.ofNullable(revocations.get(serial));
    }

    @Override
    public synchronized List<Revocation> revocations() {
        return new ArrayList<>(revocations.values());
    }

    @Override
    public synchronized BigInteger nextCrlNumber() {
        crlNumber = crlNumber.add(BigInteger.ONE);
        return crlNumber;
    }
}

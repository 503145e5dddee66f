package io.perfect21.p21mon.metrics;

import io.perfect21.p21mon.IoErrors;
import io.perfect21.p21mon.P21monException;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@link SSLContext} from PEM files, as exporter-toolkit's {@code cert_file}/{@code key_file}. Keys: PKCS#8
 * ({@code BEGIN PRIVATE KEY}: RSA, EC or Ed25519), PKCS#1 RSA ({@code BEGIN RSA PRIVATE KEY}) and SEC1 EC
 * ({@code BEGIN EC PRIVATE KEY}), unencrypted. Encrypted keys are refused with a message saying how to convert them.
 */
public final class PemTls {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+?)-----END \\1-----");
    private static final byte[] RSA_ALGORITHM = hex("300d06092a864886f70d0101010500");
    private static final byte[] EC_PUBLIC_KEY_OID = hex("06072a8648ce3d0201");

    private PemTls() {
    }

    /** The context for a server presenting the certificate chain in {@code certFile} with the key in {@code keyFile}. */
    public static SSLContext serverContext(Path certFile, Path keyFile) {
        List<Certificate> chain = certificates(certFile);
        PrivateKey key = privateKey(keyFile);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = new char[0];
            store.setKeyEntry("p21mon", key, password, chain.toArray(new Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw P21monException.usage("tls_server_config: " + certFile + " and " + keyFile
                    + " do not make a TLS identity: " + IoErrors.describe(e));
        }
    }

    static List<Certificate> certificates(Path file) {
        List<Certificate> out = new ArrayList<>();
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (Block b : blocks(file)) {
                if (b.type().equals("CERTIFICATE")) {
                    out.add(cf.generateCertificate(new ByteArrayInputStream(b.der())));
                }
            }
        } catch (GeneralSecurityException e) {
            throw P21monException.usage("tls_server_config.cert_file: " + file + ": " + e.getMessage());
        }
        if (out.isEmpty()) {
            throw P21monException.usage("tls_server_config.cert_file: " + file + ": no PEM CERTIFICATE block");
        }
        return out;
    }

    static PrivateKey privateKey(Path file) {
        for (Block b : blocks(file)) {
            switch (b.type()) {
                case "PRIVATE KEY":
                    return pkcs8(file, b.der());
                case "RSA PRIVATE KEY":
                    return pkcs8(file, wrap(RSA_ALGORITHM, b.der()));
                case "EC PRIVATE KEY":
                    return pkcs8(file, wrap(ecAlgorithm(file, b.der()), b.der()));
                case "ENCRYPTED PRIVATE KEY":
                    throw P21monException.usage("tls_server_config.key_file: " + file + ": encrypted keys are not "
                            + "supported; decrypt it: openssl pkcs8 -in KEY -out KEY.pem");
                default:
                    break;
            }
        }
        throw P21monException.usage("tls_server_config.key_file: " + file + ": no PEM private key block "
                + "(PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)");
    }

    private static PrivateKey pkcs8(Path file, byte[] der) {
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw P21monException.usage("tls_server_config.key_file: " + file + ": not an RSA, EC or Ed25519 key");
    }

    /** The AlgorithmIdentifier of a SEC1 key: ecPublicKey with the named curve of its [0] parameters. */
    private static byte[] ecAlgorithm(Path file, byte[] sec1) {
        // ECPrivateKey ::= SEQUENCE { version INTEGER, privateKey OCTET STRING, [0] parameters, [1] publicKey }
        int[] seq = header(sec1, 0);
        int pos = seq[0];
        int end = seq[0] + seq[1];
        while (pos < end) {
            int tag = sec1[pos] & 0xff;
            int[] h = header(sec1, pos);
            if (tag == 0xa0) {
                byte[] curveOid = java.util.Arrays.copyOfRange(sec1, h[0], h[0] + h[1]);
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                content.writeBytes(EC_PUBLIC_KEY_OID);
                content.writeBytes(curveOid);
                return tlv(0x30, content.toByteArray());
            }
            pos = h[0] + h[1];
        }
        throw P21monException.usage("tls_server_config.key_file: " + file + ": EC key without a named curve");
    }

    /** PrivateKeyInfo ::= SEQUENCE { version 0, AlgorithmIdentifier, OCTET STRING key }. */
    private static byte[] wrap(byte[] algorithm, byte[] key) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(new byte[] {0x02, 0x01, 0x00});
        content.writeBytes(algorithm);
        content.writeBytes(tlv(0x04, key));
        return tlv(0x30, content.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n & 0xff);
        } else {
            out.write(0x83);
            out.write(n >> 16);
            out.write((n >> 8) & 0xff);
            out.write(n & 0xff);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    /** {contentStart, contentLength} of the DER element at {@code pos}. */
    private static int[] header(byte[] der, int pos) {
        int len = der[pos + 1] & 0xff;
        int start = pos + 2;
        if (len >= 0x80) {
            int bytes = len & 0x7f;
            len = 0;
            for (int i = 0; i < bytes; i++) {
                len = (len << 8) | (der[start + i] & 0xff);
            }
            start += bytes;
        }
        return new int[] {start, len};
    }

    private record Block(String type, byte[] der) {
    }

    private static List<Block> blocks(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw P21monException.usage("tls_server_config: cannot read " + file + ": " + IoErrors.describe(file, e));
        }
        List<Block> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
        }
        return out;
    }

    private static byte[] hex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}

package io.gaia.bff.abuse;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.gaia.bff.config.RateLimitConfig;
import io.netty.util.NetUtil;
import io.quarkus.runtime.Startup;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * Which client sent a request, for limits per client. X-Forwarded-For is read only when the direct
 * peer is a proxy named in TRUSTED_PROXIES, and then from the right: each trusted proxy appends the
 * address it saw, so the right-most entry that is not itself a trusted proxy was written by one of
 * ours; anything left of it is whatever the client chose to send.
 *
 * <p>Quarkus's quarkus.http.proxy support is deliberately not used: it takes the left-most
 * X-Forwarded-For entry (the client's own claim) and, with no trusted-proxies list, trusts every peer.
 * It must stay off, or {@link HttpServerRequest#remoteAddress()} would no longer be the TCP peer.
 *
 * <p>Only literal addresses are accepted anywhere: nothing here ever resolves a host name.
 */
@Startup // parses TRUSTED_PROXIES at startup, so a bad entry stops the service instead of failing requests
@ApplicationScoped
public class ClientAddresses {

    static final String X_FORWARDED_FOR = "X-Forwarded-For";

    private final List<Range> trusted = new ArrayList<>();

    public ClientAddresses(RateLimitConfig config) {
        for (String entry : config.trustedProxies().orElse(List.of())) {
            if (!entry.isBlank()) {
                trusted.add(Range.parse(entry.strip()));
            }
        }
    }

    /** The client's address in canonical form (one spelling per address, so one counter per client). */
    public String of(HttpServerRequest request) {
        SocketAddress peer = request.remoteAddress();
        return resolve(peer == null ? null : peer.hostAddress(), request.headers().getAll(X_FORWARDED_FOR));
    }

    String resolve(String peer, List<String> forwardedFor) {
        InetAddress client = literal(peer);
        if (client == null) {
            return "unknown";
        }
        if (!isTrusted(client) || forwardedFor.isEmpty()) {
            return NetUtil.toAddressString(client);
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = literal(withoutPort(hops.get(i)));
            if (hop == null) {
                // A trusted proxy passed on something that is no address: the chain can be followed no
                // further, and the proxy that passed it on is the best remaining answer.
                break;
            }
            client = hop;
            if (!isTrusted(hop)) {
                break;
            }
        }
        return NetUtil.toAddressString(client);
    }

    private boolean isTrusted(InetAddress address) {
        for (Range range : trusted) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a TRUSTED_PROXIES entry is an address or a CIDR range this class can use (the settings check asks). */
    public static boolean isAddressOrRange(String entry) {
        try {
            Range.parse(entry.strip());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** "1.2.3.4:5678" and "[::1]:80" as some proxies write them. */
    private static String withoutPort(String hop) {
        if (hop.startsWith("[")) {
            int end = hop.indexOf(']');
            return end > 0 ? hop.substring(1, end) : hop;
        }
        int colon = hop.indexOf(':');
        return colon > 0 && colon == hop.lastIndexOf(':') ? hop.substring(0, colon) : hop;
    }

    /** The address if the text is an IPv4 or IPv6 literal, else null; IPv4-mapped IPv6 becomes IPv4. */
    static InetAddress literal(String text) {
        if (text == null) {
            return null;
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(text);
        if (bytes == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** One TRUSTED_PROXIES entry: an address, or a network in CIDR notation. */
    record Range(byte[] network, int prefixBits) {

        static Range parse(String entry) {
            int slash = entry.indexOf('/');
            InetAddress address = literal(slash < 0 ? entry : entry.substring(0, slash));
            if (address == null) {
                throw invalid(entry);
            }
            int maxBits = address.getAddress().length * 8;
            int bits = maxBits;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    throw invalid(entry);
                }
                if (bits < 0 || bits > maxBits) {
                    throw invalid(entry);
                }
            }
            return new Range(address.getAddress(), bits);
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            int whole = prefixBits / 8;
            for (int i = 0; i < whole; i++) {
                if (candidate[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixBits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (candidate[whole] & mask) == (network[whole] & mask);
        }

        private static IllegalArgumentException invalid(String entry) {
            return new IllegalArgumentException("TRUSTED_PROXIES: '" + entry
                    + "' is not an IP address or CIDR range like 10.0.0.0/8 (host names are not accepted)");
        }
    }
}

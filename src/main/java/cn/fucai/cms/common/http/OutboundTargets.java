package cn.fucai.cms.common.http;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.apache.hc.core5.util.Timeout;

/**
 * Where the service may reach out to (webhooks, imports of files): http(s) URLs whose host resolves to public addresses
 * only, never into the service's own network (loopback, RFC 1918 and RFC 4193 private, link-local with
 * 169.254.169.254, CGNAT, multicast, unspecified, documentation and other special-purpose ranges of both IP families,
 * and IPv6 forms that embed an IPv4 address). A URL is checked when it is given, and its host again at every connection
 * by the HTTP client's resolver ({@link DnsResolver}): the connection goes to exactly the addresses checked, with no
 * second lookup, so DNS rebinding cannot switch it, and a redirect is checked as it is followed. A setting names hosts
 * or networks that may be reached anyway: for development and tests only.
 */
public class OutboundTargets implements DnsResolver {

    /** Special-purpose networks (IANA registries), refused besides what InetAddress itself classifies. */
    private static final List<Network> NOT_PUBLIC = Network.parseAll(List.of(
            "0.0.0.0/8",
            "10.0.0.0/8",
            "100.64.0.0/10",
            "127.0.0.0/8",
            "169.254.0.0/16",
            "172.16.0.0/12",
            "192.0.0.0/24",
            "192.0.2.0/24",
            "192.88.99.0/24",
            "192.168.0.0/16",
            "198.18.0.0/15",
            "198.51.100.0/24",
            "203.0.113.0/24",
            "224.0.0.0/4",
            "240.0.0.0/4",
            "::/8",
            "64:ff9b::/96",
            "64:ff9b:1::/48",
            "100::/64",
            "2001::/32",
            "2001:db8::/32",
            "2002::/16",
            "fc00::/7",
            "fe80::/10",
            "fec0::/10",
            "ff00::/8"));

    private final List<String> allowedHosts = new ArrayList<>();
    private final List<Network> allowedNetworks = new ArrayList<>();
    private final String reaching;
    private final String allowSetting;
    private final boolean plainHttp;

    /**
     * The policy of {@code reaching} (what reaches out, for messages: "webhooks"), with the hosts and networks of
     * {@code allowSetting} reachable anyway, over plain http too; {@code plainHttp}: public hosts over plain http too.
     */
    protected OutboundTargets(List<String> allowedTargets, String reaching, String allowSetting, boolean plainHttp) {
        this.reaching = reaching;
        this.allowSetting = allowSetting;
        this.plainHttp = plainHttp;
        for (String target : allowedTargets) {
            String entry = target.strip().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            Network network = Network.parseOrNull(entry);
            if (network != null) {
                allowedNetworks.add(network);
            } else {
                allowedHosts.add(entry);
            }
        }
    }

    /**
     * Connections that reach only what this policy allows (it resolves their hosts), each connected and read within
     * {@code timeout}: for an Apache HttpClient that sends requests out.
     */
    public HttpClientConnectionManager connections(Duration timeout, int maxTotal, int maxPerRoute) {
        Timeout limit = Timeout.of(timeout);
        return PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(this)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(limit)
                        .setSocketTimeout(limit)
                        .build())
                .setMaxConnTotal(maxTotal)
                .setMaxConnPerRoute(maxPerRoute)
                .build();
    }

    /** Why a URL is refused, or null when it may be used. */
    public String problem(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "must be an absolute https URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return plainHttp ? "must be an absolute http or https URL" : "must be an absolute https URL";
        }
        if (uri.getRawUserInfo() != null) {
            return "must not carry a user name or password";
        }
        if (scheme.equals("http") && !plainHttp && !isAllowedHost(host)) {
            return "must use https (plain http only to a target named in " + allowSetting + ")";
        }
        try {
            resolve(host);
            return null;
        } catch (RefusedTargetException e) {
            return e.getMessage();
        } catch (UnknownHostException e) {
            return "names a host that cannot be resolved: " + host;
        }
    }

    /** Every address the host resolves to, when each of them may be reached; otherwise the host is refused as a whole. */
    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = InetAddress.getAllByName(host);
        for (InetAddress address : addresses) {
            if (!isPublic(address)
                    && !isAllowedHost(host)
                    && allowedNetworks.stream().noneMatch(n -> n.contains(address))) {
                throw new RefusedTargetException("resolves to a non-public address (" + address.getHostAddress() + "); "
                        + reaching + " may only reach public hosts");
            }
        }
        return addresses;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return host;
    }

    private boolean isAllowedHost(String host) {
        String name = host.toLowerCase(Locale.ROOT).replaceAll("^\\[|]$", "");
        if (allowedHosts.contains(name)) {
            return true;
        }
        Network literal = Network.parseOrNull(name);
        return literal != null && allowedNetworks.stream().anyMatch(n -> n.contains(literal.address()));
    }

    /** Whether an address is on the public internet: none of the ranges above, as Java and IANA classify them. */
    public static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return false;
        }
        return NOT_PUBLIC.stream().noneMatch(n -> n.contains(address));
    }

    /** A host the policy refuses: an UnknownHostException, so that the HTTP client gives up before connecting. */
    public static final class RefusedTargetException extends UnknownHostException {
        RefusedTargetException(String message) {
            super(message);
        }
    }

    /** An IP network in CIDR notation (a bare address is a network of one). */
    record Network(InetAddress address, int prefix) {

        static List<Network> parseAll(List<String> cidrs) {
            return cidrs.stream().map(Network::parseOrNull).toList();
        }

        /** The network, or null when the text is not an IP address or CIDR (then it is a host name). */
        static Network parseOrNull(String text) {
            String[] parts = text.split("/", 2);
            String literal = parts[0];
            if (!literal.matches("[0-9.]+") && !literal.contains(":")) {
                return null;
            }
            try {
                InetAddress address = InetAddress.getByName(literal);
                int bits = address.getAddress().length * 8;
                int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : bits;
                return prefix < 0 || prefix > bits ? null : new Network(address, prefix);
            } catch (UnknownHostException | NumberFormatException e) {
                return null;
            }
        }

        boolean contains(InetAddress candidate) {
            byte[] network = address.getAddress();
            byte[] other = candidate.getAddress();
            if (network.length != other.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (network[i] != other[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            return rest == 0 || ((network[whole] ^ other[whole]) & (0xFF << (8 - rest)) & 0xFF) == 0;
        }
    }
}

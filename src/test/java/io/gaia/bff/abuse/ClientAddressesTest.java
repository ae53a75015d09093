package io.gaia.bff.abuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which address a request is counted under, with and without trusted proxies in front. */
class ClientAddressesTest {

    private static final ClientAddresses BEHIND_PROXIES = new ClientAddresses(RateLimits.trusting("127.0.0.1", "10.0.0.0/8", "2001:db8::/32"));

    @Test
    void withNoTrustedProxiesThePeerIsTheClientWhateverItForwards() {
        ClientAddresses nobodyTrusted = new ClientAddresses(new RateLimits(10, 60, 60, Optional.empty()));
        assertEquals("127.0.0.1", nobodyTrusted.resolve("127.0.0.1", List.of("203.0.113.5")));
    }

    @Test
    void anUntrustedPeersForwardedForIsIgnored() {
        assertEquals("198.51.100.1", BEHIND_PROXIES.resolve("198.51.100.1", List.of("203.0.113.5")));
    }

    @Test
    void aTrustedPeerNamesTheRightMostAddressThatIsNotATrustedProxy() {
        // The client wrote 6.6.6.6 itself; our proxy appended the address it saw, then an inner proxy its own.
        assertEquals("203.0.113.5", BEHIND_PROXIES.resolve("127.0.0.1", List.of("6.6.6.6, 203.0.113.5, 10.1.2.3")));
    }

    @Test
    void repeatedForwardedForHeadersAreReadAsOneListInOrder() {
        assertEquals("203.0.113.5", BEHIND_PROXIES.resolve("127.0.0.1", List.of("6.6.6.6", "203.0.113.5")));
    }

    @Test
    void aTrustedPeerWithoutForwardedForIsTheClient() {
        assertEquals("10.1.2.3", BEHIND_PROXIES.resolve("10.1.2.3", List.of()));
    }

    @Test
    void whenEveryHopIsTrustedTheFirstOneIsTheClient() {
        assertEquals("10.9.9.9", BEHIND_PROXIES.resolve("127.0.0.1", List.of("10.9.9.9, 10.1.2.3")));
    }

    @Test
    void anEntryThatIsNoAddressStopsTheWalkAtTheProxyThatPassedItOn() {
        // Host names are never resolved: "localhost" is as unreadable here as garbage.
        assertEquals("10.1.2.3", BEHIND_PROXIES.resolve("127.0.0.1", List.of("203.0.113.5, localhost, 10.1.2.3")));
        assertEquals("127.0.0.1", BEHIND_PROXIES.resolve("127.0.0.1", List.of("unknown")));
    }

    @Test
    void portsAndBracketsAreDropped() {
        assertEquals("203.0.113.5", BEHIND_PROXIES.resolve("127.0.0.1", List.of("203.0.113.5:4711")));
        assertEquals("2001:db9::1", BEHIND_PROXIES.resolve("127.0.0.1", List.of("[2001:db9::1]:443")));
    }

    @Test
    void eachAddressHasOneSpellingSoOneCounter() {
        assertEquals("2001:db9::1", BEHIND_PROXIES.resolve("127.0.0.1", List.of("2001:DB9:0:0:0:0:0:1")));
        assertEquals("203.0.113.5", BEHIND_PROXIES.resolve("127.0.0.1", List.of("::ffff:203.0.113.5")));
        assertEquals("198.51.100.1", BEHIND_PROXIES.resolve("::ffff:198.51.100.1", List.of("203.0.113.5")));
    }

    @Test
    void ipv6RangesAreTrustedToo() {
        assertEquals("203.0.113.5", BEHIND_PROXIES.resolve("2001:db8::7", List.of("203.0.113.5")));
        assertEquals("2001:db9::7", BEHIND_PROXIES.resolve("2001:db9::7", List.of("203.0.113.5")));
    }

    @ParameterizedTest
    @ValueSource(strings = { "proxy.example.com", "10.0.0.0/33", "10.0.0.0/x", "2001:db8::/129", "300.1.1.1" })
    void aTrustedProxyThatIsNoAddressOrRangeStopsStartupNamingTheSetting(String entry) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new ClientAddresses(RateLimits.trusting(entry)));
        assertTrue(error.getMessage().contains("TRUSTED_PROXIES"), error.getMessage());
    }
}

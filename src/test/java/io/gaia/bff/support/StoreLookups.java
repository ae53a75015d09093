package io.gaia.bff.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicLong;

import io.gaia.bff.session.SessionStore;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusMock;

/**
 * Counts session lookups in whichever store is in use, so a test can prove that a request never
 * reached the store. The real store is wrapped, not mocked: it keeps its behaviour. (A CDI decorator
 * would not see the store, which a producer method chooses.) Installed for one test at a time.
 */
public final class StoreLookups {

    private static final AtomicLong FINDS = new AtomicLong();

    private StoreLookups() {
    }

    /** Wraps the current store for the running test. */
    public static void install() {
        SessionStore real = ClientProxy.unwrap(Arc.container().instance(SessionStore.class).get());
        SessionStore counting = (SessionStore) Proxy.newProxyInstance(SessionStore.class.getClassLoader(),
                new Class<?>[] { SessionStore.class }, (proxy, method, args) -> {
                    if (method.getName().equals("find")) {
                        FINDS.incrementAndGet();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        QuarkusMock.installMockForType(counting, SessionStore.class);
    }

    /** Lookups by id since counting began. */
    public static long lookups() {
        return FINDS.get();
    }
}

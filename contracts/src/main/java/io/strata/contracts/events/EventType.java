package io.strata.contracts.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names an event record and its payload version. The name is what consumers switch on; the version changes only when
 * a field changes meaning or is removed (adding an optional field keeps the version).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {

    /** The event's name on the wire, e.g. {@code JobProgressed}. */
    String value();

    /** The payload version; consumers refuse versions newer than they know. */
    int version() default 1;
}

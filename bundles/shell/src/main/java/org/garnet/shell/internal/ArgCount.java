package org.garnet.shell.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How many arguments a verb takes when that differs from what its Karaf argument declarations say (a verb that
 * inherits a multi-valued argument but takes exactly one, as Ganeti's {@code gnt-instance remove}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ArgCount {
    int min();

    /** The largest count; -1 for no limit. */
    int max();
}

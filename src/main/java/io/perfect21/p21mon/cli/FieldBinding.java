package io.perfect21.p21mon.cli;

import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;

import java.lang.reflect.Field;

/**
 * An option's value kept in a field of its command or mixin object, for the models {@link CommandModels} builds in
 * code: what picocli's own field binding does, found by the field's name instead of by its annotations (reading
 * annotations makes the JVM generate a proxy class per annotation type at run time, which the class-data archive
 * cannot keep).
 */
final class FieldBinding implements IGetter, ISetter {
    private final Object target;
    private final Field field;

    private FieldBinding(Object target, Field field) {
        this.target = target;
        this.field = field;
    }

    /** The field {@code name} declared by the target's class. */
    static FieldBinding of(Object target, String name) {
        try {
            Field f = target.getClass().getDeclaredField(name);
            f.setAccessible(true);
            return new FieldBinding(target, f);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(target.getClass().getName() + " has no field " + name
                    + ": regenerate CommandModels (" + CommandModels.UPDATE + ")", e);
        }
    }

    Field field() {
        return field;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get() {
        try {
            return (T) field.get(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public <T> T set(T value) {
        T old = get();
        try {
            field.set(target, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        return old;
    }
}

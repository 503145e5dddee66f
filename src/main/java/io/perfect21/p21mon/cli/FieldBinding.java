package io.perfect21.p21mon.cli;

import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;

/**
 * An option's value kept in a field of its command or mixin object, for the models {@link CommandModels} builds in
 * code: what picocli's own field binding does, without reflection. The field is a number that selects a case of
 * {@link CommandModels#get} and {@link CommandModels#set}, which read and assign the field directly. That is why the
 * fields the models bind (options, positionals, mixins, {@code @Spec}) are package-private rather than private: on
 * JDK 25 {@code Field.get/set} always goes through method handles, whose classes the JVM generates at run time and the
 * class-data archive cannot keep (~14 ms of every run); reading annotations would cost a proxy class per annotation.
 */
final class FieldBinding implements IGetter, ISetter {
    private final Object target;
    private final int field;

    /** Field number {@code field} (as numbered in {@link CommandModels}) of {@code target}. */
    FieldBinding(Object target, int field) {
        this.target = target;
        this.field = field;
    }

    /** The object whose field this is. */
    Object target() {
        return target;
    }

    /** The field's declaring class and name, {@code Class.field}. */
    String field() {
        return CommandModels.field(field);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get() {
        return (T) CommandModels.get(field, target);
    }

    /** Sets the field and, like picocli's own binding, returns its value before. */
    @Override
    public <T> T set(T value) {
        T old = get();
        CommandModels.set(field, target, value);
        return old;
    }
}

package io.perfect21.p21mon.cli.render;

import java.io.PrintWriter;

/** Turns one kind of result into one output format. */
@FunctionalInterface
public interface Renderer<T> {
    void render(T value, PrintWriter out, Style style) throws java.io.IOException;
}

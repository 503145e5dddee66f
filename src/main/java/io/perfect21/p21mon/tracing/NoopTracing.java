package io.perfect21.p21mon.tracing;

/** The tracer of "not configured": nothing recorded, no SDK loaded; spans still carry ids to pass trace context on. */
final class NoopTracing extends Tracing {
    static final NoopTracing INSTANCE = new NoopTracing();

    private NoopTracing() {
    }

    @Override
    public boolean enabled() {
        return false;
    }

    @Override
    public TraceSpan span(String name) {
        return new NoopSpan(TraceContext.newRoot());
    }

    @Override
    public TraceSpan span(String name, TraceContext parent) {
        return new NoopSpan(parent == null ? TraceContext.newRoot() : parent.child());
    }

    @Override
    public TraceContext record(SpanTree tree, TraceContext parent) {
        return parent == null ? TraceContext.newRoot() : parent.child();
    }

    @Override
    public Runnable beforeShutdownFlush(Runnable action) {
        return shutdownHook(action); // nothing to flush, but the action (stopping a job) still matters
    }

    @Override
    public void close() {
        // nothing to flush
    }

    private record NoopSpan(TraceContext context) implements TraceSpan {
        @Override
        public TraceSpan tag(String key, String value) {
            return this;
        }

        @Override
        public TraceSpan tag(String key, long value) {
            return this;
        }

        @Override
        public TraceSpan tag(String key, double value) {
            return this;
        }

        @Override
        public TraceSpan tag(String key, boolean value) {
            return this;
        }

        @Override
        public TraceSpan event(String name) {
            return this;
        }

        @Override
        public TraceSpan error(String message) {
            return this;
        }

        @Override
        public TraceSpan child(String name) {
            return new NoopSpan(context.child());
        }

        @Override
        public void close() {
            // nothing recorded
        }
    }
}

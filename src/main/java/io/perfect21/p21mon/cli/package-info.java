/**
 * The command line (picocli): the only package that knows picocli, writes to the terminal and turns failures into
 * exit codes. Each command parses its options, calls one core service and renders the result. The flow starts in
 * {@link io.perfect21.p21mon.cli.P21mon}: {@code main} builds the whole command tree with
 * {@link io.perfect21.p21mon.cli.P21mon#commandLine} from {@link io.perfect21.p21mon.cli.Services} (environment,
 * working directory, clock, host probe) and the writers, so tests run the real wiring; errors go through the one
 * {@link io.perfect21.p21mon.cli.ErrorHandler}. A command's options and help are declared by its picocli annotations;
 * at run time its model comes from {@link io.perfect21.p21mon.cli.CommandModels}, generated from those annotations by
 * {@code CommandModelsTest}, so that a run reads no annotation (start-up time): change an annotation, regenerate.
 * The fields those models bind (options, positionals, mixins, {@code @Spec}) are package-private, not private: the
 * generated code assigns and reads them directly, because {@code java.lang.reflect.Field} on JDK 25 goes through
 * method handles whose classes are generated at run time, which the class-data archive cannot keep (see
 * {@link io.perfect21.p21mon.cli.FieldBinding}).
 */
package io.perfect21.p21mon.cli;

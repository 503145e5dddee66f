/**
 * The configuration: the record tree of {@code p21mon.yaml} ({@link io.perfect21.p21mon.config.P21monConfig} and one
 * record per section), its one strict loader, its JSON schema, {@code ${VAR}} expansion, duration parsing and secret
 * redaction. The flow starts in {@link io.perfect21.p21mon.config.ConfigLoader#load}: find the file, expand the
 * environment, bind it strictly to the records ({@link io.perfect21.p21mon.config.ConfigBinder}, over Jackson's streaming
 * YAML parser, no databind; an unknown key is an error with its path and a suggestion, and every problem of the file is
 * collected in one run), validate, return the records every feature reads.
 */
package io.perfect21.p21mon.config;

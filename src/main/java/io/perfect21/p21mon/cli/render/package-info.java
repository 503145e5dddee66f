/**
 * Output formats: one {@link io.perfect21.p21mon.cli.render.Renderer} per result type and format, looked up in one
 * place, {@link io.perfect21.p21mon.cli.render.Renderers} ({@code json} and {@code yaml} for every result; {@code table},
 * {@code nagios}, {@code prometheus}, {@code csv}, … registered by each feature's renderer class), plus the plain-text
 * tools they share (tables, line charts, colour styles). A command calls {@code Renderers} with its result and the
 * {@code -o} format checked by {@code OutputOptions}; renderers see results, never commands.
 */
package io.perfect21.p21mon.cli.render;

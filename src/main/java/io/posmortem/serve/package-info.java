/**
 * {@code serve}: triage over HTTP on Jetty's core server. {@link io.posmortem.serve.TriageService}
 * owns the server and routes; {@link io.posmortem.serve.TriageEndpoint} reads a body and triages
 * it on a bounded pool of workers; {@link io.posmortem.serve.PackReload} swaps in a new rule pack
 * only after a smoke triage; {@link io.posmortem.serve.ConnectionGuard} and
 * {@link io.posmortem.serve.RequestPolicy} bound what one client may hold and which hosts,
 * origins and content types are accepted; {@link io.posmortem.serve.RequestLog} writes one safe
 * line per request. The limits come from {@link io.posmortem.serve.ServiceOptions}.
 */
package io.posmortem.serve;

/**
 * A Drools-free record of a reasoning run: every fact (input or derived) with a stable id, every
 * rule firing in order with the values it bound and the facts it matched, inserted and retracted,
 * and the metadata of every rule. Reports and explanations read only this.
 */
package io.posmortem.trace;

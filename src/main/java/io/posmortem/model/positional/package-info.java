/**
 * What a build's positional encoding is: {@link io.posmortem.model.positional.PositionalSpec} and
 * its cases (RoPE mappings, ALiBi, T5 buckets, a RoPE comparison, RoPE in reduced precision, facts
 * only, an unknown base). One sealed hierarchy, shared by input, knowledge and evidence.
 */
package io.posmortem.model.positional;

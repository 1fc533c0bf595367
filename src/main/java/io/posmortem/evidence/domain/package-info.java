/**
 * Argument checks shared by every evidence function ({@link io.posmortem.evidence.domain.Domain}).
 * A leaf: it imports nothing of posmortem, so {@code evidence} and its subpackages {@code rope},
 * {@code bias} and {@code stats} can all use it without depending on each other.
 */
package io.posmortem.evidence.domain;

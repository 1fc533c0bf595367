/**
 * The facts the rules derive: findings, predictions, expectations, supports, beliefs, hypothesis
 * status, the diagnosis and runner-up, recommendations and fix checks, and notes on what could not
 * be checked.
 */
package io.posmortem.model.derived;

/** Value sets: the bundled eCQM expansions, user overrides, and the code-to-value-set rows measures match against. */
package io.carelens.common.valueset;

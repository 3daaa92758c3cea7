/**
 * Schema diff, breaking-change classification (research schema-diff §7), Confluent compatibility
 * modes and the CI gate with lineage impact. Pure JDK. See README.md in this folder.
 */
package io.lumos.domain.diff;

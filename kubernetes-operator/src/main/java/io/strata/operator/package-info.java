/**
 * What every service's reconcilers share: {@link io.strata.operator.OperatorStartup} starts the operator only when a
 * cluster is configured, {@link io.strata.operator.AsOperator} runs the REST service code as the operator, and
 * {@link io.strata.operator.Specs} turns that code's refusals into conditions.
 */
package io.strata.operator;

package org.optionstream.pcr.aggregate;

/** Why the change-in-OI PCR is undefined (it is then null in the published JSON). */
public enum OiChangePcrReason {
  /** The previous session's OI is unknown for every CE or for every PE instrument in scope. */
  NO_PREV_OI,
  /** The CE change-in-OI total is exactly 0: the ratio would divide by zero. */
  CE_CHANGE_ZERO,
  /** CE and PE changes have opposite signs: the ratio would be negative and carry no meaning. */
  SIGNS_DIFFER
}

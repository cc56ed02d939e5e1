package org.optionstream.alerts.rule;

/** A rule refused by {@link RuleParser}: names the field and says why. */
public final class RuleException extends IllegalArgumentException {

  private final String field;

  public RuleException(String field, String reason) {
    super(field + ": " + reason);
    this.field = field;
  }

  /** The offending field of the rule document. */
  public String field() {
    return field;
  }
}

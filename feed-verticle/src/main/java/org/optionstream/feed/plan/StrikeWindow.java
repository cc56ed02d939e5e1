package org.optionstream.feed.plan;

/**
 * How far the {@code option_greeks} window reaches each side of the ATM strike: a number of listed strikes
 * (so each index gets a comparable chain whatever its strike step) or a distance in index points.
 *
 * @param size   strikes (whole) or index points, each side of ATM
 * @param points true: {@code size} is in index points; false: in strikes
 */
public record StrikeWindow(double size, boolean points) {

  public StrikeWindow {
    if (!(size >= 0) || Double.isInfinite(size) || (!points && size != Math.rint(size))) {
      throw new IllegalArgumentException("a window is a whole number of strikes or a non-negative number of points, got "
          + size + (points ? " points" : " strikes"));
    }
  }

  public static StrikeWindow strikes(int strikes) {
    return new StrikeWindow(strikes, false);
  }

  public static StrikeWindow points(double points) {
    return new StrikeWindow(points, true);
  }

  /** {@code 10} (strikes) or {@code 500pt} / {@code 500pts} / {@code 500points} (index points). */
  public static StrikeWindow parse(String text) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    String number = t.replaceFirst("(points|pts|pt)$", "").trim();
    try {
      return number.length() < t.length() ? points(Double.parseDouble(number)) : new StrikeWindow(Double.parseDouble(t), false);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("a window is a number of strikes (10) or of index points (500pt), got '" + text + "'");
    }
  }

  /** Half-width in index points for a chain whose strikes are {@code strikeStep} apart (NaN step: 0 strikes). */
  public double halfWidthPoints(double strikeStep) {
    if (points) {
      return size;
    }
    return Double.isNaN(strikeStep) ? 0 : size * strikeStep;
  }

  @Override
  public String toString() {
    return points ? "±" + size + " points" : "±" + (long) size + " strikes";
  }
}

package org.optionstream.common.encoding;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads what {@link BinaryWriter} wrote, from a byte array, in the same order. Bounds are checked: reading past the
 * end throws {@link IndexOutOfBoundsException}. Not thread-safe.
 */
public final class BinaryReader {

  private final byte[] bytes;
  private final int end;
  private int at;

  /** Reads {@code bytes[offset, offset + length)}. */
  public BinaryReader(byte[] bytes, int offset, int length) {
    if (offset < 0 || length < 0 || offset + length > bytes.length) {
      throw new IndexOutOfBoundsException("slice " + offset + "+" + length + " of " + bytes.length + " bytes");
    }
    this.bytes = bytes;
    this.at = offset;
    this.end = offset + length;
  }

  public BinaryReader(byte[] bytes) {
    this(bytes, 0, bytes.length);
  }

  /** Where the next read starts, an index into the array. */
  public int position() {
    return at;
  }

  /** Bytes not read yet. */
  public int remaining() {
    return end - at;
  }

  public long getLong() {
    long value = (long) BinaryWriter.LONG.get(bytes, check(8));
    at += 8;
    return value;
  }

  public double getDouble() {
    return Double.longBitsToDouble(getLong());
  }

  public int getInt() {
    int value = (int) BinaryWriter.INT.get(bytes, check(4));
    at += 4;
    return value;
  }

  public short getShort() {
    short value = (short) BinaryWriter.SHORT.get(bytes, check(2));
    at += 2;
    return value;
  }

  /** Text written by {@link BinaryWriter#putText}, null for null. */
  public String getText() {
    int count = getShort();
    if (count < 0) {
      return null;
    }
    String value = new String(bytes, check(count), count, StandardCharsets.UTF_8);
    at += count;
    return value;
  }

  /** The next {@code count} bytes, copied. */
  public byte[] getBytes(int count) {
    int from = check(count);
    at += count;
    return Arrays.copyOfRange(bytes, from, from + count);
  }

  private int check(int count) {
    if (count < 0 || count > end - at) {
      throw new IndexOutOfBoundsException("reading " + count + " bytes at " + at + ", " + (end - at) + " left");
    }
    return at;
  }
}

package org.optionstream.common.encoding;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes a compact big-endian binary form into a growing byte array: fixed-width numbers, and text as an int16
 * byte count (-1 for null) followed by its UTF-8. Read back with {@link BinaryReader}. Reusable ({@link #reset()});
 * not thread-safe.
 */
public final class BinaryWriter {

  static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

  private byte[] bytes;
  private int length;

  public BinaryWriter() {
    this(256);
  }

  public BinaryWriter(int initialCapacity) {
    bytes = new byte[Math.max(16, initialCapacity)];
  }

  /** Forgets what was written; keeps the array. */
  public BinaryWriter reset() {
    length = 0;
    return this;
  }

  /** Bytes written since the last {@link #reset()}. */
  public int length() {
    return length;
  }

  public BinaryWriter putLong(long value) {
    ensure(8);
    LONG.set(bytes, length, value);
    length += 8;
    return this;
  }

  /** The double's IEEE 754 bits, NaN included. */
  public BinaryWriter putDouble(double value) {
    return putLong(Double.doubleToRawLongBits(value));
  }

  public BinaryWriter putInt(int value) {
    ensure(4);
    INT.set(bytes, length, value);
    length += 4;
    return this;
  }

  /** Overwrites the int at {@code index}, written before. */
  public BinaryWriter setInt(int index, int value) {
    if (index < 0 || index + 4 > length) {
      throw new IndexOutOfBoundsException("int at " + index + " of " + length + " bytes written");
    }
    INT.set(bytes, index, value);
    return this;
  }

  public BinaryWriter putShort(int value) {
    ensure(2);
    SHORT.set(bytes, length, (short) value);
    length += 2;
    return this;
  }

  /**
   * Text: int16 byte count and UTF-8 bytes, or -1 for null.
   *
   * @throws IllegalArgumentException when its UTF-8 is longer than {@value Short#MAX_VALUE} bytes
   */
  public BinaryWriter putText(String value) {
    if (value == null) {
      return putShort(-1);
    }
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    if (utf8.length > Short.MAX_VALUE) {
      throw new IllegalArgumentException("text longer than " + Short.MAX_VALUE + " bytes");
    }
    putShort(utf8.length);
    return putBytes(utf8, 0, utf8.length);
  }

  public BinaryWriter putBytes(byte[] source, int offset, int count) {
    ensure(count);
    System.arraycopy(source, offset, bytes, length, count);
    length += count;
    return this;
  }

  /** A copy of what was written. */
  public byte[] toByteArray() {
    return Arrays.copyOf(bytes, length);
  }

  private void ensure(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }
}

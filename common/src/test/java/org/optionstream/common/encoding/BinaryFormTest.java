package org.optionstream.common.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BinaryFormTest {

  @Test
  void whatIsWrittenReadsBackInOrder() {
    BinaryWriter out = new BinaryWriter(16);
    out.putInt(0).putLong(Long.MIN_VALUE).putDouble(Double.NaN).putDouble(-0.0).putShort(-2).putText(null)
        .putText("").putText("NIFTY 23500 CE ₹").putInt(7);
    out.setInt(0, out.length());
    byte[] bytes = out.toByteArray();
    BinaryReader in = new BinaryReader(bytes);
    assertThat(in.getInt()).isEqualTo(bytes.length);
    assertThat(in.getLong()).isEqualTo(Long.MIN_VALUE);
    assertThat(in.getDouble()).isNaN();
    assertThat(Double.doubleToRawLongBits(in.getDouble())).isEqualTo(Double.doubleToRawLongBits(-0.0));
    assertThat(in.getShort()).isEqualTo((short) -2);
    assertThat(in.getText()).isNull();
    assertThat(in.getText()).isEmpty();
    assertThat(in.getText()).isEqualTo("NIFTY 23500 CE ₹");
    assertThat(in.getInt()).isEqualTo(7);
    assertThat(in.remaining()).isZero();
  }

  @Test
  void readingPastTheEndThrowsInsteadOfReadingGarbage() {
    byte[] bytes = new BinaryWriter().putShort(40).putText("ab").toByteArray();
    BinaryReader in = new BinaryReader(bytes, 0, 2);
    assertThatThrownBy(in::getText).as("a text longer than what is left").isInstanceOf(IndexOutOfBoundsException.class);
    BinaryReader whole = new BinaryReader(bytes);
    assertThat(whole.getShort()).isEqualTo((short) 40);
    assertThat(whole.getText()).isEqualTo("ab");
    assertThatThrownBy(whole::getLong).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> new BinaryReader(bytes, 3, bytes.length)).isInstanceOf(IndexOutOfBoundsException.class);
  }
}

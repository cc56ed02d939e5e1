package org.optionstream.feed.upstox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactorTest {

  @Test
  void removesTheTokenAndAnyBearerCredential() {
    Redactor redactor = new Redactor("abc.DEF-123");
    assertThat(redactor.redact("{\"Authorization\":\"Bearer abc.DEF-123\",\"echo\":\"abc.DEF-123\"}"))
        .isEqualTo("{\"Authorization\":\"Bearer ***\",\"echo\":\"***\"}");
    assertThat(redactor.redact("authorization: bearer someone-elses.token; next"))
        .isEqualTo("authorization: bearer ***; next");
    assertThat(redactor.redact("Authorization=Bearer%20xyz&x=1")).isEqualTo("Authorization=Bearer%20***&x=1");
    assertThat(redactor.redact("nothing secret")).isEqualTo("nothing secret");
    assertThat(redactor.redact(null)).isNull();
  }

  @Test
  void withoutATokenOnlyBearerFormsAreRemoved() {
    Redactor redactor = new Redactor(null);
    assertThat(redactor.redact("simulator stopping; Bearer simulator")).isEqualTo("simulator stopping; Bearer ***");
  }

  @Test
  void aRotatedTokenIsRemovedAndSoIsTheOldOne() {
    Redactor redactor = new Redactor(null);
    redactor.add("old-token-1");
    redactor.add("new-token-2");
    assertThat(redactor.redact("rejected old-token-1, now new-token-2")).isEqualTo("rejected ***, now ***");
  }
}

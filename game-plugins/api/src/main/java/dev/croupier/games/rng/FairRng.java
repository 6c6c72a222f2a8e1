package dev.croupier.games.rng;

import dev.croupier.games.api.RoundSeed;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The draws of one round, derived only from the round's seed. This is the published algorithm that
 * a player can re-implement in a few lines:
 *
 * <ol>
 *   <li>Block {@code c} (c = 0, 1, 2 …) is {@code HMAC-SHA256(key = the 32 server seed bytes,
 *       message = UTF-8 of clientSeed + ":" + nonce + ":" + c)}, with nonce and c in decimal.
 *   <li>The blocks are concatenated into one byte stream. A raw draw is the next 4 bytes, read as
 *       an unsigned big-endian 32-bit integer {@code u}.
 *   <li>A draw in {@code [0, n)} for {@code 1 <= n <= 2^32} is rejection sampling: let {@code limit
 *       = 2^32 - (2^32 mod n)}; take raw draws until {@code u < limit}, then return {@code u mod
 *       n}. Each of the {@code n} results then has exactly {@code limit / n} preimages, so there is
 *       no modulo bias.
 *   <li>A shuffle of {@code n} items is Fisher–Yates from the top: for {@code i = n-1} down to 1,
 *       draw {@code j} in {@code [0, i]} and swap items {@code i} and {@code j}.
 * </ol>
 *
 * <p>Not thread-safe: one instance serves one round on one thread. It never touches the clock or a
 * system RNG; all entropy comes from the server seed, fixed before the round by its commitment.
 */
public final class FairRng {
  private static final long TWO_POW_32 = 1L << 32;
  // HMAC-SHA256 (RFC 2104) by hand over one SHA-256 digest: the JDK's Mac costs a round more in its
  // key set-up than in hashing (bench/README.md, "Slot spins per second"). Same bytes, checked
  // against the published test vectors and the JDK's Mac (FairRngTestVectorsTest).
  private static final int SHA256_BLOCK = 64;
  // Cloning a ready digest is far cheaper than looking one up, and rounds are short.
  private static final MessageDigest PROTOTYPE = newSha256();

  private final MessageDigest sha256;
  private final byte[] innerPad = new byte[SHA256_BLOCK];
  private final byte[] outerPad = new byte[SHA256_BLOCK];
  private final byte[] innerHash = new byte[32];
  private final byte[] prefix;
  private final byte[] message;
  private final byte[] block = new byte[32];
  private int position = block.length;
  private int cursor;

  private FairRng(byte[] key, String clientSeed, long nonce) {
    if (key.length > SHA256_BLOCK) {
      throw new IllegalArgumentException("bad server seed");
    }
    sha256 = copyOfPrototype();
    for (int i = 0; i < SHA256_BLOCK; i++) {
      int k = i < key.length ? key[i] : 0;
      innerPad[i] = (byte) (k ^ 0x36);
      outerPad[i] = (byte) (k ^ 0x5c);
    }
    prefix = (clientSeed + ":" + nonce + ":").getBytes(StandardCharsets.UTF_8);
    // Room for the prefix and any int cursor in decimal.
    message = new byte[prefix.length + 10];
    System.arraycopy(prefix, 0, message, 0, prefix.length);
  }

  /** The draws of one round. */
  public static FairRng forRound(RoundSeed seed) {
    return new FairRng(Hex.decode(seed.serverSeed()), seed.clientSeed(), seed.nonce());
  }

  /**
   * The draws of one round, from raw values.
   *
   * @throws IllegalArgumentException if a value is malformed (see {@link RoundSeed})
   */
  public static FairRng forRound(String serverSeedHex, String clientSeed, long nonce) {
    return forRound(new RoundSeed(serverSeedHex, clientSeed, nonce));
  }

  /** The next raw draw: 4 bytes of the stream as an unsigned 32-bit value in {@code [0, 2^32)}. */
  public long nextRaw() {
    if (position == block.length) {
      refill();
    }
    long u =
        ((block[position] & 0xffL) << 24)
            | ((block[position + 1] & 0xffL) << 16)
            | ((block[position + 2] & 0xffL) << 8)
            | (block[position + 3] & 0xffL);
    position += 4;
    return u;
  }

  /**
   * A uniform draw in {@code [0, bound)}, by rejection sampling.
   *
   * @param bound from 1 to {@code 2^32}
   */
  public long nextLong(long bound) {
    if (bound < 1 || bound > TWO_POW_32) {
      throw new IllegalArgumentException("bound must be in [1, 2^32]: " + bound);
    }
    long limit = TWO_POW_32 - (TWO_POW_32 % bound);
    long u = nextRaw();
    while (u >= limit) {
      u = nextRaw();
    }
    return u % bound;
  }

  /**
   * A uniform draw in {@code [0, bound)}, by rejection sampling.
   *
   * @param bound at least 1
   */
  public int nextInt(int bound) {
    return (int) nextLong(bound);
  }

  /** A uniform permutation of {@code 0 .. n-1}, by Fisher–Yates over {@link #nextInt(int)}. */
  public int[] permutation(int n) {
    int[] items = new int[n];
    for (int i = 0; i < n; i++) {
      items[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = nextInt(i + 1);
      int swap = items[i];
      items[i] = items[j];
      items[j] = swap;
    }
    return items;
  }

  /** Shuffles a mutable list in place with the same Fisher–Yates as {@link #permutation(int)}. */
  public <T> void shuffle(List<T> items) {
    for (int i = items.size() - 1; i > 0; i--) {
      int j = nextInt(i + 1);
      items.set(i, items.set(j, items.get(i)));
    }
  }

  /** How many HMAC blocks this round has used so far. */
  public int blocksUsed() {
    return cursor;
  }

  private void refill() {
    int length = prefix.length;
    if (cursor < 10) {
      message[length++] = (byte) ('0' + cursor);
    } else {
      String digits = Integer.toString(cursor);
      for (int i = 0; i < digits.length(); i++) {
        message[length++] = (byte) digits.charAt(i);
      }
    }
    try {
      sha256.update(innerPad);
      sha256.update(message, 0, length);
      sha256.digest(innerHash, 0, innerHash.length);
      sha256.update(outerPad);
      sha256.update(innerHash);
      sha256.digest(block, 0, block.length);
    } catch (DigestException e) {
      throw new IllegalStateException("SHA-256 output buffers are 32 bytes", e);
    }
    cursor++;
    position = 0;
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static MessageDigest copyOfPrototype() {
    try {
      return (MessageDigest) PROTOTYPE.clone();
    } catch (CloneNotSupportedException e) {
      return newSha256();
    }
  }

  /** Block {@code cursor} of a round, as published in the test vectors. */
  static byte[] block(RoundSeed seed, int cursor) {
    FairRng rng = forRound(seed);
    rng.cursor = cursor;
    rng.refill();
    return rng.block.clone();
  }
}

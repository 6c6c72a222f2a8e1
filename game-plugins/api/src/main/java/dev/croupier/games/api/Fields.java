package dev.croupier.games.api;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An immutable map whose keys come in a fixed order: the small JSON objects a plugin builds on
 * every round, such as an outcome or one line win. It is a cheaper {@code LinkedHashMap}: the keys
 * are one array shared by every object of a {@link Shape}, the values one array, and nothing is
 * hashed or linked. Lookups scan the keys, which is fast for the handful of keys such an object
 * has. It equals any map with the same entries, and {@link RoundResult} keeps it as it is instead
 * of copying it.
 */
public final class Fields extends AbstractMap<String, Object> {
  private final Shape shape;
  private final Object[] values;

  private Fields(Shape shape, Object[] values) {
    this.shape = shape;
    this.values = values;
  }

  /** The keys of one kind of object, in order: make one per kind, once, and share it. */
  public static Shape shape(String... keys) {
    return new Shape(keys);
  }

  /** The ordered, distinct keys of one kind of {@link Fields}. */
  public static final class Shape {
    private final String[] keys;

    private Shape(String[] keys) {
      String[] copy = keys.clone();
      for (int i = 0; i < copy.length; i++) {
        Objects.requireNonNull(copy[i], "key");
        for (int j = 0; j < i; j++) {
          if (copy[j].equals(copy[i])) {
            throw new IllegalArgumentException("duplicate key: " + copy[i]);
          }
        }
      }
      this.keys = copy;
    }

    /**
     * An object of this shape.
     *
     * @param values one non-null value per key, in the keys' order
     * @throws IllegalArgumentException if the count differs from the keys'
     * @throws NullPointerException if a value is null
     */
    public Fields with(Object... values) {
      if (values.length != keys.length) {
        throw new IllegalArgumentException(keys.length + " values expected, not " + values.length);
      }
      Object[] copy = values.clone();
      for (Object value : copy) {
        Objects.requireNonNull(value, "value");
      }
      return new Fields(this, copy);
    }
  }

  @Override
  public int size() {
    return values.length;
  }

  @Override
  public Object get(Object key) {
    int i = indexOf(key);
    return i < 0 ? null : values[i];
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super Object> action) {
    for (int i = 0; i < values.length; i++) {
      action.accept(shape.keys[i], values[i]);
    }
  }

  @Override
  public Set<Map.Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return values.length;
      }

      @Override
      public Iterator<Map.Entry<String, Object>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < values.length;
          }

          @Override
          public Map.Entry<String, Object> next() {
            if (next >= values.length) {
              throw new NoSuchElementException();
            }
            int i = next++;
            return new SimpleImmutableEntry<>(shape.keys[i], values[i]);
          }
        };
      }
    };
  }

  private int indexOf(Object key) {
    String[] keys = shape.keys;
    for (int i = 0; i < keys.length; i++) {
      if (keys[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }
}
